// Impact metrics of one replayed series, and the difference between two replays. Pure
// functions of the samples: the series is a step function sampled every `stepMinutes`, and
// integrals use the trapezoid rule (exact for the piecewise-linear curve a chart draws).
import type { MetricDiff, SeriesMetrics } from '../replay/types.js';
import { formatInstant } from './format-instant.js';

export interface MetricsOptions {
  startMs: number;
  stepMinutes: number;
  zone: string;
  unit: string;
  /** Level above which the series counts as impact (for `hoursAbove`). */
  threshold: number;
  /** The series is recovered once it stays at or below this level to the end. */
  recoveryLevel: number;
}

export function seriesMetrics(values: ArrayLike<number>, o: MetricsOptions): SeriesMetrics {
  const n = values.length;
  const hoursPerStep = o.stepMinutes / 60;
  let peak = Number.NEGATIVE_INFINITY;
  let peakIndex = 0;
  let area = 0;
  let above = 0;
  let lastAboveLevel = -1;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v > peak) {
      peak = v;
      peakIndex = i;
    }
    if (i > 0) area += ((values[i - 1]! + v) / 2) * hoursPerStep;
    if (v > o.threshold) above++;
    if (v > o.recoveryLevel) lastAboveLevel = i;
  }
  if (n === 0) peak = Number.NaN;
  // Recovered from the first sample after the last one above the level; a series never above
  // it had nothing to recover from (recovered at the start); one still above at the end never did.
  const recoveredIndex = lastAboveLevel === -1 ? 0 : lastAboveLevel === n - 1 ? -1 : lastAboveLevel + 1;
  const at = (i: number) => formatInstant(o.startMs + i * o.stepMinutes * 60_000, o.zone);
  return {
    unit: o.unit,
    peak,
    peakAt: at(peakIndex),
    impactArea: area,
    threshold: o.threshold,
    hoursAbove: above * hoursPerStep,
    recoveryLevel: o.recoveryLevel,
    recoveredAt: recoveredIndex === -1 ? null : at(recoveredIndex),
    hoursToRecover: recoveredIndex === -1 ? null : recoveredIndex * hoursPerStep,
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
