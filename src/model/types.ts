// The contract between the engine and the model kinds. A kind is a plain object registered by
// id; the engine owns time, parameters, randomness and the recording of series.

export type ArgValue = number | string | boolean;

/**
 * A number a kind or a component takes: its unit, valid bounds and integer-ness, declared once.
 * `validate`, `fit` and scenarios all check against these bounds.
 */
export interface ParameterSpec {
  unit: string;
  description: string;
  /** Value used when the incident file does not give the parameter (optional parameters only). */
  default?: number;
  /** Smallest valid value (inclusive). */
  min?: number;
  /** Largest valid value (inclusive). */
  max?: number;
  /** Only whole numbers are valid (a count of attempts, of servers). */
  integer?: boolean;
  /**
   * An amount that splits between cells (a load, a capacity): a component copied into N cells
   * gets its cell's share of it. Intensive parameters (a timeout, a rate per client) do not.
   */
  extensive?: boolean;
}

export interface SeriesSpec {
  title: string;
  /** `percent`, `count`, `servers`, `threads`, … */
  unit: string;
  description: string;
  /**
   * Level above which the series counts as impact, for `hoursAbove` (in the series unit).
   * Default: 10% of the actual replay's peak.
   */
  threshold?: number;
  /** Level the series must stay below to count as recovered. Default: `threshold`. */
  recoveryLevel?: number;
  /**
   * Which way is bad. `higher` (default): stuck volumes, errors. `lower`: goodput, useful
   * servers, capacity; its metrics then measure the shortfall below its level at the start
   * (see SeriesMetrics.worse).
   */
  worse?: 'higher' | 'lower';
  /**
   * A secondary impact the record describes (region-wide API errors, stuck RDS instances):
   * reports chart it and compare the counterfactuals on it even when no figure of it is published.
   */
  impact?: boolean;
}

/**
 * The mechanism the model says drove the incident, as one chart: the series that show it (free
 * capacity and control-plane load; threads per server against the limit; memory headroom).
 * Reports draw it from this declaration, whatever the kind.
 */
export interface MechanismSpec {
  title: string;
  /** One sentence: how the series drive the impact. Shown under the chart. */
  description: string;
  /** Series drawn against the left value axis. */
  series: string[];
  /** Series drawn against a second axis on the right (another unit, or another scale). */
  right?: string[];
}

export interface ActionArgumentSpec {
  description: string;
  required?: boolean;
  /** `number` (default): a number or an expression over the model's parameters. */
  type?: 'number' | 'string' | 'boolean';
  unit?: string;
  min?: number;
  max?: number;
  /** For `string` arguments: the values allowed. */
  values?: readonly string[];
  /** An amount split between cells when the action addresses every cell of an instance. */
  extensive?: boolean;
}

export interface ActionSpec {
  description: string;
  /** Arguments the action takes (in the event's `with:`), with their type and valid bounds. */
  args?: Record<string, ActionArgumentSpec>;
}

/** Uniform draws from one named stream; each random variable has its own stream. */
export interface RandomSource {
  /** A uniform number in [0, 1) from the stream `name`. */
  uniform(name: string): number;
  /** Number of successes in `n` trials of probability `p`, from the stream `name`. */
  binomial(name: string, n: number, p: number): number;
  /** A Poisson-distributed count of mean `mean`, from the stream `name`. */
  poisson(name: string, mean: number): number;
}

export interface StepContext {
  /** Minutes since the replay's start. */
  readonly t: number;
  /** Step length in minutes. */
  readonly dt: number;
  /** Parameter values in force now (the file's values, scenario overrides, `set` effects). */
  readonly params: Readonly<Record<string, number>>;
  /** Null in deterministic mode: the kind then uses expected values. */
  readonly random: RandomSource | null;
}

export interface ModelKind<S = unknown> {
  /** kebab-case id used in incident files. */
  id: string;
  description: string;
  parameters: Record<string, ParameterSpec>;
  series: Record<string, SeriesSpec>;
  /** The series that carries the headline impact (e.g. `stuck`). */
  primarySeries: string;
  /** The series that show the mechanism of the incident, charted together. */
  mechanism?: MechanismSpec;
  actions: Record<string, ActionSpec>;
  /** A fresh state from the parameters at the start. */
  init(ctx: StepContext): S;
  /** Apply an action of the timeline at the current time. */
  apply(state: S, action: string, args: Readonly<Record<string, ArgValue>>, ctx: StepContext): void;
  /** Advance the state by one step of `ctx.dt` minutes. Mutates `state` for speed. */
  step(state: S, ctx: StepContext): void;
  /** Write the value of every series for the current state into `out`. */
  observe(state: S, ctx: StepContext, out: Record<string, number>): void;
  /**
   * Optional fast path of `observe`: write every series, in the order of `series`, straight
   * into `columns[k][at]` (no record of names in between).
   */
  record?(state: S, ctx: StepContext, columns: Float64Array[], at: number): void;
  /**
   * Optional fast path of the engine's sample loop, for the samples `from … to−1` between two
   * effects of the timeline: for each sample i, what `record` then `step` at minute i·dt would
   * do (no step after sample `last`, the replay's end), sample i written at
   * `columns[k][at + (i − from)·stride]`. It must do the same arithmetic in the same order, so
   * the samples are the same to the bit; a kind without it is run sample by sample.
   */
  advanceSpan?(state: S, dt: number, from: number, to: number, last: number, columns: Float64Array[], at: number, stride: number): void;
  /** Conservation and sign checks; returns a message per violation (used by property tests). */
  invariants?(state: S, ctx: StepContext): string[];
  /** Parameters changed by a `set` effect (already in `ctx.params`). */
  onSet?(state: S, ctx: StepContext): void;
  /**
   * Series whose first sample repeats the second: rates over a step (goodput, errors) have no
   * value before the first step, and the rate of the first step is the system as it starts.
   */
  backfillFirstSample?: readonly string[];
}
