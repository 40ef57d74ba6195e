// What the section functions read: the replay, plus what the report derives once from it
// (the primary series, series titles and units, the zero of `T+`, source numbers). Built at
// the edge so sections stay pure functions of this state.
import type { IncidentReplay } from '../replay/types.js';
import type { Source } from '../incident/schema.js';
import { resolveTime } from '../incident/time.js';
import type { BoundaryMapResult } from '../analysis/boundary-map.js';
import type { ReportSensitivity } from './report-sensitivity.js';
import type { MechanismSpec } from '../model/types.js';

export interface SeriesInfo {
  title: string;
  unit: string;
  description?: string;
  /** A secondary impact: charted and compared across scenarios even without published figures. */
  impact?: boolean;
  /** Level above which the series counts as impact (drawn on the mechanism chart). */
  threshold?: number;
}

/** A chart a section asked for; the report renders every chart asked for and nothing else. */
/** A chart of a series over time (the whole replay, a zoomed panel, the mechanism), or of the action items' benefit. */
export interface SeriesChartRequest {
  /** File name without extension, under `charts/`. */
  name: string;
  series: string;
  /** `benefit`: the action items' benefit over the plausible worlds (charts/benefit-chart.ts) instead of a series over time. */
  kind?: 'benefit';
  /** `series` (default): the whole replay; `zoom`: the hours in `window`; `mechanism`: the model's mechanism. */
  view?: 'series' | 'zoom' | 'mechanism';
  /** For `zoom`, the hours shown; for `series`, the hours a zoomed panel below shows. */
  window?: { from: number; to: number };
}

export type ChartRequest =
  | SeriesChartRequest
  | {
      name: string;
      /** The id of a boundary map of `ReportState.boundaryMaps`. */
      boundaryMap: string;
    };

export interface ReportState {
  replay: IncidentReplay;
  /**
   * Whether there is a replay: false for an incident without a `model:` (replay/record-only.ts),
   * whose report shows the record alone and leaves out every section that needs a replay.
   */
  replayed: boolean;
  zone: string;
  /** The series that carries the headline impact. */
  primarySeries: string;
  /** Every series of the replay, in the order the model declares them. */
  seriesInfo: Record<string, SeriesInfo>;
  /** The zero of `T+` offsets: the start moment, else the replay's start. */
  startMs: number;
  /** Source id → its number in the list of sources (1-based). */
  sourceNumbers: Map<string, number>;
  /** Charts asked for by the template, in the order of first use. */
  charts: Map<string, ChartRequest>;
  /** The incident's boundary maps, computed before the report (undefined: not computed). */
  boundaryMaps?: readonly BoundaryMapResult[];
  /** The sensitivity run over the plausible ranges, or why there is none. */
  sensitivity: ReportSensitivity;
  /** The series that show the mechanism of the incident, as the model kind declares them. */
  mechanism?: MechanismSpec;
}

export interface ReportStateOptions {
  /** The kind's primary series; falls back to the series of the first published figure. */
  primarySeries?: string;
  /** Titles and units of the series, from the model kind. */
  seriesInfo?: Record<string, SeriesInfo>;
  /** The incident's boundary maps (`boundaryMapsOf`), for `::boundary-map`. */
  boundaryMaps?: readonly BoundaryMapResult[];
  /** Default: not run (skipped). */
  sensitivity?: ReportSensitivity;
  /** The kind's mechanism chart, if it declares one. */
  mechanism?: MechanismSpec;
}

export function createReportState(replay: IncidentReplay, options: ReportStateOptions = {}): ReportState {
  const incident = replay.incident;
  const actual = replay.scenarios[0];
  const names = actual ? Object.keys(actual.series.series) : [];
  const seriesInfo: Record<string, SeriesInfo> = {};
  for (const name of names) {
    seriesInfo[name] = options.seriesInfo?.[name] ?? {
      title: name,
      unit: actual?.metrics[name]?.unit ?? '',
    };
  }
  const primarySeries =
    (options.primarySeries && names.includes(options.primarySeries) ? options.primarySeries : undefined) ??
    replay.observed.find((o) => names.includes(o.series))?.series ??
    names[0] ??
    // Without a replay: the series the record's first figure is about, for the summary.
    incident.observed?.[0]?.series ??
    '';
  const sourceNumbers = new Map<string, number>();
  incident.sources.forEach((s: Source, i) => sourceNumbers.set(s.id, i + 1));
  return {
    replay,
    replayed: actual !== undefined,
    zone: incident.timezone,
    primarySeries,
    seriesInfo,
    startMs: startOf(replay),
    sourceNumbers,
    charts: new Map(),
    ...(options.boundaryMaps ? { boundaryMaps: options.boundaryMaps } : {}),
    sensitivity: options.sensitivity ?? { status: 'not-run', reason: 'skipped' },
    ...(options.mechanism ? { mechanism: options.mechanism } : {}),
  };
}

function startOf(replay: IncidentReplay): number {
  if (replay.moments.start) return Date.parse(replay.moments.start);
  const model = replay.incident.model;
  if (model) {
    const r = resolveTime(model.start, replay.incident.timezone);
    if (r.ok) return r.epochMs;
  }
  if (replay.scenarios[0]) return replay.scenarios[0].series.startMs;
  // No replay and no start moment: the first event of the timeline.
  const first = replay.incident.timeline[0];
  const r = first ? resolveTime(first.at, replay.incident.timezone) : undefined;
  return r?.ok ? r.epochMs : 0;
}

/** Resolve a time of the incident file; the file passed validation, so it resolves. */
export function instantOfTime(state: ReportState, time: string): number {
  const r = resolveTime(time, state.zone);
  return r.ok ? r.epochMs : Number.NaN;
}
