// leaking-members against closed forms: a fleet with the same headroom degrades all at once at
// headroom / rate; a spread headroom puts member k's crossing at its quantile; a linear ramp of
// the rate crosses where the integral of the rate reaches the headroom (in the limit of small
// steps); restarts at ρ per hour leave D − ⌊ρ·t/60⌋ degraded; and members are conserved.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileComposition } from '../../../src/model/compose/compile-composition.js';
import type { Composition } from '../../../src/model/compose/composition.js';
import { componentTypes } from '../../../src/model/compose/component-types.js';
import { rampFactor } from '../../../src/model/components/leaking-members.js';
import { runReplay } from '../../../src/model/engine.js';
import type { PlannedEffect, ReplayPlan } from '../../../src/model/plan.js';
import { createRandomSource } from '../../../src/model/random.js';

const names = ['members', 'headroom', 'headroomSpread', 'fraction', 'ratePerMinute', 'rampFrom', 'rampHours', 'rampTo', 'cap', 'warnBelow', 'restartsPerHour'];

const composition: Composition = {
  id: 'leak-test',
  description: 'a leaking fleet alone',
  parameters: Object.fromEntries(names.map((n) => [n, { unit: '', description: '' }])),
  stocks: {
    clean: { unit: 'servers' },
    leaking: { unit: 'servers' },
    warned: { unit: 'servers' },
    degraded: { unit: 'servers' },
    affected: { unit: 'servers' },
    headroomLeft: { unit: 'percent of memory' },
  },
  components: {
    leak: {
      type: 'leaking-members',
      parameters: Object.fromEntries(names.map((n) => [n, n])),
      stocks: { clean: 'clean', leaking: 'leaking', warned: 'warned', degraded: 'degraded', affected: 'affected', headroomLeft: 'headroomLeft' },
    },
  },
  series: {
    degraded: { expr: 'degraded', title: '', unit: 'servers', description: '' },
    leaking: { expr: 'leaking', title: '', unit: 'servers', description: '' },
    warned: { expr: 'warned', title: '', unit: 'servers', description: '' },
    clean: { expr: 'clean', title: '', unit: 'servers', description: '' },
    headroom: { expr: 'headroomLeft / affected', title: '', unit: 'percent of memory', description: '' },
    restarts: { expr: 'leak.restarts', title: '', unit: 'servers/min', description: '' },
  },
  primarySeries: 'degraded',
};
const kind = compileComposition(composition, componentTypes);

const base = { members: 10, headroom: 10, headroomSpread: 0, fraction: 100, ratePerMinute: 1, rampFrom: 0, rampHours: 0, rampTo: 1, cap: 0, warnBelow: 0, restartsPerHour: 0 };
const act = (t: number, action: string): PlannedEffect => ({ t, eventIndex: 0, effect: { action: `leak.${action}` } });

function plan(over: Partial<typeof base>, minutes: number, effects: PlannedEffect[] = [act(0, 'start')], stepMinutes = 1): ReplayPlan {
  return { kind: kind.id, zone: 'UTC', startMs: 0, endMs: minutes * 60_000, stepMinutes, params: { ...base, ...over }, effects, scenarioId: 'actual' };
}

/** First sample index at which `series` reaches `value`. */
const firstAt = (s: Float64Array, value: number) => s.findIndex((v) => v >= value);

/** Random parameters of a leak, shared by the property tests below. */
const leakParameters = {
  members: fc.integer({ min: 0, max: 40 }),
  headroom: fc.double({ min: 0, max: 30, noNaN: true }),
  headroomSpread: fc.double({ min: 0, max: 100, noNaN: true }),
  fraction: fc.double({ min: 0, max: 100, noNaN: true }),
  ratePerMinute: fc.double({ min: 0, max: 3, noNaN: true }),
  rampTo: fc.double({ min: 1, max: 4, noNaN: true }),
  rampHours: fc.double({ min: 0, max: 1, noNaN: true }),
  cap: fc.constantFrom(0, 5, 20),
  warnBelow: fc.double({ min: 0, max: 5, noNaN: true }),
};

