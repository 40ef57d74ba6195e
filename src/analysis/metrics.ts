// Impact metrics of one replayed series, and the difference between two replays. Pure
// functions of the samples: the series is a step function sampled every `stepMinutes`, and
// integrals use the trapezoid rule (exact for the piecewise-linear curve a chart draws).
import type { MetricDiff, SeriesMetrics } from '../replay/types.js';
import { formatInstant } from './format-instant.js';
import { hoursToRecoverFrom } from './incident-durations.js';

export interface MetricsOptions {
  startMs: number;
  stepMinutes: number;
  zone: string;
  unit: string;
  /** Level above which the series counts as impact (for `hoursAbove`). */
  threshold: number;
  /** The series is recovered once it stays at or below this level to the end. */
  recoveryLevel: number;
  /**
   * The instant `hoursToRecover` counts from: the incident's trigger (incident-durations.ts), so
   * every report and `summary.json` state one time to recover. Default: the series' start.
   */
  originMs?: number;
  /**
   * `lower`: lower is worse. The metrics mirror: the peak is the minimum, impact is time below
   * the threshold, the area is the shortfall below `baseline`, recovery is staying at or above
   * the recovery level.
   */
  worse?: 'higher' | 'lower';
  /** For `worse: lower`: the healthy level the shortfall is measured from. */
  baseline?: number;
}

/**
 * What one pass over a series finds, on the series mirrored for lower-is-worse (so the worst
 * sample is the largest): the impact area (trapezoid, in unit·hours), the worst sample and its
 * index, the samples beyond `threshold`, and the last sample beyond `level`.
 */
interface SeriesScan {
  area: number;
  worst: number;
  worstIndex: number;
  beyond: number;
  lastBeyond: number;
}

// The two directions are two loops, each with one shape of arithmetic: a replay at 1 s steps has
// hundreds of thousands of samples per series, and one loop that branched on the direction at
// every sample (and a second pass for the counts) cost more than the model's own step in a
// whole `simulate`. Each does, sample by sample, the operations the single loop did, in the same
// order, so the numbers are the same to the bit.

/** The scan of a series where higher is worse: the impact is the series itself. */
function scanHigher(values: ArrayLike<number>, hoursPerStep: number, threshold: number, level: number): SeriesScan {
  let worst = Number.NEGATIVE_INFINITY;
  let worstIndex = 0;
  let area = 0;
  let previous = 0;
  let beyond = 0;
  let lastBeyond = -1;
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v > worst) {
      worst = v;
      worstIndex = i;
    }
    if (i > 0) area += ((previous + v) / 2) * hoursPerStep;
    previous = v;
    if (v > threshold) beyond++;
    if (v > level) lastBeyond = i;
  }
  return { area, worst, worstIndex, beyond, lastBeyond };
}

/** The scan of a series where lower is worse, mirrored (−v): the impact is the shortfall below `baseline`. */
function scanLower(values: ArrayLike<number>, hoursPerStep: number, baseline: number, threshold: number, level: number): SeriesScan {
  let worst = Number.NEGATIVE_INFINITY;
  let worstIndex = 0;
  let area = 0;
  let previous = 0;
  let beyond = 0;
  let lastBeyond = -1;
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = -values[i]!;
    if (v > worst) {
      worst = v;
      worstIndex = i;
    }
    const impact = Math.max(0, baseline + v);
    if (i > 0) area += ((previous + impact) / 2) * hoursPerStep;
    previous = impact;
    if (v > threshold) beyond++;
    if (v > level) lastBeyond = i;
  }
  return { area, worst, worstIndex, beyond, lastBeyond };
}

function scanSeries(values: ArrayLike<number>, hoursPerStep: number, lower: boolean, baseline: number, threshold: number, level: number): SeriesScan {
  return lower ? scanLower(values, hoursPerStep, baseline, -threshold, -level) : scanHigher(values, hoursPerStep, threshold, level);
}

/**
 * The impact area (trapezoid, in unit·hours) and the worst sample of a series: the series itself
 * when higher is worse, the shortfall below `baseline` when lower is. One pass, no formatting, so
 * a sensitivity run can call it for every replay of every sampled world.
 */
export function impactOf(values: ArrayLike<number>, stepMinutes: number, lower: boolean, baseline: number): { area: number; peak: number; peakIndex: number } {
  const hoursPerStep = stepMinutes / 60;
  // Nothing is beyond an infinite level: the counts are not wanted here.
  const none = Number.POSITIVE_INFINITY;
  const scan = lower ? scanLower(values, hoursPerStep, baseline, none, none) : scanHigher(values, hoursPerStep, none, none);
  return { area: scan.area, peak: values.length === 0 ? Number.NaN : lower ? -scan.worst : scan.worst, peakIndex: scan.worstIndex };
}

export function seriesMetrics(values: ArrayLike<number>, o: MetricsOptions): SeriesMetrics {
  const n = values.length;
  const hoursPerStep = o.stepMinutes / 60;
  const lower = o.worse === 'lower';
  const baseline = lower ? (o.baseline ?? (n > 0 ? values[0]! : 0)) : 0;
  const scan = scanSeries(values, hoursPerStep, lower, baseline, o.threshold, o.recoveryLevel);
  const peak = n === 0 ? Number.NaN : lower ? -scan.worst : scan.worst;
  const lastAboveLevel = scan.lastBeyond;
  // Recovered from the first sample after the last one beyond the level; a series never beyond
  // it had nothing to recover from (recovered at the start); one still beyond at the end never did.
  const recoveredIndex = lastAboveLevel === -1 ? 0 : lastAboveLevel === n - 1 ? -1 : lastAboveLevel + 1;
  const at = (i: number) => formatInstant(o.startMs + i * o.stepMinutes * 60_000, o.zone);
  return {
    unit: o.unit,
    peak,
    peakAt: at(scan.worstIndex),
    impactArea: scan.area,
    threshold: o.threshold,
    hoursAbove: scan.beyond * hoursPerStep,
    recoveryLevel: o.recoveryLevel,
    recoveredAt: recoveredIndex === -1 ? null : at(recoveredIndex),
    hoursToRecover: hoursToRecoverFrom(
      o.originMs ?? o.startMs,
      recoveredIndex === -1 ? null : o.startMs + recoveredIndex * o.stepMinutes * 60_000,
      lastAboveLevel !== -1,
    ),
    ...(lower ? { worse: 'lower' as const, baseline } : {}),
  };
}

/** `scenario − actual` for the metrics that are numbers; null when either side never recovered. */
export function metricDiff(scenario: SeriesMetrics, actual: SeriesMetrics): MetricDiff {
  return {
    peak: scenario.peak - actual.peak,
    impactArea: scenario.impactArea - actual.impactArea,
    hoursAbove: scenario.hoursAbove - actual.hoursAbove,
    hoursToRecover:
      scenario.hoursToRecover === null || actual.hoursToRecover === null ? null : scenario.hoursToRecover - actual.hoursToRecover,
  };
}

/** Default impact threshold of a series: 10% of the actual replay's peak (0 when it never rises). */
export function defaultThreshold(actualPeak: number): number {
  return Number.isFinite(actualPeak) && actualPeak > 0 ? actualPeak / 10 : 0;
}

/** Default threshold of a lower-is-worse series: 90% of its healthy level (a 10% shortfall). */
export function defaultLowerThreshold(baseline: number): number {
  return Number.isFinite(baseline) ? baseline * 0.9 : 0;
}
