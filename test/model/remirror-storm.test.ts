// The remirror-storm kind and its components on small clusters worked out by hand.
import { describe, expect, it } from 'vitest';
import { runReplay, type SeriesSet } from '../../src/model/engine.js';
import type { PlannedEffect, ReplayPlan } from '../../src/model/plan.js';
import { remirrorStorm } from '../../src/model/kinds/remirror-storm.js';
import { sharedPoolAllocation } from '../../src/model/components/shared-pool-allocation.js';
import {
  admitHeldCalls,
  createCallsHeldUntilTimeout,
  holdSteps,
} from '../../src/model/components/calls-held-until-timeout.js';

/** A cluster of 1000 volumes on 100 nodes, nothing moving unless a test says so. */
const base: Record<string, number> = {
  volumes: 1000,
  nodes: 100,
  replicasPerVolume: 2,
  isolatedNodes: 10,
  spareCapacity: 5,
  reconnectPrevious: 0,
  searchAttemptsPerMin: 60,
  raceCrashesPerBillionAttempts: 0,
  lastCopyShare: 50,
  spaceReleasedPerHour: 0,
  electionNeeded: 40,
  throttledReleasePerHour: 0.5,
  dedicatedReleasePerHour: 2,
  newCapacityPerHour: 6,
  controlPlaneThreads: 100,
  otherZonesThreads: 20,
  createVolumeCallsPerMin: 0,
  createVolumeTimeout: 10,
  createVolumeTimeoutSpread: 0,
  negotiationRetriesPerMin: 0,
  negotiationThreadMinutes: 0,
  degradedZoneShare: 100,
  snapshotShare: 50,
  unrecoverableShare: 10,
  snapshotRestorePerHour: 6,
  forensicRestorePerHour: 6,
  volumesPerRdsInstance: 4,
};

const plan = (params: Record<string, number>, actions: [number, string][], minutes = 120): ReplayPlan => ({
  kind: remirrorStorm.id,
  zone: 'UTC',
  startMs: 0,
  endMs: minutes * 60_000,
  stepMinutes: 1,
  params: { ...base, ...params },
  effects: actions.map(([t, action], eventIndex): PlannedEffect => ({ t, eventIndex, effect: { action } })),
  scenarioId: 'actual',
});

const run = (params: Record<string, number>, actions: [number, string][], minutes = 120): SeriesSet => {
  const problems: string[] = [];
  const r = runReplay(remirrorStorm, plan(params, actions, minutes), {
    onStep: (state, ctx) => problems.push(...remirrorStorm.invariants!(state as never, ctx)),
  });
  expect(problems).toEqual([]);
  return r;
};

describe('remirror-storm: the partition and the storm', () => {
  it('leaves the volumes that lost a replica, less the free space, stuck (closed form)', () => {
    // 10% of the nodes cut off, two replicas: 1 − 0.9² = 19% of the volumes lose one, 1% lose
    // both. The 18% with a connected copy take the 5% of free space at once: 14% stuck.
    const r = run({}, [[10, 'partition']]);
    expect(r.series.stuck![9]).toBe(0);
    expect(r.series.stuck![10]).toBeCloseTo(14, 9);
    expect(r.series.notRemirrored![10]).toBeCloseTo(14, 9);
    expect(r.series.freeCapacity![10]).toBeCloseTo(0, 9);
    // Nothing else moves: no crashes, no released space, no capacity.
    expect(r.series.stuck![119]).toBeCloseTo(14, 9);
  });

  it('reconnects `reconnectPrevious` of the cut-off and searching volumes at the rollback', () => {
    // At the rollback: isolated 10 → 5 back, 5 searching; searching 130 → 65 back.
    const r = run({ reconnectPrevious: 50 }, [
      [10, 'partition'],
      [12, 'rollback-partition'],
    ]);
    expect(r.series.stuck![11]).toBeCloseTo(14, 9);
    expect(r.series.stuck![12]).toBeCloseTo(7, 9);
  });

  it('keeps nothing stuck when the free space exceeds what the partition asks for', () => {
    const r = run({ spareCapacity: 25 }, [
      [10, 'partition'],
      [12, 'rollback-partition'],
    ]);
    // Only the 1% with both replicas cut off waits, until the rollback.
    expect(Math.max(...r.series.stuck!)).toBeCloseTo(1, 9);
    expect(r.series.stuck![12]).toBe(0);
    expect(r.series.freeCapacity![12]).toBeCloseTo(25 - 19, 9);
  });

  it('re-mirrors with released space while the search runs, and stops when it is stopped', () => {
    // 6% of the volumes' worth of space per hour = 1 volume a minute.
    const r = run({ spaceReleasedPerHour: 6, electionNeeded: 0 }, [
      [10, 'partition'],
      [40, 'stop-futile-search'],
    ]);
    expect(r.series.stuck![40]).toBeCloseTo(14 - 3, 9);
    expect(r.series.stuck![100]).toBeCloseTo(14 - 3, 9);
  });

  it('holds re-mirrored volumes that need an election while the control-plane link is down', () => {
    const r = run({ spaceReleasedPerHour: 6, electionNeeded: 40 }, [
      [10, 'partition'],
      [20, 'disable-control-plane-link'],
      [40, 'stop-futile-search'],
      [50, 'throttle-control-plane-link'],
      [110, 'enable-control-plane-link'],
    ]);
    // 10 minutes with the link up: 10 volumes re-mirrored and usable. 20 minutes down: 20
    // re-mirrored, 8 of them waiting.
    expect(r.series.stuck![20]).toBeCloseTo(13, 9);
    expect(r.series.stuck![40]).toBeCloseTo(13 - 1.2, 9);
    expect(r.series.notRemirrored![40]).toBeCloseTo(11, 9);
    // Coarse throttles: 0.5 an hour of the 8 waiting, for an hour.
    expect(r.series.stuck![110 - 1]).toBeCloseTo(11 + 0.8 * Math.exp(-0.5 * (59 / 60)), 9);
    expect(r.series.stuck![110]).toBeCloseTo(11, 9);
  });
});

