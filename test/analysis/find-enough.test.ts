import { describe, it, expect } from 'vitest';
import { findEnough } from '../../src/analysis/find-enough.js';
import { runReplay } from '../../src/model/engine.js';
import type { ModelKind } from '../../src/model/types.js';
import type { ReplayPlan } from '../../src/model/plan.js';
import { impactOf } from '../../src/analysis/metrics.js';

// A capacity pool: demand rises linearly from 0 to `peakDemand` over the replay; the pool serves
// `capacity + buffer`; the shortfall is what it cannot serve. Its peak is known in closed form,
// max(0, peakDemand − capacity − buffer), so the smallest buffer that keeps the peak shortfall at
// or below a goal g is peakDemand − capacity − g.
const pool: ModelKind<{ demand: number }> = {
  id: 'test-pool',
  description: 'a capacity pool under a linear ramp of demand',
  parameters: {
    peakDemand: { unit: 'units', description: 'demand at the end' },
    capacity: { unit: 'units', description: 'capacity without buffer', min: 0 },
    buffer: { unit: 'units', description: 'spare capacity', min: 0, max: 500 },
    rampMinutes: { unit: 'min', description: 'ramp length' },
  },
  series: { shortfall: { title: 'Shortfall', unit: 'units', description: 'demand not served' } },
  primarySeries: 'shortfall',
  actions: {},
  init: () => ({ demand: 0 }),
  apply: () => {},
  step(state, ctx) {
    state.demand = Math.min(ctx.params.peakDemand!, state.demand + (ctx.params.peakDemand! * ctx.dt) / ctx.params.rampMinutes!);
  },
  observe(state, ctx, out) {
    out.shortfall = Math.max(0, state.demand - ctx.params.capacity! - ctx.params.buffer!);
  },
};

const plan = (buffer: number): ReplayPlan => ({
  kind: 'test-pool',
  zone: 'UTC',
  startMs: 0,
  endMs: 180 * 60_000,
  stepMinutes: 1,
  params: { peakDemand: 130, capacity: 100, buffer, rampMinutes: 120 },
  effects: [],
  scenarioId: buffer === 0 ? 'actual' : 'buffer',
});
const peakShortfall = (buffer: number) => impactOf(runReplay(pool, plan(buffer)).series.shortfall!, 1, false, 0).peak;

describe('findEnough', () => {
  it('finds the analytic threshold of a capacity pool replayed by the engine, within its tolerance', () => {
    expect(peakShortfall(0)).toBeCloseTo(30, 9);
    for (const goal of [1, 5, 12.5]) {
      const analytic = 130 - 100 - goal;
      const r = findEnough({ from: 0, to: 40, bound: 500, tolerance: 0.01 }, (b) => peakShortfall(b) <= goal);
      expect(r.status).toBe('found');
      if (r.status !== 'found') continue;
      // On the meeting side, no further than the tolerance.
      expect(r.threshold).toBeGreaterThanOrEqual(analytic - 1e-9);
      expect(r.threshold - analytic).toBeLessThanOrEqual(0.01);
      expect(r.evaluations).toBeLessThan(30);
    }
  });

  it('stretches past the scenario’s value towards the bound, and says when the goal is never reached', () => {
    const r = findEnough({ from: 0, to: 5, bound: 500, tolerance: 0.01 }, (b) => peakShortfall(b) <= 1);
    expect(r).toMatchObject({ status: 'found' });
    expect((r as { threshold: number }).threshold).toBeCloseTo(29, 1);
    expect(findEnough({ from: 0, to: 5, bound: 20 }, (b) => peakShortfall(b) <= 1)).toMatchObject({ status: 'not-reached', searchedTo: 20 });
    // No bound declared: a few stretches, then an honest "not reached".
    expect(findEnough({ from: 0, to: 1, bound: Infinity }, () => false)).toMatchObject({ status: 'not-reached', searchedTo: 64 });
  });

  it('searches downwards (a timeout, a rate), on whole numbers when asked', () => {
    // The goal is met once the rate is at most 37.
    const r = findEnough({ from: 100, to: 0, bound: 0, integer: true }, (x) => x <= 37);
    expect(r).toMatchObject({ status: 'found', threshold: 37 });
    expect(findEnough({ from: 1, to: 4, bound: 64, integer: true }, (x) => x >= 2)).toMatchObject({ status: 'found', threshold: 2 });
  });

  it('refuses to bisect a goal that is not monotone in the bracket, and reports a goal met without change', () => {
    // Met only in a window of the change: met at some value, missed again further along.
    const r = findEnough({ from: 0, to: 100, bound: 100 }, (x) => x > 20 && x < 60);
    expect(r.status).toBe('not-monotone');
    if (r.status === 'not-monotone') {
      expect(r.met).toBeGreaterThan(20);
      expect(r.missed).toBeGreaterThan(r.met);
    }
    expect(findEnough({ from: 0, to: 10, bound: 100 }, () => true)).toMatchObject({ status: 'already', threshold: 0 });
  });

  it('is deterministic: the same search gives the same threshold and evaluations', () => {
    const a = findEnough({ from: 0, to: 40, bound: 500 }, (b) => peakShortfall(b) <= 3);
    const b = findEnough({ from: 0, to: 40, bound: 500 }, (b) => peakShortfall(b) <= 3);
    expect(b).toEqual(a);
  });
});
