// Helpers for tests of composed models: compile a composition and replay it over a timeline.
import { compileComposition, type CompileOptions, type ComposedKind } from '../../src/model/compose/compile-composition.js';
import { componentTypes } from '../../src/model/compose/component-types.js';
import type { Composition } from '../../src/model/compose/composition.js';
import { runReplay, type SeriesSet } from '../../src/model/engine.js';
import type { PlannedEffect } from '../../src/model/plan.js';
import type { RandomSource, StepContext } from '../../src/model/types.js';
import { planFor } from './kind-properties.js';

export function compile(c: Composition, options: CompileOptions = {}): ComposedKind {
  return compileComposition(c, componentTypes, options);
}

export interface ComposedRun {
  series: Record<string, Float64Array>;
  set: SeriesSet;
  /** Invariant messages seen at any step. */
  problems: string[];
}

/** Replays `kind` for `minutes` with `params` and `effects` (t in minutes), checking invariants at every step. */
export function runComposed(
  kind: ComposedKind,
  params: Record<string, number>,
  effects: { t: number; action?: string; with?: Record<string, number | string | boolean>; set?: Record<string, number> }[],
  minutes: number,
  options: { stepMinutes?: number; random?: RandomSource | null } = {},
): ComposedRun {
  const planned: PlannedEffect[] = effects.map((e, i) => ({
    t: e.t,
    eventIndex: i,
    effect: e.set ? { set: e.set } : { action: e.action!, ...(e.with ? { with: e.with } : {}) },
  }));
  const plan = planFor(kind, params, planned, minutes, options.stepMinutes ?? 1);
  const problems: string[] = [];
  const set = runReplay(kind, plan, {
    random: options.random ?? null,
    onStep: (state: unknown, ctx: StepContext) => {
      for (const p of kind.invariants?.(state as never, ctx) ?? []) problems.push(`t=${ctx.t}: ${p}`);
    },
  });
  return { series: set.series, set, problems };
}
