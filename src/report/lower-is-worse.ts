// Some series are bad when they fall (useful servers, goodput): their metrics' `peak` is then the
// minimum and `impactArea` the shortfall below the healthy level, and the words change with it.
// `worse` is optional in SeriesMetrics, so reports of replays without it read as `higher`.
import type { SeriesMetrics } from '../replay/types.js';

export function lowerIsWorse(metrics: SeriesMetrics | undefined): boolean {
  return (metrics as { worse?: string } | undefined)?.worse === 'lower';
}

/** `Peak` or `Lowest`, for table headers. */
export function extremeLabel(metrics: SeriesMetrics | undefined): string {
  return lowerIsWorse(metrics) ? 'Lowest' : 'Peak';
}

/** `peaks at` or `falls to`, for prose. */
export function extremeVerb(metrics: SeriesMetrics | undefined): string {
  return lowerIsWorse(metrics) ? 'falls to' : 'peaks at';
}

/**
 * Whether a published figure shows impact at all: beyond the series' impact threshold in the
 * direction that is worse. "Kinesis errors 0 % at 22:23" marks the end of the impact; listed as
 * the "largest figure" of its series it read as if the worst were no errors.
 */
export function showsImpact(metrics: SeriesMetrics | undefined, value: number): boolean {
  if (!metrics) return true;
  return lowerIsWorse(metrics) ? value < metrics.threshold : value > metrics.threshold;
}

/** Whether `a` is a larger impact than `b` on the series: smaller when lower is worse. */
export function worseValue(metrics: SeriesMetrics | undefined, a: number, b: number): boolean {
  return lowerIsWorse(metrics) ? a < b : a > b;
}
