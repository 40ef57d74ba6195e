// The one definition of every duration a report, the index, `summary.json` and `simulate` state.
// Before it, each consumer measured its own: the impact list ran from the start moment to the
// resolved moment, the replay line printed the hours the series spent above its threshold, and
// the counterfactual table counted "time to recover" from the start of the replay window, so one
// incident showed three different durations. Now:
//
// - **trigger**: the first `trigger` event in time (what set the incident off); without one,
//   the start moment. Recovery times count from it, because the replay window's start is an
//   arbitrary choice of the file and the start moment may lag the trigger (Kinesis: 02:44 vs
//   03:47).
// - **impact duration**: from the start moment to the resolved moment, the key moments of the
//   record (`moments:` may name an event other than the last `resolved` one). It is the same
//   number as the time to resolve.
// - **time to detect / mitigate / resolve**: from the start moment to that moment.
// - **time to recover** (of a replayed series): from the trigger until the series stays at or
//   below its recovery level to the end of the replay (at or above it for lower-is-worse).
// - **residual impact**: what the replayed series still shows after the resolved moment, stated
//   separately from the impact duration (the 2011 volumes restored from snapshots a day later).
//
// Pure functions of the incident and of sampled series.
import type { Incident } from '../incident/schema.js';
import { deriveMoments, type Moments } from '../incident/moments.js';
import { resolveTime } from '../incident/time.js';

export interface IncidentDurations {
  /** Instants (epoch ms) of the trigger and the key moments, where the record has them. */
  at: { trigger?: number; start?: number; detected?: number; mitigated?: number; resolved?: number };
  /** Minutes from the start moment to each moment; `resolve` is also the impact duration. */
  minutes: { detect?: number; mitigate?: number; resolve?: number };
}

/** The trigger and the key moments of an incident, and the minutes between them. */
export function incidentDurations(incident: Incident, moments: Moments = deriveMoments(incident)): IncidentDurations {
  const at: IncidentDurations['at'] = {};
  const start = moments.start?.epochMs;
  const trigger = triggerOf(incident, start);
  if (trigger !== undefined) at.trigger = trigger;
  for (const name of ['start', 'detected', 'mitigated', 'resolved'] as const) {
    const m = moments[name];
    if (m) at[name] = m.epochMs;
  }
  const minutes: IncidentDurations['minutes'] = {};
  const from = (to: number | undefined) => (start === undefined || to === undefined ? undefined : minutesBetween(start, to));
  const detect = from(at.detected);
  const mitigate = from(at.mitigated);
  const resolve = from(at.resolved);
  if (detect !== undefined) minutes.detect = detect;
  if (mitigate !== undefined) minutes.mitigate = mitigate;
  if (resolve !== undefined) minutes.resolve = resolve;
  return { at, minutes };
}

/**
 * The first `trigger` event in time; the start moment when there is none. A trigger listed after
 * the start (a file that calls its second change the trigger) does not move the origin past the
 * impact it explains: the earlier of the two counts.
 */
export function triggerOf(incident: Incident, startMs?: number): number | undefined {
  let first: number | undefined;
  for (const event of incident.timeline) {
    if (event.phase !== 'trigger') continue;
    const r = resolveTime(event.at, incident.timezone);
    if (r.ok && (first === undefined || r.epochMs < first)) first = r.epochMs;
  }
  if (first === undefined) return startMs;
  return startMs === undefined ? first : Math.min(first, startMs);
}

export function minutesBetween(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / 60_000;
}

/**
 * Hours from the trigger until a series recovered. A series that never went beyond its recovery
 * level has nothing to recover from (0 h, whatever the trigger); one that recovered before the
 * trigger (a scenario whose change removes the impact) also counts 0, never a negative time.
 */
export function hoursToRecoverFrom(originMs: number, recoveredMs: number | null, impacted: boolean): number | null {
  if (recoveredMs === null) return null;
  if (!impacted) return 0;
  return Math.max(0, recoveredMs - originMs) / 3_600_000;
}

export interface ResidualOptions {
  startMs: number;
  stepMinutes: number;
  /** The resolved moment. */
  resolvedMs: number;
  /** Level the series must stay at or below (at or above when lower is worse) to have recovered. */
  recoveryLevel: number;
  lower?: boolean;
  /** For `lower`: the healthy level the shortfall is measured from. */
  baseline?: number;
}

export interface ResidualImpact {
  /** The series at the resolved moment (the sample at or just before it). */
  atResolved: number;
  /** Whether the series is still beyond its recovery level at the resolved moment. */
  beyondLevel: boolean;
  /** When it recovered for good after the resolved moment; null if not within the replay. */
  recoveredMs: number | null;
  /** Hours from the resolved moment to `recoveredMs` (0 when not beyond the level then). */
  hoursAfterResolved: number | null;
  /** The series at the end of the replay (impact that outlasts it, e.g. volumes never restored). */
  atEnd: number;
  /** Impact area after the resolved moment (trapezoid, unit·h; the shortfall when lower is worse). */
  area: number;
}

/**
 * What a series still shows after the resolved moment: the record's resolution (APIs back,
 * Kinesis "fully restored") does not mean every volume or request was whole again. Null when the
 * resolved moment is outside the sampled series.
 */
export function residualImpact(values: ArrayLike<number>, o: ResidualOptions): ResidualImpact | null {
  const n = values.length;
  if (n === 0) return null;
  const stepMs = o.stepMinutes * 60_000;
  const k = Math.floor((o.resolvedMs - o.startMs) / stepMs);
  if (k < 0 || k >= n) return null;
  const lower = o.lower === true;
  const sign = lower ? -1 : 1;
  const level = sign * o.recoveryLevel;
  const baseline = o.baseline ?? 0;
  let lastBeyond = -1;
  let area = 0;
  let previous = 0;
  for (let i = k; i < n; i++) {
    const v = values[i]!;
    if (sign * v > level) lastBeyond = i;
    const impact = lower ? Math.max(0, baseline - v) : v;
    if (i > k) area += ((previous + impact) / 2) * (o.stepMinutes / 60);
    previous = impact;
  }
  const beyondLevel = sign * values[k]! > level;
  // Recovered at the sample after the last one beyond the level; still beyond at the end: never.
  const recoveredIndex = lastBeyond === -1 ? k : lastBeyond === n - 1 ? -1 : lastBeyond + 1;
  const recoveredMs = recoveredIndex === -1 ? null : Math.max(o.resolvedMs, o.startMs + recoveredIndex * stepMs);
  return {
    atResolved: values[k]!,
    beyondLevel,
    recoveredMs,
    hoursAfterResolved: recoveredMs === null ? null : (recoveredMs - o.resolvedMs) / 3_600_000,
    atEnd: values[n - 1]!,
    area,
  };
}