describe('leaking-members', () => {
  it('degrades the whole fleet at headroom / rate when the headroom is the same', () => {
    const r = runReplay(kind, plan({}, 20));
    expect(firstAt(r.series.degraded!, 10)).toBe(10);
    expect(r.series.degraded![9]).toBe(0);
    expect(Array.from(r.series.headroom!.slice(0, 4))).toEqual([10, 9, 8, 7]);
  });

  it('puts member k’s crossing at its quantile of the spread, and counts the ones near it as warned', () => {
    // Headroom 10 ± 50% over 4 members: 6.25, 8.75, 11.25, 13.75 minutes at 1%/min.
    const r = runReplay(kind, plan({ members: 4, headroomSpread: 50, warnBelow: 2 }, 20, undefined, 0.25));
    for (const [k, h] of [6.25, 8.75, 11.25, 13.75].entries()) expect(firstAt(r.series.degraded!, k + 1) * 0.25).toBeCloseTo(h, 9);
    // At 5 minutes member 0 has 1.25 left (warned), member 1 has 3.75 (leaking).
    expect(r.series.warned![20]).toBe(1);
    expect(r.series.leaking![20]).toBe(3);
  });

  it('with a linear ramp of the rate, crosses where ∫ rate dt reaches the headroom (small steps)', () => {
    // Rate 1 → 3 over the first hour: leaked(t) = t + t²/60, which reaches 30 at t = 30(√3 − 1).
    // Each step leaks at the rate of its start (a left sum), and a crossing shows at the step's
    // end: at most two steps late, converging as the step shrinks.
    const headroom = 30;
    const exact = 30 * (Math.sqrt(3) - 1);
    expect(exact + (exact * exact) / 60).toBeCloseTo(headroom, 9);
    for (const dt of [1, 1 / 60]) {
      const r = runReplay(kind, plan({ headroom, rampHours: 1, rampTo: 3 }, 60, undefined, dt));
      expect(Math.abs(firstAt(r.series.degraded!, 10) * dt - exact)).toBeLessThanOrEqual(2 * dt + 1e-9);
    }
    expect([0, 30, 60, 90].map((t) => rampFactor({ rampFrom: 0, rampHours: 1, rampTo: 3 }, t))).toEqual([1, 2, 3, 3]);
  });

  it('restarts ρ per hour once reclaiming: D − ⌊ρ·t/60⌋ degraded, and their headroom back', () => {
    const r = runReplay(kind, plan({ restartsPerHour: 90 }, 40, [act(0, 'start'), act(15, 'stop'), act(15, 'reclaim')]));
    for (const m of [0, 1, 2, 3, 5]) expect(r.series.degraded![15 + m]).toBe(10 - Math.floor((90 * m) / 60));
    expect(r.series.degraded![22]).toBe(0);
    expect(r.series.headroom![22]).toBe(10);
    expect(r.series.clean![22]).toBe(10);
  });

  it('kills the process at its cap, so a cap below the headroom keeps every member up', () => {
    const r = runReplay(kind, plan({ cap: 4 }, 20));
    expect(Math.max(...r.series.degraded!)).toBe(0);
    expect(Array.from(r.series.headroom!.slice(0, 6))).toEqual([10, 9, 8, 7, 10, 9]);
  });

  it('leaks only in the share `fraction` of the fleet', () => {
    const r = runReplay(kind, plan({ fraction: 30 }, 20));
    expect(r.series.degraded![15]).toBe(3);
    expect(r.series.clean![15]).toBe(7);
  });

  it('steps a leak with no restarts in one pass that gives the bits of the two passes it replaced', () => {
    // `reclaim` with no restarts allowed changes nothing in the model, but keeps the step on its
    // general path (the leak over the fleet, then the classification), the path of any step in
    // which restarts run; without it a running leak takes the one-pass path.
    const actions = fc.array(fc.record({ t: fc.integer({ min: 0, max: 60 }), a: fc.constantFrom('start', 'stop') }), { maxLength: 5 });
    fc.assert(
      fc.property(
        fc.record(leakParameters),
        actions,
        fc.constantFrom(1, 0.25),
        fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
        (p, list, dt, seed) => {
          const effects = [act(0, 'start'), ...list.sort((x, y) => x.t - y.t).map((e) => act(e.t, e.a))];
          const run = (extra: PlannedEffect[]) =>
            runReplay(kind, plan({ ...p, restartsPerHour: 0 }, 90, [...extra, ...effects], dt), {
              random: seed === undefined ? null : createRandomSource(seed),
            }).series;
          const onePass = run([]);
          const twoPasses = run([act(0, 'reclaim')]);
          for (const name of Object.keys(onePass)) expect(Array.from(onePass[name]!), name).toEqual(Array.from(twoPasses[name]!));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('conserves members and keeps every stock ≥ 0 over random parameters and timelines, with and without a seed', () => {
    const actions = fc.array(fc.record({ t: fc.integer({ min: 0, max: 60 }), a: fc.constantFrom('start', 'stop', 'reclaim') }), { maxLength: 6 });
    fc.assert(
      fc.property(
        fc.record({ ...leakParameters, restartsPerHour: fc.double({ min: 0, max: 600, noNaN: true }) }),
        actions,
        fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
        (p, list, seed) => {
          const effects = list.sort((x, y) => x.t - y.t).map((e) => act(e.t, e.a));
          const problems: string[] = [];
          runReplay(kind, plan(p, 90, effects), {
            random: seed === undefined ? null : createRandomSource(seed),
            onStep: (state, ctx) => problems.push(...(kind.invariants?.(state as never, ctx) ?? [])),
          });
          expect(problems).toEqual([]);
        },
      ),
      { numRuns: 80 },
    );
  });
});
