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