describe('remirror-storm: race-condition crashes', () => {
  it('crashes nodes at the expected rate of the search attempts, each taking its replicas', () => {
    // 130 searching volumes × 60 attempts a minute × 1e-5 = 0.078 nodes a minute. Each node
    // holds 2000 / 100 = 20 replicas: half last copies of searching volumes, half healthy.
    const r = run({ raceCrashesPerBillionAttempts: 1e4 }, [[10, 'partition']], 12);
    const crashed = r.series.crashedNodes![11]!;
    expect(crashed).toBeCloseTo(130 * 60 * 1e-5, 12);
    expect(r.series.crashStuck![11]).toBeCloseTo((crashed * 10 * 100) / 1000, 12);
    // Stuck rises by the healthy volumes hit; the last copies were stuck already.
    expect(r.series.stuck![11]).toBeCloseTo(14 + (crashed * 10 * 100) / 1000, 12);
  });

  it('does not crash nodes when nothing searches, or after the search is stopped', () => {
    const quiet = run({ raceCrashesPerBillionAttempts: 1e4 }, []);
    expect(Math.max(...quiet.series.crashedNodes!)).toBe(0);
    const stopped = run({ raceCrashesPerBillionAttempts: 1e4 }, [
      [10, 'partition'],
      [30, 'stop-futile-search'],
    ]);
    expect(stopped.series.crashedNodes![119]).toBe(stopped.series.crashedNodes![30]);
  });

  it('restores volumes with no live copy from snapshots and forensics, and keeps the unrecoverable', () => {
    const r = run({ raceCrashesPerBillionAttempts: 1e5, electionNeeded: 0 }, [
      [0, 'partition'],
      [1, 'rollback-partition'],
      [30, 'stop-futile-search'],
      [40, 'add-capacity'],
      [60, 'start-snapshot-restores'],
      [60, 'start-forensic-restores'],
    ], 600);
    // Long after: every volume that had a copy is re-mirrored, every restorable one restored;
    // what is left is the unrecoverable 10% of the half without a snapshot.
    const crashed = r.series.crashedNodes![30]!;
    const lastCopies = crashed * 10;
    expect(r.series.stuck![599]).toBeCloseTo((100 * lastCopies * 0.5 * 0.1) / 1000, 9);
  });
});

