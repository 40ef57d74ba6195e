// zone-control-plane: calls held until their timeout fill the pool to rate × timeout and drain
// one timeout after they stop; the other zones fail when the pool is short; elections drain the
// waiting volumes at the served fraction or at a rate; the result does not depend on the step.
import { describe, expect, it } from 'vitest';
import type { Composition } from '../../../src/model/compose/composition.js';
import { runComposition } from '../../support/run-composition.js';

const model = (o: { searching?: number; free?: number; waiting?: number; crashOrigin?: number } = {}): Composition => ({
  id: 'control-plane-test',
  description: 'a regional pool of 100 threads',
  parameters: {
    calls: { unit: 'calls/minute', description: 'hanging calls', default: 5 },
    timeout: { unit: 'minutes', description: 'call timeout', default: 10 },
    other: { unit: 'threads', description: 'other zones', default: 20 },
    share: { unit: 'percent', description: 'zone cap', default: 100 },
  },
  stocks: {
    searching: { unit: 'volumes', initial: o.searching ?? 100 },
    // Stocks nothing writes are only declared when they start above 0 (validate refuses a stock always 0).
    ...(o.crashOrigin ? { crashSearching: { unit: 'volumes', initial: o.crashOrigin } } : {}),
    ...(o.free ? { free: { unit: 'replicas', initial: o.free } } : {}),
    waiting: { unit: 'volumes', initial: o.waiting ?? 0 },
    healthy: { unit: 'volumes', initial: 1000 },
  },
  components: {
    cp: {
      type: 'zone-control-plane',
      parameters: {
        threads: 100,
        otherZonesThreads: 'other',
        callsPerMin: 'calls',
        callTimeout: 'timeout',
        negotiationRetriesPerMin: 1,
        negotiationThreadMinutes: 0.5,
        degradedZoneShare: 'share',
        throttledReleasePerHour: 0.5,
        dedicatedReleasePerHour: 2,
      },
      stocks: {
        searching: 'searching',
        ...(o.crashOrigin ? { crashSearching: 'crashSearching' } : {}),
        ...(o.free ? { freeSpace: 'free' } : {}),
        waiting: 'waiting',
        healthy: 'healthy',
      },
    },
  },
  series: {
    held: { expr: 'cp.held', title: 'held', unit: 'threads', description: '' },
    errors: { expr: 'if(other > 0, 100 * (1 - cp.otherServed / other), 0)', title: 'errors', unit: 'percent', description: '' },
    waiting: { expr: 'waiting', title: 'waiting', unit: 'volumes', description: '' },
  },
  primarySeries: 'held',
});

describe('zone-control-plane', () => {
  it('holds rate × timeout threads in the steady state and releases them one timeout after the calls stop', () => {
    const r = runComposition(model(), { actions: [[30, 'cp.disable-calls']], minutes: 50 });
    expect(r.series.held![5]).toBeCloseTo(25, 9);
    expect(r.series.held![29]).toBeCloseTo(50, 9);
    expect(r.series.held![39]).toBeGreaterThan(0);
    // Exactly 0 once every call has timed out: no rounding sliver left held.
    expect(r.series.held![40]).toBe(0);
    expect(r.series.errors![29]).toBe(0);
  });

  it('holds the same threads at 1-second steps: a running sum over 600 slots', () => {
    const r = runComposition(model(), { minutes: 20, stepMinutes: 1 / 60 });
    expect(r.series.held![20 * 60]).toBeCloseTo(50, 6);
  });

  it('starves the other zones once hanging calls fill the pool, unless the zone is capped', () => {
    // 10 calls a minute for 10 minutes want 100 threads of 100, with 20 for the others.
    const starved = runComposition(model(), { params: { calls: 10 }, minutes: 20 });
    expect(Math.max(...starved.series.errors!)).toBeGreaterThan(1);
    const capped = runComposition(model(), { params: { calls: 10, share: 50 }, minutes: 20 });
    expect(Math.max(...capped.series.errors!)).toBe(0);
    expect(Math.max(...capped.series.held!)).toBeLessThanOrEqual(50 + 1e-9);
  });

  it('hangs the searching volumes’ share of calls: S / (S + free space)', () => {
    // 10 searching, 990 free: 1% of 5 calls a minute hang, each for 10 minutes.
    const r = runComposition(model({ searching: 10, free: 990 }), { minutes: 20 });
    expect(r.series.held![20]).toBeCloseTo(5 * 0.01 * 10, 12);
  });

  it('elects all waiting volumes at once when served, at a rate through throttles, none when cut off', () => {
    const served = runComposition(model({ waiting: 100 }), { params: { calls: 0 }, minutes: 2 });
    expect(served.series.waiting![1]).toBe(0);
    const cut = runComposition(model({ waiting: 100 }), { actions: [[0, 'cp.disconnect']], minutes: 10 });
    expect(cut.series.waiting![10]).toBe(100);
    const throttled = runComposition(model({ waiting: 100 }), { actions: [[0, 'cp.throttle']], minutes: 60 });
    expect(throttled.series.waiting![60]).toBeCloseTo(100 * Math.exp(-0.5), 9);
    const fine = runComposition(model({ waiting: 100 }), { actions: [[0, 'cp.throttle']], minutes: 60, stepMinutes: 1 / 60 });
    expect(fine.series.waiting![3600]).toBeCloseTo(100 * Math.exp(-0.5), 9);
  });

  it('loads the pool with the negotiations of crash-origin volumes (Little’s law), none once cut off', () => {
    // 200 volumes × 1 attempt a minute × 0.5 thread-minutes = 100 threads asked, plus 20 for the others.
    const r = runComposition(model({ crashOrigin: 200 }), { params: { calls: 0 }, actions: [[10, 'cp.disconnect']], minutes: 20 });
    expect(r.series.errors![5]).toBeCloseTo(100 * (1 - 100 / 120), 9);
    expect(r.series.errors![10]).toBe(0);
  });
});
