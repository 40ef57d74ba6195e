// A property-test harness for model kinds: over random parameters (and optionally random
// timelines), no series goes negative or NaN, the kind's own invariants hold at every step, and
// replays are reproducible (deterministic twice, and the same seed twice).
//
// Plug a kind in from its test file:
//
//   import fc from 'fast-check';
//   import { describeKindProperties } from '../support/kind-properties.js';
//   describeKindProperties({
//     kind: myKind,
//     params: fc.record({ capacity: fc.double({ min: 1, max: 1e4, noNaN: true }), … }),
//     effects: fc.constant([{ t: 10, eventIndex: 0, effect: { action: 'trigger' } }]), // optional
//     minutes: 240,
//   });
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { runReplay } from '../../src/model/engine.js';
import { createRandomSource } from '../../src/model/random.js';
import type { PlannedEffect, ReplayPlan } from '../../src/model/plan.js';
import type { ModelKind } from '../../src/model/types.js';

export interface KindPropertyOptions {
  kind: ModelKind<any>;
  /** Parameter records to try (every parameter the kind reads, unless it has a default). */
  params: fc.Arbitrary<Record<string, number>>;
  /** Timelines to try, in time order; default: none. */
  effects?: fc.Arbitrary<PlannedEffect[]>;
  /** Length of each replay in minutes. */
  minutes: number;
  stepMinutes?: number;
  /** Series that may be negative (e.g. a difference); every other series must be ≥ 0. */
  signed?: string[];
  /** Runs per property (fast-check's numRuns); default 100. */
  numRuns?: number;
}

export function planFor(kind: ModelKind<any>, params: Record<string, number>, effects: PlannedEffect[], minutes: number, stepMinutes = 1): ReplayPlan {
  return {
    kind: kind.id,
    zone: 'UTC',
    startMs: 0,
    endMs: minutes * 60_000,
    stepMinutes,
    params,
    effects: [...effects].sort((a, b) => a.t - b.t),
    scenarioId: 'actual',
  };
}

/** Replay and collect every problem: invariant messages, negative or NaN samples. */
export function replayProblems(kind: ModelKind<any>, plan: ReplayPlan, seed: number | null, signed: readonly string[] = []): string[] {
  const problems: string[] = [];
  const result = runReplay(kind, plan, {
    random: seed === null ? null : createRandomSource(seed),
    onStep: (state, ctx) => {
      for (const p of kind.invariants?.(state, ctx) ?? []) problems.push(`t=${ctx.t}: ${p}`);
    },
  });
  for (const [name, values] of Object.entries(result.series)) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (Number.isNaN(v)) problems.push(`${name}[${i}] is NaN`);
      else if (v < -1e-9 && !signed.includes(name)) problems.push(`${name}[${i}] is ${v}, expected ≥ 0`);
    }
    if (problems.length > 20) break;
  }
  return problems.slice(0, 20);
}

function sameSeries(a: Record<string, Float64Array>, b: Record<string, Float64Array>): boolean {
  return Object.keys(a).every((name) => {
    const x = a[name]!;
    const y = b[name]!;
    return x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
  });
}

export function describeKindProperties(options: KindPropertyOptions): void {
  const { kind, minutes } = options;
  const effects = options.effects ?? fc.constant<PlannedEffect[]>([]);
  const numRuns = options.numRuns ?? 100;
  const plans = fc.tuple(options.params, effects).map(([params, e]) => planFor(kind, params, e, minutes, options.stepMinutes));

  describe(`${kind.id}: properties over random parameters`, () => {
    it('deterministic replays keep every series ≥ 0 and not NaN, and the invariants hold at every step', () => {
      fc.assert(
        fc.property(plans, (plan) => {
          expect(replayProblems(kind, plan, null, options.signed)).toEqual([]);
        }),
        { numRuns },
      );
    });

    it('seeded replays keep every series ≥ 0 and not NaN, and the invariants hold at every step', () => {
      fc.assert(
        fc.property(plans, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (plan, seed) => {
          expect(replayProblems(kind, plan, seed, options.signed)).toEqual([]);
        }),
        { numRuns },
      );
    });

    it('a seed gives the same replay twice, and so does deterministic mode', () => {
      fc.assert(
        fc.property(plans, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (plan, seed) => {
          const a = runReplay(kind, plan, { random: createRandomSource(seed) }).series;
          const b = runReplay(kind, plan, { random: createRandomSource(seed) }).series;
          expect(sameSeries(a, b)).toBe(true);
          const c = runReplay(kind, plan).series;
          const d = runReplay(kind, plan).series;
          expect(sameSeries(c, d)).toBe(true);
        }),
        { numRuns: Math.max(10, Math.floor(numRuns / 4)) },
      );
    });
  });
}
