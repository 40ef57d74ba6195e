// The contract between the replay (engine + analysis) and the reports: what replaying an
// incident produces. Times are ISO 8601 strings with the incident zone's offset, so JSON output
// is deterministic and readable.
import type { Incident } from '../incident/schema.js';
import type { ReplayPlan } from '../model/plan.js';
import type { SeriesSet } from '../model/engine.js';
import type { StartedWorkers } from '../model/monte-carlo.js';
import type { FactProvenance } from '../incident/provenance.js';

export interface ReplayOptions {
  /** Scenario ids to run besides `actual`; default: all of the incident's scenarios. */
  scenarios?: string[];
  /** Monte Carlo seeds; 0 or absent: deterministic (expected values). */
  seeds?: number;
  /** First seed; seeds are firstSeed, firstSeed+1, … */
  firstSeed?: number;
  /** Step in minutes; default: the model's `step` or 1. */
  stepMinutes?: number;
  /** Path of the incident file: `model.module` is resolved relative to it (default: the working directory). */
  incidentFile?: string;
  /** Monte Carlo worker threads; default: the cores available; 0 or 1: in this thread. */
  workers?: number;
  /** Monte Carlo quantiles wanted besides 0.1, 0.5 and 0.9 (each in [0, 1]). */
  quantiles?: number[];
  /**
   * Monte Carlo only: worker threads started before the incident was loaded
   * (`startMonteCarloWorkers` with the same `workers`); the run takes them over or stops them.
   */
  startedWorkers?: StartedWorkers;
  /** Monte Carlo only: steps run so far over every plan (the progress line of the CLI). */
  onProgress?: (done: number, total: number) => void;
}

export interface SeriesMetrics {
  unit: string;
  peak: number;
  /** ISO time of the peak. */
  peakAt: string;
  /** Integral of the series over time, in unit × hours (e.g. % of the AZ × hours). */
  impactArea: number;
  /** The threshold used for `hoursAbove` (in the series unit). */
  threshold: number;
  hoursAbove: number;
  /** The level used for `recoveredAt` (in the series unit). */
  recoveryLevel: number;
  /** First ISO time after the peak at which the series stays below `recoveryLevel`; null if never. */
  recoveredAt: string | null;
  /** Hours from the incident's trigger to `recoveredAt` (0 if never impacted); null if never recovered. */
  hoursToRecover: number | null;
  /**
   * Present (`lower`) for a series where lower is worse (goodput, useful servers): `peak` is then
   * its minimum, `impactArea` the shortfall below `baseline` integrated over time, `hoursAbove`
   * the hours below `threshold`, and `recoveredAt` when it stays at or above `recoveryLevel`.
   */
  worse?: 'lower';
  /** For `worse: lower`: the healthy level, the actual replay's value at the start. */
  baseline?: number;
}

export interface MetricDiff {
  peak: number;
  impactArea: number;
  hoursAbove: number;
  hoursToRecover: number | null;
}

export interface ScenarioReplay {
  /** `actual` for the replay of what happened. */
  id: string;
  title: string;
  rationale?: string;
  plan: ReplayPlan;
  /** Deterministic series, or the Monte Carlo median when run with seeds. */
  series: SeriesSet;
  /** Monte Carlo 10th and 90th percentiles per series, when run with seeds. */
  bands?: Record<string, { p10: Float64Array; p90: Float64Array }>;
  /** Monte Carlo only, when asked for (`quantiles` of the options): each extra quantile of every series. */
  quantiles?: { q: number; series: Record<string, Float64Array> }[];
  metrics: Record<string, SeriesMetrics>;
  /** Difference from the actual replay (this − actual), per series; absent for `actual`. */
  diff?: Record<string, MetricDiff>;
}

export interface ObservedComparison {
  id?: string;
  series: string;
  /** For a figure over a window: its start (ISO), and how the replay is read over it. */
  from?: string;
  aggregate?: 'at' | 'max' | 'min' | 'mean' | 'any';
  /** ISO time the figure holds at (the window's end for a window). */
  at: string;
  observed: number;
  replayed: number;
  error: number;
  tolerance: number;
  within: boolean;
  unit: string;
  basis?: string;
  /** Where the figure comes from (incident/provenance.ts); only `published` is shown as published. */
  provenance: FactProvenance;
  /** The file's `reading:` of the figure, shown with it. */
  reading?: string;
}

/** Where a key moment comes from: the event it is, or `not-published` when the record has none. */
export interface MomentProvenance {
  provenance: FactProvenance | 'not-published';
  /** The event the moment is, when it is one. */
  event?: string;
  /** The event's or override's source id. */
  source?: string;
}

export interface KeyMoments {
  /** What set the incident off (incident-durations.ts): recovery times count from it. */
  trigger?: string;
  start?: string;
  detected?: string;
  mitigated?: string;
  resolved?: string;
}

export interface IncidentReplay {
  incident: Incident;
  /** `actual` first, then the scenarios in file order. */
  scenarios: ScenarioReplay[];
  /** The actual replay against every published figure. */
  observed: ObservedComparison[];
  moments: KeyMoments;
  /** The provenance of each key moment (all four, `not-published` for a missing one; the trigger is its event's). */
  momentProvenance?: Record<Exclude<keyof KeyMoments, 'trigger'>, MomentProvenance>;
  /** Minutes from start to detected / mitigated / resolved. */
  durations: { detect?: number; mitigate?: number; resolve?: number };
  seeds: number;
}
