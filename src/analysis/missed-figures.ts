// The published figures the actual replay misses beyond their tolerance, worded for a CI log:
// `--fail-on-miss` turns a replay that no longer meets the record into a failed job.
import type { ObservedComparison } from '../replay/types.js';

/** Comparisons outside their tolerance, in the file's order. */
export function missedFigures(comparisons: readonly ObservedComparison[]): ObservedComparison[] {
  return comparisons.filter((c) => !c.within);
}

/** `<label>: the actual replay misses 2 of 5 published figures: stuck-peak (…), …` */
export function formatMissed(label: string, missed: readonly ObservedComparison[], total: number): string {
  const round = (x: number) => Number(x.toPrecision(4));
  const each = missed.map(
    (c) => `${c.id ?? c.series} at ${c.at}: replay ${round(c.replayed)}, published ${round(c.observed)} ± ${round(c.tolerance)}`,
  );
  return `${label}: the actual replay misses ${missed.length} of ${total} published figure${total === 1 ? '' : 's'} beyond tolerance: ${each.join('; ')}`;
}
