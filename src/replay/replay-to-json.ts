// The JSON form of a replay that `simulate --json` prints: plain data, times as ISO strings with
// the incident zone's offset, floats rounded, keys in a fixed order — byte-identical for the
// same inputs and seeds.
import type { IncidentReplay, ObservedComparison, ScenarioReplay, SeriesMetrics, MetricDiff } from './types.js';
import type { SeriesSet } from '../model/engine.js';
import { formatInstant } from '../analysis/format-instant.js';
import { roundForOutput } from '../analysis/round-for-output.js';
import { momentProvenance } from '../incident/moment-provenance.js';
import { JsonRows } from './format-json.js';

type Num = number | null;

export interface ScenarioJson {
  id: string;
  title: string;
  metrics: Record<string, MetricsJson>;
  series: Record<string, [string, Num][]>;
  /** Monte Carlo only: the 10th and 90th percentiles at every sample. */
  bands?: Record<string, [string, Num, Num][]>;
  /** Monte Carlo with `--quantiles`: each quantile asked for (`"0.99"`), every series, at every sample. */
  quantiles?: Record<string, Record<string, [string, Num][]>>;
}

export type MetricsJson = Omit<SeriesMetrics, 'peak' | 'impactArea' | 'threshold' | 'hoursAbove' | 'recoveryLevel' | 'hoursToRecover' | 'baseline'> & {
  peak: Num;
  impactArea: Num;
  threshold: Num;
  hoursAbove: Num;
  recoveryLevel: Num;
  hoursToRecover: Num;
  baseline?: Num;
  /** This scenario − actual; absent for `actual`. */
  diff?: { peak: Num; impactArea: Num; hoursAbove: Num; hoursToRecover: Num };
};

export interface ReplayJson {
  incident: string;
  scenarios: ScenarioJson[];
  observed: {
    id?: string;
    series: string;
    /** A figure over a window: the window's start and how the replay is read over it. */
    from?: string;
    aggregate?: string;
    at: string;
    observed: Num;
    replayed: Num;
    error: Num;
    tolerance: Num;
    within: boolean;
    /** incident/provenance.ts: published, secondary, reading, derived or assumed. */
    provenance: string;
    reading?: string;
  }[];
  /** Each key moment's provenance; `not-published` when the record has none. */
  moments: Record<string, { at: string | null; provenance: string; event?: string; source?: string }>;
}

/** How a list of samples is made: an array of every row, or rows made as they are written. */
type SampleList = <R extends unknown[]>(length: number, row: (index: number) => R) => R[];

const everyRow: SampleList = (length, row) => Array.from({ length }, (_, i) => row(i));
/** Typed as the array it stands for: `writeJson` writes both the same way. */
const rowsWhenWritten: SampleList = <R extends unknown[]>(length: number, row: (index: number) => R) => new JsonRows(length, row) as unknown as R[];

export function replayToJson(replay: IncidentReplay): ReplayJson {
  return toJson(replay, everyRow);
}

/**
 * The same JSON, with each list of samples made row by row as `writeJson` writes it
 * (format-json.ts): what `simulate --json` prints, at any step length.
 */
export function replayToWritableJson(replay: IncidentReplay): ReplayJson {
  return toJson(replay, rowsWhenWritten);
}

function toJson(replay: IncidentReplay, list: SampleList): ReplayJson {
  const zone = replay.incident.timezone;
  const times = new Map<string, string[]>();
  // Every scenario shares the sample times: format them once.
  const timesOf = (set: SeriesSet): string[] => {
    const key = `${set.startMs}/${set.stepMinutes}/${set.length}`;
    let t = times.get(key);
    if (!t) {
      t = Array.from({ length: set.length }, (_, i) => formatInstant(set.startMs + i * set.stepMinutes * 60_000, zone));
      times.set(key, t);
    }
    return t;
  };
  return {
    incident: replay.incident.id,
    scenarios: replay.scenarios.map((s) => scenarioToJson(s, timesOf(s.series), list)),
    observed: replay.observed.map(observedToJson),
    moments: momentsToJson(replay),
  };
}

function scenarioToJson(s: ScenarioReplay, t: string[], list: SampleList): ScenarioJson {
  const metrics: Record<string, MetricsJson> = {};
  for (const [name, m] of Object.entries(s.metrics)) {
    metrics[name] = metricsToJson(m, s.diff?.[name]);
  }
  const series: ScenarioJson['series'] = {};
  for (const [name, values] of Object.entries(s.series.series)) {
    series[name] = list(values.length, (i): [string, Num] => [t[i]!, roundForOutput(values[i]!)]);
  }
  const out: ScenarioJson = { id: s.id, title: s.title, metrics, series };
  if (s.bands) {
    out.bands = {};
    for (const [name, b] of Object.entries(s.bands)) {
      out.bands[name] = list(b.p10.length, (i): [string, Num, Num] => [t[i]!, roundForOutput(b.p10[i]!), roundForOutput(b.p90[i]!)]);
    }
  }
  if (s.quantiles) {
    out.quantiles = {};
    for (const { q, series: byName } of s.quantiles) {
      const bySeries: Record<string, [string, Num][]> = {};
      for (const [name, values] of Object.entries(byName)) bySeries[name] = list(values.length, (i): [string, Num] => [t[i]!, roundForOutput(values[i]!)]);
      out.quantiles[String(q)] = bySeries;
    }
  }
  return out;
}

function metricsToJson(m: SeriesMetrics, diff?: MetricDiff): MetricsJson {
  const r = (x: number | null) => (x === null ? null : roundForOutput(x));
  return {
    unit: m.unit,
    peak: r(m.peak),
    peakAt: m.peakAt,
    impactArea: r(m.impactArea),
    threshold: r(m.threshold),
    hoursAbove: r(m.hoursAbove),
    recoveryLevel: r(m.recoveryLevel),
    recoveredAt: m.recoveredAt,
    hoursToRecover: r(m.hoursToRecover),
    ...(m.worse ? { worse: m.worse, baseline: r(m.baseline ?? 0) } : {}),
    ...(diff
      ? { diff: { peak: r(diff.peak), impactArea: r(diff.impactArea), hoursAbove: r(diff.hoursAbove), hoursToRecover: r(diff.hoursToRecover) } }
      : {}),
  };
}

function momentsToJson(replay: IncidentReplay): ReplayJson['moments'] {
  const origins = replay.momentProvenance ?? momentProvenance(replay.incident);
  const out: ReplayJson['moments'] = {};
  for (const name of ['start', 'detected', 'mitigated', 'resolved'] as const) {
    out[name] = { at: replay.moments[name] ?? null, ...origins[name] };
  }
  return out;
}

function observedToJson(o: ObservedComparison): ReplayJson['observed'][number] {
  return {
    ...(o.id !== undefined ? { id: o.id } : {}),
    series: o.series,
    ...(o.from !== undefined ? { from: o.from, aggregate: o.aggregate } : {}),
    at: o.at,
    observed: roundForOutput(o.observed),
    replayed: roundForOutput(o.replayed),
    error: roundForOutput(o.error),
    tolerance: roundForOutput(o.tolerance),
    within: o.within,
    provenance: o.provenance,
    ...(o.reading !== undefined ? { reading: o.reading } : {}),
  };
}
