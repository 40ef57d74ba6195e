import { describe, it, expect } from 'vitest';
import { threadPoolLoad } from '../../../src/model/components/thread-pool.js';
import type { Composition } from '../../../src/model/compose/composition.js';
import { runComposition } from '../../support/run-composition.js';

describe('threadPoolLoad (Little’s law)', () => {
  it('under capacity: L = λ·W threads busy, everything succeeds', () => {
    // 600 requests/min holding a thread 0.05 min (3 s) need 30 threads of 100.
    const r = threadPoolLoad({ threads: 100, arrivalsPerMinute: 600, serviceMinutes: 0.05 });
    expect(r.busy).toBeCloseTo(30, 12);
    expect(r.occupancy).toBeCloseTo(0.3, 12);
    expect(r.succeeded).toBeCloseTo(600, 12);
    expect(r.errorPercent).toBeCloseTo(0, 12);
  });

  it('a long timeout to a stuck backend exhausts the pool and starves the healthy callers', () => {
    // The EBS 2011 shape: 10% of 600 calls/min go to a degraded cluster and hold a thread for a
    // 5-minute timeout. Hold W = 0.9·0.05 + 0.1·5 = 0.545 min; demand λ·W = 327 threads > 100.
    // Admitted = 100 / 0.545 ≈ 183.5/min; of those 90% succeed ≈ 165.1; errors ≈ 72.5%.
    const r = threadPoolLoad({ threads: 100, arrivalsPerMinute: 600, serviceMinutes: 0.05, stuckFraction: 0.1, timeoutMinutes: 5 });
    expect(r.holdMinutes).toBeCloseTo(0.545, 12);
    expect(r.demanded).toBeCloseTo(327, 12);
    expect(r.busy).toBe(100);
    expect(r.occupancy).toBe(1);
    expect(r.admitted).toBeCloseTo(100 / 0.545, 9);
    expect(r.succeeded).toBeCloseTo((0.9 * 100) / 0.545, 9);
    expect(r.errorPercent).toBeCloseTo(100 * (1 - (0.9 * 100) / 0.545 / 600), 9);
  });

  it('a short timeout keeps the same stuck fraction from taking the pool', () => {
    // Timeout 0.1 min: W = 0.9·0.05 + 0.1·0.1 = 0.055 min, demand 33 threads: only the stuck 10% fail.
    const r = threadPoolLoad({ threads: 100, arrivalsPerMinute: 600, serviceMinutes: 0.05, stuckFraction: 0.1, timeoutMinutes: 0.1 });
    expect(r.busy).toBeCloseTo(33, 9);
    expect(r.errorPercent).toBeCloseTo(10, 9);
  });

  it('requests slower than the timeout all fail, while still holding threads for the timeout', () => {
    const r = threadPoolLoad({ threads: 100, arrivalsPerMinute: 10, serviceMinutes: 2, timeoutMinutes: 1 });
    expect(r.holdMinutes).toBe(1);
    expect(r.busy).toBe(10);
    expect(r.succeeded).toBe(0);
    expect(r.errorPercent).toBe(100);
  });

  it('with no timeout, stuck requests hold their threads forever and nothing gets through', () => {
    const r = threadPoolLoad({ threads: 100, arrivalsPerMinute: 10, serviceMinutes: 0.1, stuckFraction: 0.01 });
    expect(r.busy).toBe(100);
    expect(r.admitted).toBe(0);
    expect(r.errorPercent).toBe(100);
  });

  it('no arrivals: an idle pool', () => {
    const r = threadPoolLoad({ threads: 10, arrivalsPerMinute: 0, serviceMinutes: 1 });
    expect([r.busy, r.errorPercent, r.occupancy]).toEqual([0, 0, 0]);
  });
});

describe('thread-pool as a component', () => {
  const pool: Composition = {
    id: 'pool',
    description: 'open clients before a thread pool',
    parameters: { load: { unit: 'requests/min', description: 'load', default: 600 } },
    stocks: { incoming: { unit: 'requests' }, succeeded: { unit: 'requests' }, failed: { unit: 'requests' } },
    components: {
      clients: { type: 'open-clients', parameters: { load: 'load' }, stocks: { incoming: 'incoming', succeeded: 'succeeded', failed: 'failed' } },
      pool: { type: 'thread-pool', parameters: { threads: 100, serviceTime: 0.05, timeout: 1 }, stocks: { incoming: 'incoming', succeeded: 'succeeded', failed: 'failed' } },
    },
    series: {
      errors: { expr: '100 * (pool.rejected + pool.lost) / pool.offered', title: 'errors', unit: 'percent', description: 'errors' },
      busy: { expr: 'pool.threadMinutes', title: 'busy', unit: 'threads', description: 'threads busy' },
    },
    primarySeries: 'errors',
  };

  it('follows threadPoolLoad step by step, and a degraded backend starves the pool until it recovers', () => {
    const run = runComposition(pool, { actions: [[10, 'pool.degrade', { stuckShare: 0.1 }], [20, 'pool.recover']], minutes: 30 });
    const expected = threadPoolLoad({ threads: 100, arrivalsPerMinute: 600, serviceMinutes: 0.05, stuckFraction: 0.1, timeoutMinutes: 1 });
    expect(run.series.busy![5]).toBeCloseTo(30, 9);
    expect(run.series.errors![5]).toBe(0);
    // The first step after the degradation: 60 stuck calls hold a minute each, 540 answered
    // hold 0.05: W = 0.145 min, λ·W = 87 threads of 100, so only the stuck ones fail.
    expect(run.series.busy![11]).toBeCloseTo(expected.busy, 9);
    expect(run.series.errors![11]).toBeCloseTo(expected.errorPercent, 9);
    expect(run.series.errors![11]).toBeCloseTo(10, 9);
    expect(run.series.errors![25]).toBe(0);
  });

  it('degrade needs its share', () => {
    expect(() => runComposition(pool, { actions: [[10, 'pool.degrade']] })).toThrow(/`pool.degrade` needs argument `stuckShare`|needs argument `stuckShare`/);
  });
});
