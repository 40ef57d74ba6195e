// The stepper: owns time, parameters and recording; the kind owns the mechanism.
// The loop allocates nothing per step: series are preallocated Float64Arrays, the context and
// the `out` record are reused, and kinds mutate their state in place.
import type { ArgValue, ModelKind, RandomSource, StepContext } from './types.js';
import type { ReplayPlan } from './plan.js';

export interface SeriesSet {
  /** Epoch ms of the first sample. */
  startMs: number;
  stepMinutes: number;
  /** Number of samples in every series. */
  length: number;
  series: Record<string, Float64Array>;
}

/** Where a run writes its samples instead of fresh arrays (a caller reusing its buffers, a plain loop compared with the engine). */
export interface SeriesOutput {
  /** One array per series of the kind. */
  series: Record<string, Float64Array>;
  /** Index of the first sample. */
  offset: number;
  /** Distance between consecutive samples (the number of seeds, for a step-major buffer of many runs). */
  stride: number;
}

export interface RunOptions {
  /** Null or absent: deterministic (expected values). */
  random?: RandomSource | null;
  /** Called after every step with the state, for invariant checks in tests. */
  onStep?: (state: unknown, ctx: StepContext) => void;
  /** Write into these arrays instead of allocating a SeriesSet's own. */
  output?: SeriesOutput;
}

/** A plan the kind cannot run: an action it does not define, a parameter it does not know. */
export class ReplayError extends Error {}

/** Number of samples of a plan: one at the start, then one per step up to the end. */
export function sampleCount(plan: Pick<ReplayPlan, 'startMs' | 'endMs' | 'stepMinutes'>): number {
  return Math.floor((plan.endMs - plan.startMs) / 60_000 / plan.stepMinutes + 1e-9) + 1;
}

/** The plan's parameters with the kind's defaults filled in for the ones it does not give. */
export function paramsWithDefaults(kind: ModelKind<any>, params: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, spec] of Object.entries(kind.parameters)) if (spec.default !== undefined) out[name] = spec.default;
  return Object.assign(out, params);
}

/** Problems that would make the kind misread the plan, as messages (empty when it can run). */
export function planProblems(kind: ModelKind<any>, plan: ReplayPlan): string[] {
  const problems: string[] = [];
  const declared = Object.keys(kind.parameters);
  const params = paramsWithDefaults(kind, plan.params);
  for (const name of declared) {
    if (!(name in params)) problems.push(`the \`${kind.id}\` model needs parameter \`${name}\`, which the incident does not give`);
  }
  const actions = Object.keys(kind.actions);
  for (const { effect, t } of plan.effects) {
    if (effect.action !== undefined && actions.length > 0 && !(effect.action in kind.actions)) {
      problems.push(`the \`${kind.id}\` model has no action \`${effect.action}\` (at minute ${t}); its actions are ${actions.join(', ')}`);
    }
    for (const name of Object.keys(effect.set ?? {})) {
      if (declared.length > 0 && !declared.includes(name)) {
        problems.push(`\`set\` changes parameter \`${name}\` (at minute ${t}), which the \`${kind.id}\` model does not read`);
      }
    }
  }
  if (!(plan.stepMinutes > 0)) problems.push(`the step must be positive, got ${plan.stepMinutes} minutes`);
  if (plan.endMs < plan.startMs) problems.push('the replay ends before it starts');
  return problems;
}

export function runReplay<S>(kind: ModelKind<S>, plan: ReplayPlan, options: RunOptions = {}): SeriesSet {
  const length = sampleCount(plan);
  const names = Object.keys(kind.series);
  const output = options.output;
  const series: Record<string, Float64Array> = output?.series ?? {};
  if (!output) for (const name of names) series[name] = new Float64Array(length);
  const offset = output?.offset ?? 0;
  const stride = output?.stride ?? 1;
  const cursor = startReplay(kind, plan, options);
  cursor.advance(
    length,
    names.map((name) => series[name]!),
    offset,
    stride,
  );
  if (length > 1) {
    for (const name of kind.backfillFirstSample ?? []) {
      const column = series[name];
      if (column) column[offset] = column[offset + stride]!;
    }
  }
  return { startMs: plan.startMs, stepMinutes: plan.stepMinutes, length, series };
}

/**
 * One replay that can be advanced a few samples at a time: Monte Carlo in lockstep advances
 * every seed by a chunk of steps, reduces the chunk to quantiles, and goes on, so no run is
 * ever held whole. `runReplay` is one cursor advanced to the end, so both give the same samples.
 */
export interface ReplayCursor {
  /** Number of samples of the whole replay. */
  readonly length: number;
  /** Index of the next sample to record. */
  readonly next: number;
  /**
   * Record samples `next … to−1` (each series in the order of `kind.series`) at
   * `columns[k][at + (i − next) · stride]`, stepping after each sample but the last of the
   * replay. First samples are recorded as they are: backfilling them is the caller's job.
   */
  advance(to: number, columns: Float64Array[], at: number, stride: number): void;
}

