// The `resource-leak` kind against cases worked by hand (its properties over random parameters
// are in resource-leak-properties.test.ts).
import { describe, expect, it } from 'vitest';
import { runReplay, type SeriesSet } from '../../src/model/engine.js';
import type { PlannedEffect, ReplayPlan } from '../../src/model/plan.js';
import { leakPercentPerMinute, loadFactor, resourceLeak, resourceLeakComposition } from '../../src/model/kinds/resource-leak.js';
import { compileComposition } from '../../src/model/compose/compile-composition.js';
import { componentTypes } from '../../src/model/compose/component-types.js';

/** 1% of a 1 GB server's memory per attempt, one attempt a minute: 1% a minute. */
const onePercentPerMinute = { leakPerAttempt: 0.01 * 1024 * 1024, serverMemory: 1, attemptsPerMinute: 1 };

/** A small fleet, every server leaking, no load rise, no spares, no alarm, no limit. */
function params(overrides: Record<string, number> = {}): Record<string, number> {
  return {
    servers: 10,
    volumesPerServer: 100,
    spareServers: 0,
    affectedFraction: 100,
    memoryHeadroom: 10,
    headroomSpread: 0,
    ...onePercentPerMinute,
    leakHoursBeforeStart: 0,
    mondayLoad: 1,
    loadRiseFrom: 0,
    loadRiseHours: 0,
    failoverMinutes: 0,
    remirrorMinutes: 0,
    restartsPerHour: 60,
    leakAlarm: 0,
    alarmHeadroom: 0,
    alarmResponseMinutes: 0,
    agentMemoryLimit: 0,
    ...overrides,
  };
}

function effect(t: number, action: string): PlannedEffect {
  return { t, eventIndex: 0, effect: { action } };
}

function plan(p: Record<string, number>, minutes: number, effects: PlannedEffect[] = [effect(0, 'dns-update-missed')]): ReplayPlan {
  return { kind: 'resource-leak', zone: 'UTC', startMs: 0, endMs: minutes * 60_000, stepMinutes: 1, params: p, effects, scenarioId: 'actual' };
}

const series = (r: SeriesSet, name: string) => Array.from(r.series[name]!);

describe('leak rate and load', () => {
  it('is leak per attempt × attempts, as a share of memory', () => {
    expect(leakPercentPerMinute(onePercentPerMinute)).toBeCloseTo(1, 12);
    // 133 KB × 6 a minute of 32 GB: 0.002378 % a minute, 0.1427 % an hour.
    expect(leakPercentPerMinute({ leakPerAttempt: 133, attemptsPerMinute: 6, serverMemory: 32 }) * 60).toBeCloseTo(0.14271, 4);
  });

  it('rises linearly from 1 to the Monday load, then stays', () => {
    const p = { loadRiseFrom: 1, loadRiseHours: 2, mondayLoad: 3 };
    expect([0, 60, 120, 180, 600].map((t) => loadFactor(p, t))).toEqual([1, 1, 2, 3, 3]);
    expect(loadFactor({ loadRiseFrom: 1, loadRiseHours: 0, mondayLoad: 3 }, 61)).toBe(3);
  });
});

describe('servers crossing their threshold', () => {
  it('degrade all at once when their headroom is the same: 10% at 1% a minute is 10 minutes', () => {
    const r = runReplay(resourceLeak, plan(params(), 20));
    const degraded = series(r, 'degradedServers');
    expect(degraded.slice(0, 10)).toEqual(new Array(10).fill(0));
    expect(degraded.slice(10)).toEqual(new Array(11).fill(10));
    // No spares: every volume of a degraded server is stuck.
    expect(series(r, 'stuck')[10]).toBe(100);
    expect(series(r, 'headroom').slice(0, 4)).toEqual([10, 9, 8, 7]);
  });

  it('cross over a spread of times when their headroom is spread', () => {
    // Four servers, headroom 10 ± 50%: quantiles 1/8, 3/8, 5/8, 7/8 give 6.25, 8.75, 11.25, 13.75.
    const r = runReplay(resourceLeak, plan(params({ servers: 4, headroomSpread: 50 }), 20));
    const degraded = series(r, 'degradedServers');
    expect([6, 7, 8, 9, 11, 12, 13, 14].map((t) => degraded[t])).toEqual([0, 1, 1, 2, 2, 3, 3, 4]);
  });

  it('leak only in the affected share', () => {
    const r = runReplay(resourceLeak, plan(params({ affectedFraction: 30 }), 20));
    expect(series(r, 'degradedServers')[15]).toBe(3);
    expect(series(r, 'stuck')[15]).toBe(30);
  });

  it('count the leak before the replay from an event before it, and not from an event within it', () => {
    // Four hours at 1%/min would be 240%: 0.05 h is 3 minutes, so 7 minutes are left.
    const before = runReplay(resourceLeak, plan(params({ leakHoursBeforeStart: 0.05 }), 20));
    expect(series(before, 'degradedServers').indexOf(10)).toBe(7);
    const within = runReplay(resourceLeak, plan(params({ leakHoursBeforeStart: 0.05 }), 30, [effect(5, 'dns-update-missed')]));
    expect(series(within, 'degradedServers').indexOf(10)).toBe(15);
  });

  it('leak faster as the load rises', () => {
    const r = runReplay(resourceLeak, plan(params({ mondayLoad: 2, loadRiseFrom: 0, loadRiseHours: 0 }), 20));
    expect(series(r, 'degradedServers').indexOf(10)).toBe(5);
  });
});

