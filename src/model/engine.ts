// The stepper: owns time, parameters and recording; the kind owns the mechanism.
import type { ModelKind, RandomSource, StepContext } from './types.js';
import type { ReplayPlan } from './plan.js';

export interface SeriesSet {
  /** Epoch ms of the first sample. */
  startMs: number;
  stepMinutes: number;
  /** Number of samples in every series. */
  length: number;
  series: Record<string, Float64Array>;
}

export interface RunOptions {
  /** Null or absent: deterministic (expected values). */
  random?: RandomSource | null;
  /** Called after every step with the state, for invariant checks in tests. */
  onStep?: (state: unknown, ctx: StepContext) => void;
}

export function runReplay<S>(kind: ModelKind<S>, plan: ReplayPlan, options: RunOptions = {}): SeriesSet {
  const dt = plan.stepMinutes;
  const length = Math.floor((plan.endMs - plan.startMs) / 60_000 / dt) + 1;
  const params: Record<string, number> = { ...plan.params };
  const ctx = { t: 0, dt, params, random: options.random ?? null };
  const state = kind.init(ctx);
  const names = Object.keys(kind.series);
  const series: Record<string, Float64Array> = {};
  for (const name of names) series[name] = new Float64Array(length);
  const out: Record<string, number> = {};
  const effects = plan.effects;
  let next = 0;

  for (let i = 0; i < length; i++) {
    ctx.t = i * dt;
    // Effects due by now apply before the sample, so a step change shows at its own minute.
    while (next < effects.length && effects[next]!.t <= ctx.t + 1e-9) {
      const { effect } = effects[next++]!;
      if (effect.set) Object.assign(params, effect.set);
      if (effect.action) kind.apply(state, effect.action, effect.with ?? {}, ctx);
    }
    kind.observe(state, ctx, out);
    for (const name of names) series[name]![i] = out[name] ?? Number.NaN;
    options.onStep?.(state, ctx);
    if (i < length - 1) kind.step(state, ctx);
  }
  return { startMs: plan.startMs, stepMinutes: dt, length, series };
}
