// The actual replay against each published figure: the replayed value at the figure's time, or
// over its window (max for a peak, min, mean, or the value at the window's end).
import type { Incident, ObservedPoint } from '../incident/schema.js';
import { resolveTime } from '../incident/time.js';
import type { SeriesSet } from '../model/engine.js';
import type { ObservedComparison } from '../replay/types.js';
import { formatInstant } from './format-instant.js';
import { observedProvenance } from '../incident/provenance.js';

/** An observed point the replay cannot be read at (unknown series, time outside the replay). */
export class ObservedError extends Error {}

/** The series at an instant, linear between samples (the replay is sampled every step). */
export function valueAt(values: ArrayLike<number>, set: Pick<SeriesSet, 'startMs' | 'stepMinutes' | 'length'>, epochMs: number): number {
  const x = (epochMs - set.startMs) / 60_000 / set.stepMinutes;
  if (x < -1e-9 || x > set.length - 1 + 1e-9) return Number.NaN;
  const i = Math.min(set.length - 1, Math.max(0, Math.floor(x + 1e-9)));
  const frac = x - i;
  if (frac <= 1e-9 || i === set.length - 1) return values[i]!;
  return values[i]! + frac * (values[i + 1]! - values[i]!);
}

/** Aggregate of the series over [from, to]: its samples inside the window plus both ends. */
export function valueOver(
  values: ArrayLike<number>,
  set: Pick<SeriesSet, 'startMs' | 'stepMinutes' | 'length'>,
  fromMs: number,
  toMs: number,
  aggregate: 'at' | 'max' | 'min' | 'mean',
): number {
  const first = valueAt(values, set, fromMs);
  const last = valueAt(values, set, toMs);
  if (Number.isNaN(first) || Number.isNaN(last)) return Number.NaN;
  if (aggregate === 'at') return last;
  const stepMs = set.stepMinutes * 60_000;
  const inside: number[] = [first];
  for (let i = Math.floor((fromMs - set.startMs) / stepMs) + 1; set.startMs + i * stepMs < toMs; i++) inside.push(values[i]!);
  inside.push(last);
  if (aggregate === 'max') return Math.max(...inside);
  if (aggregate === 'min') return Math.min(...inside);
  // Mean over time: the trapezoid integral divided by the window, so uneven end pieces weigh right.
  if (toMs <= fromMs) return first;
  const times = [fromMs];
  for (let i = Math.floor((fromMs - set.startMs) / stepMs) + 1; set.startMs + i * stepMs < toMs; i++) times.push(set.startMs + i * stepMs);
  times.push(toMs);
  let area = 0;
  for (let k = 1; k < inside.length; k++) area += ((inside[k - 1]! + inside[k]!) / 2) * (times[k]! - times[k - 1]!);
  return area / (toMs - fromMs);
}

export function compareObserved(incident: Incident, replay: SeriesSet): ObservedComparison[] {
  return (incident.observed ?? []).map((point, index) => compareOne(incident, replay, point, index));
}

function instant(incident: Incident, time: string, what: string): number {
  const r = resolveTime(time, incident.timezone);
  if (!r.ok) throw new ObservedError(`${what}: cannot resolve time \`${time}\` (${r.problem})`);
  return r.epochMs;
}

function compareOne(incident: Incident, replay: SeriesSet, point: ObservedPoint, index: number): ObservedComparison {
  const name = `observed[${index}]${point.id ? ` (${point.id})` : ''}`;
  const values = replay.series[point.series];
  if (!values) {
    throw new ObservedError(
      `${name}: the replay has no series \`${point.series}\`; its series are ${Object.keys(replay.series).join(', ')}`,
    );
  }
  let atMs: number;
  let fromMs: number | undefined;
  let replayed: number;
  if (point.window) {
    fromMs = instant(incident, point.window.from, name);
    atMs = instant(incident, point.window.to, name);
    replayed =
      point.aggregate === 'any'
        ? nearestOver(values, replay, fromMs, atMs, point.value)
        : valueOver(values, replay, fromMs, atMs, point.aggregate ?? 'at');
  } else {
    atMs = instant(incident, point.at!, name);
    replayed = valueAt(values, replay, atMs);
  }
  if (Number.isNaN(replayed)) {
    throw new ObservedError(
      `${name}: ${point.at ?? `${point.window!.from} – ${point.window!.to}`} is outside the replay (model.start … model.end)`,
    );
  }
  const error = replayed - point.value;
  return {
    ...(point.id ? { id: point.id } : {}),
    series: point.series,
    ...(fromMs !== undefined ? { from: formatInstant(fromMs, incident.timezone), aggregate: point.aggregate ?? 'at' } : {}),
    at: formatInstant(atMs, incident.timezone),
    observed: point.value,
    replayed,
    error,
    tolerance: point.tolerance,
    within: Math.abs(error) <= point.tolerance + 1e-9,
    unit: point.unit,
    ...(point.basis ? { basis: point.basis } : {}),
    provenance: observedProvenance(point),
    ...(point.reading !== undefined ? { reading: point.reading } : {}),
  };
}

/**
 * For a figure that holds at some moment the record does not give ("at this point, about 13%"):
 * the replayed value in the window closest to the figure. The replay is continuous between
 * samples, so it passes through every value between its least and its greatest in the window:
 * the closest is the figure clamped to that range.
 */
export function nearestOver(
  values: ArrayLike<number>,
  set: Pick<SeriesSet, 'startMs' | 'stepMinutes' | 'length'>,
  fromMs: number,
  toMs: number,
  target: number,
): number {
  const low = valueOver(values, set, fromMs, toMs, 'min');
  const high = valueOver(values, set, fromMs, toMs, 'max');
  if (Number.isNaN(low) || Number.isNaN(high)) return Number.NaN;
  return Math.min(high, Math.max(low, target));
}

/** Root-mean-square and largest absolute error over the comparisons (0 and 0 when there are none). */
export function errorSummary(comparisons: readonly Pick<ObservedComparison, 'error'>[]): { rmse: number; maxAbsError: number } {
  if (comparisons.length === 0) return { rmse: 0, maxAbsError: 0 };
  let sq = 0;
  let max = 0;
  for (const c of comparisons) {
    sq += c.error * c.error;
    max = Math.max(max, Math.abs(c.error));
  }
  return { rmse: Math.sqrt(sq / comparisons.length), maxAbsError: max };
}