describe('failover to spare servers', () => {
  it('moves volumes until the spare room is full: the plateau is affected − spare', () => {
    // All 10 servers degrade at minute 10; 3 servers' worth of room takes 300 of the 1000 volumes.
    const r = runReplay(resourceLeak, plan(params({ spareServers: 3 }), 20));
    const stuck = series(r, 'stuck');
    expect(stuck[10]).toBe(100); // moving: still stuck
    expect(stuck[11]).toBeCloseTo(70, 9);
    expect(stuck[20]).toBeCloseTo(70, 9);
    expect(series(r, 'spareServers')[9]).toBe(3);
    expect(series(r, 'spareServers')[11]).toBeCloseTo(0, 9);
    expect(series(r, 'failingOver')[10]).toBeCloseTo(30, 9);
  });
});

describe('operators', () => {
  it('restart degraded servers at restartsPerHour, and their volumes serve again', () => {
    const effects = [effect(0, 'dns-update-missed'), effect(20, 'stop-leak'), effect(20, 'reclaim-memory')];
    const r = runReplay(resourceLeak, plan(params({ spareServers: 3 }), 40, effects));
    const degraded = series(r, 'degradedServers');
    expect([20, 21, 25, 29, 30, 40].map((t) => degraded[t])).toEqual([10, 9, 5, 1, 0, 0]);
    // Each server moved 30 of its 100 volumes to a spare; the other 70 come back with it.
    expect(series(r, 'stuck')[21]).toBeCloseTo(63, 9);
    expect(series(r, 'stuck')[30]).toBeCloseTo(0, 9);
    expect(series(r, 'headroom')[40]).toBe(10);
  });

  it('answer a working alarm: in time when the response lands before the first crossing', () => {
    // Headroom 10, 1%/min: the alarm at 5% left fires at minute 5; servers cross at minute 10.
    const alarm = (response: number) =>
      runReplay(resourceLeak, plan(params({ leakAlarm: 1, alarmHeadroom: 5, alarmResponseMinutes: response, restartsPerHour: 600 }), 40));
    expect(Math.max(...series(alarm(4), 'stuck'))).toBe(0);
    expect(Math.max(...series(alarm(5), 'stuck'))).toBe(100);
    expect(series(alarm(5), 'degradedServers')[12]).toBeLessThan(10);
  });

  it('leave a failed alarm silent', () => {
    const effects = [effect(0, 'dns-update-missed'), { t: 0, eventIndex: 1, effect: { set: { leakAlarm: 0 } } }];
    const r = runReplay(resourceLeak, plan(params({ leakAlarm: 1, alarmHeadroom: 5 }), 40, effects));
    expect(series(r, 'degradedServers')[40]).toBe(10);
  });
});

describe('a per-process memory limit', () => {
  it('kills the agent at its cap, below the headroom, so no server degrades', () => {
    // The kind with one more series: the agents killed at their cap, per minute of the last step.
    const counted = compileComposition(
      { ...resourceLeakComposition, series: { ...resourceLeakComposition.series, capRestarts: { expr: 'leak.capRestarts', title: 'Cap restarts', unit: 'servers/min', description: '' } } },
      componentTypes,
    );
    const r = runReplay(counted, plan(params({ agentMemoryLimit: 4 }), 20));
    expect(Math.max(...series(r, 'degradedServers'))).toBe(0);
    expect(series(r, 'headroom').slice(0, 6)).toEqual([10, 9, 8, 7, 10, 9]);
    // Ten servers hit the cap every four minutes: at minutes 4, 8, 12, 16, 20 (sample i follows step i − 1).
    expect(series(r, 'capRestarts').slice(1, 21).reduce((a, b) => a + b, 0)).toBe(50);
  });

  it('above the headroom, lets the server degrade and recover when the agent is killed', () => {
    const r = runReplay(resourceLeak, plan(params({ agentMemoryLimit: 12 }), 20));
    const degraded = series(r, 'degradedServers');
    expect([9, 10, 11, 12, 13].map((t) => degraded[t])).toEqual([0, 10, 10, 0, 0]);
  });
});

describe('actions', () => {
  it('reject an action the kind does not define', () => {
    expect(() => runReplay(resourceLeak, plan(params(), 5, [effect(0, 'reboot-everything')]))).toThrow(/no action `reboot-everything`/);
  });
});