export function startReplay<S>(kind: ModelKind<S>, plan: ReplayPlan, options: Pick<RunOptions, 'random' | 'onStep'> = {}): ReplayCursor {
  const dt = plan.stepMinutes;
  const length = sampleCount(plan);
  const params = paramsWithDefaults(kind, plan.params);
  const ctx = { t: 0, dt, params, random: options.random ?? null };
  const state = kind.init(ctx);
  const names = Object.keys(kind.series);
  const out: Record<string, number> = {};
  const record = recorderFor(names);
  const effects = plan.effects;
  const onStep = options.onStep;
  let nextEffect = 0;
  const cursor = {
    length,
    next: 0,
    advance(to: number, columns: Float64Array[], at: number, stride: number): void {
      const end = Math.min(to, length);
      // The loop runs once per sample of every replay: what it reads is in locals, not loaded
      // from the closure each time, and the effects are looked at only when the next is due
      // (this took the engine's own share of a step from about 14 ns to 7).
      const k = kind;
      const s = state;
      const c = ctx;
      const observeOnly = !k.record;
      // Runs of samples between effects go to the kind in one call where it can (a test's
      // onStep sees every sample, so it keeps the sample loop).
      const span = onStep === undefined ? k.advanceSpan : undefined;
      const last = length - 1;
      let due = nextEffect < effects.length ? effects[nextEffect]!.t : Number.POSITIVE_INFINITY;
      for (let i = cursor.next; i < end; i++, at += stride) {
        const t = i * dt;
        c.t = t;
        // Effects due by now apply before the sample, so a step change shows at its own minute.
        if (due <= t + 1e-9) {
          while (nextEffect < effects.length && effects[nextEffect]!.t <= t + 1e-9) {
            const { effect } = effects[nextEffect++]!;
            if (effect.set) {
              Object.assign(params, effect.set);
              k.onSet?.(s, c);
            }
            if (effect.action) applyAction(k, s, effect.action, effect.with ?? {}, c);
          }
          due = nextEffect < effects.length ? effects[nextEffect]!.t : Number.POSITIVE_INFINITY;
        }
        if (span !== undefined) {
          // Up to the sample at which the next effect is due (the test above, sample by sample).
          let spanEnd = i + 1;
          while (spanEnd < end && !(due <= spanEnd * dt + 1e-9)) spanEnd++;
          span.call(k, s, dt, i, spanEnd, last, columns, at, stride);
          at += (spanEnd - 1 - i) * stride;
          i = spanEnd - 1;
          c.t = i * dt;
          continue;
        }
        if (observeOnly) {
          k.observe(s, c, out);
          record(out, columns, at);
        } else k.record!(s, c, columns, at);
        if (onStep !== undefined) onStep(s, c);
        if (i < last) k.step(s, c);
      }
      cursor.next = Math.max(cursor.next, end);
    },
  };
  return cursor;
}

/** An action whose arguments the kind rejects is a problem in the data: say which and when. */
function applyAction<S>(kind: ModelKind<S>, state: S, action: string, args: Readonly<Record<string, ArgValue>>, ctx: StepContext): void {
  try {
    kind.apply(state, action, args, ctx);
  } catch (error) {
    if (error instanceof ReplayError) throw error;
    throw new ReplayError(`action \`${action}\` at minute ${ctx.t}: ${(error as Error)?.message ?? String(error)}`);
  }
}

type Recorder = (out: Record<string, number>, columns: Float64Array[], at: number) => void;
const recorders = new Map<string, Recorder>();

/**
 * A function that copies `out[name]` of every series into its column. Generated once per list
 * of series names, so each copy is a property load with a constant key (which V8 compiles to a
 * direct field access) instead of a keyed lookup through a variable: this loop runs once per
 * sample per series, and the generic version took a quarter of a replay of EBS 2011. Names are
 * embedded with JSON.stringify, so any string is a safe key. Where code generation from strings
 * is disabled (--disallow-code-generation-from-strings), the generic loop is used.
 */
function recorderFor(names: readonly string[]): Recorder {
  const key = JSON.stringify(names);
  let record = recorders.get(key);
  if (record) return record;
  try {
    const body = names.map((name, n) => `columns[${n}][at] = out[${JSON.stringify(name)}] ?? NaN;`).join('\n');
    record = new Function('out', 'columns', 'at', body) as Recorder;
  } catch {
    record = (out, columns, at) => {
      for (let n = 0; n < names.length; n++) columns[n]![at] = out[names[n]!] ?? Number.NaN;
    };
  }
  recorders.set(key, record);
  return record;
}