describe('remirror-storm: the regional control plane', () => {
  it('fills the pool with hanging CreateVolume calls and drains it one timeout after they stop', () => {
    // 10 calls a minute hang from the partition (free space gone), each holds its thread 10
    // minutes. Others need 20 of 100 threads: they are short once 10k + 20 + 10 > 100, k = 8.
    const r = run({ createVolumeCallsPerMin: 10 }, [
      [10, 'partition'],
      [30, 'disable-create-volume'],
    ]);
    expect(r.series.apiErrors![17]).toBe(0);
    expect(r.series.apiErrors![18]).toBeGreaterThan(0);
    expect(r.series.apiErrors![29]).toBeGreaterThan(1);
    // After 2:40-style disabling, no new calls: the held ones time out within 10 minutes.
    expect(r.series.controlPlaneLoad![40]).toBeCloseTo(20, 9);
    expect(Math.max(...r.series.apiErrors!.slice(40))).toBe(0);
  });

  it('browns out from the negotiations of volumes whose replica holder crashed, until the link is cut', () => {
    const r = run(
      { raceCrashesPerBillionAttempts: 1e5, negotiationRetriesPerMin: 1, negotiationThreadMinutes: 2 },
      [
        [10, 'partition'],
        [60, 'disable-control-plane-link'],
      ],
    );
    const load = r.series.controlPlaneLoad!;
    // Load grows with the crash-origin volumes: 2 thread-minutes each, a minute apart.
    for (let i = 12; i < 60; i++) expect(load[i]!).toBeGreaterThanOrEqual(load[i - 1]! - 1e-9);
    expect(Math.max(...r.series.apiErrors!.slice(10, 60))).toBeGreaterThan(1);
    expect(load[60]).toBeCloseTo(20, 9);
    expect(Math.max(...r.series.apiErrors!.slice(60))).toBe(0);
  });

  it('keeps the other zones served when one zone may hold only a share of the pool', () => {
    const r = run({ createVolumeCallsPerMin: 10, degradedZoneShare: 25 }, [[10, 'partition']]);
    expect(Math.max(...r.series.apiErrors!)).toBe(0);
  });
});

describe('remirror-storm: RDS instances', () => {
  it('are stuck when any of their volumes is, under independence', () => {
    const r = run({}, [[10, 'partition']]);
    expect(r.series.rdsStuck![10]).toBeCloseTo(100 * (1 - 0.86 ** 4), 9);
  });
});

describe('remirror-storm: invariants', () => {
  it('report volumes that are not conserved and counts that go negative', () => {
    const ctx = { t: 0, dt: 1, params: base, random: null };
    const state = remirrorStorm.init(ctx);
    expect(remirrorStorm.invariants!(state, ctx)).toEqual([]);
    // The volume states are stocks of the composition, laid out in the order they are declared.
    const slot = (stock: string) => Object.keys(remirrorStorm.composition.stocks).indexOf(stock);
    state.values[slot('healthy')]! -= 5;
    state.values[slot('waiting')] = -1;
    const problems = remirrorStorm.invariants!(state, ctx);
    expect(problems).toContain('stock `waiting` is -1, expected ≥ 0');
    expect(problems.some((m) => m.startsWith('volumes not conserved: the stocks sum to 994'))).toBe(true);
  });
});

describe('remirror-storm: actions', () => {
  it('refuses an action it does not define', () => {
    expect(() => run({}, [[10, 'reboot-everything']])).toThrow(/no action `reboot-everything`/);
  });
});

describe('components', () => {
  it('sharedPoolAllocation serves in proportion, caps the degraded zone at its share', () => {
    const even = sharedPoolAllocation({ threads: 100, heldByDegraded: 50, otherDemand: 50, degradedDemand: 50, degradedShare: 1 });
    expect(even.otherServed).toBe(25);
    expect(even.otherErrorPercent).toBe(50);
    expect(even.degradedServedFraction).toBe(0.5);
    expect(even.loadPercent).toBe(150);
    const capped = sharedPoolAllocation({ threads: 100, heldByDegraded: 20, otherDemand: 50, degradedDemand: 50, degradedShare: 0.25 });
    expect(capped.degradedServed).toBe(5);
    expect(capped.otherErrorPercent).toBe(0);
    const idle = sharedPoolAllocation({ threads: 100, heldByDegraded: 0, otherDemand: 0, degradedDemand: 0, degradedShare: 1 });
    expect(idle).toEqual({ degradedServed: 0, otherServed: 0, degradedServedFraction: 1, otherErrorPercent: 0, loadPercent: 0 });
  });

  it('callsHeldUntilTimeout releases each step’s calls exactly one timeout later', () => {
    expect(holdSteps(10, 1)).toBe(10);
    expect(holdSteps(0.2, 1)).toBe(1);
    expect(holdSteps(10, 3)).toBe(3);
    const calls = createCallsHeldUntilTimeout(3, 1);
    expect([admitHeldCalls(calls, 5), calls.held]).toEqual([0, 5]);
    expect([admitHeldCalls(calls, 7), calls.held]).toEqual([0, 12]);
    expect([admitHeldCalls(calls, 0), calls.held]).toEqual([0, 12]);
    expect([admitHeldCalls(calls, 0), calls.held]).toEqual([5, 7]);
    expect([admitHeldCalls(calls, 0), calls.held]).toEqual([7, 0]);
  });
});
