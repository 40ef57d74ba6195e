// The machine-readable metrics of one incident, for `out/summary.json` and the index page.
// Keys are written in a fixed order here, so the JSON is stable.
import type { ReportState } from './report-state.js';
import type { SeriesMetrics } from '../replay/types.js';
import { impactReduction } from './impact-reduction.js';
import { lowerIsWorse } from './lower-is-worse.js';
import { localTimeParts } from './format/format-local-time.js';
import { residualOf } from './residual-of.js';
import { formatInstant } from '../analysis/format-instant.js';

export interface ScenarioSummary {
  id: string;
  title: string;
  metrics: Record<string, SeriesMetrics>;
  /** Reduction of the primary series' impact area against the actual replay; null for `actual`. */
  impactReduction: { area: number; percent: number } | null;
}

export interface IncidentSummary {
  id: string;
  title: string;
  service: string;
  region: string;
  severity: string;
  timezone: string;
  /** Local date of the start, `YYYY-MM-DD`. */
  date: string;
  /** The model kind, `composed` for a composed model, null for an incident without a `model:`. */
  kind: string | null;
  seeds: number;
  primarySeries: string;
  primarySeriesTitle: string;
  moments: { trigger: string | null; start: string | null; detected: string | null; mitigated: string | null; resolved: string | null };
  /**
   * Minutes from the start moment (analysis/incident-durations.ts); `impact` is the impact
   * duration, start to resolved, the same number as `resolve`.
   */
  durationsMinutes: { impact: number | null; detect: number | null; mitigate: number | null; resolve: number | null };
  /** The primary series after the resolved moment in the actual replay; null without one. */
  residual: {
    series: string;
    atResolved: number;
    recoveredAt: string | null;
    hoursAfterResolved: number | null;
    impactArea: number;
    atEnd: number;
  } | null;
  /** Published figures the actual replay meets within tolerance; null without a model (nothing replayed). */
  fit: { within: number; total: number } | null;
  observed: {
    id: string | null;
    series: string;
    at: string;
    observed: number;
    replayed: number;
    error: number;
    tolerance: number;
    within: boolean;
  }[];
  scenarios: ScenarioSummary[];
  bestCounterfactual: { id: string; title: string; impactReduction: { area: number; percent: number } } | null;
  report: string;
}

export function incidentSummary(state: ReportState): IncidentSummary {
  const { replay, primarySeries } = state;
  const { incident, moments, durations } = replay;
  const actual = replay.scenarios[0];
  const residual = residualOf(state);
  const scenarios = replay.scenarios.map((s, i): ScenarioSummary => {
    const metrics: Record<string, SeriesMetrics> = {};
    for (const [series, m] of Object.entries(s.metrics)) {
      metrics[series] = {
        unit: m.unit,
        peak: m.peak,
        peakAt: m.peakAt,
        impactArea: m.impactArea,
        threshold: m.threshold,
        hoursAbove: m.hoursAbove,
        recoveryLevel: m.recoveryLevel,
        recoveredAt: m.recoveredAt,
        hoursToRecover: m.hoursToRecover,
        // Only for series where lower is worse (see SeriesMetrics), so other entries keep their keys.
        ...(lowerIsWorse(m) ? { worse: 'lower', baseline: (m as { baseline?: number }).baseline ?? null } : {}),
      } as SeriesMetrics;
    }
    const reduction = i === 0 || !actual ? null : impactReduction(actual, s, primarySeries);
    return {
      id: s.id,
      title: s.title,
      metrics,
      impactReduction: reduction && { area: reduction.area, percent: reduction.percent },
    };
  });
  const best = scenarios
    .slice(1)
    .filter((s) => s.impactReduction !== null && Number.isFinite(s.impactReduction.area))
    .reduce<ScenarioSummary | undefined>((a, s) => (!a || s.impactReduction!.area > a.impactReduction!.area ? s : a), undefined);
  return {
    id: incident.id,
    title: incident.title,
    service: incident.service,
    region: incident.region,
    severity: incident.severity,
    timezone: incident.timezone,
    date: localTimeParts(state.startMs, state.zone).date,
    kind: incident.model?.kind ?? (incident.model?.components ? 'composed' : null),
    seeds: replay.seeds,
    primarySeries,
    primarySeriesTitle: state.seriesInfo[primarySeries]?.title ?? primarySeries,
    moments: {
      trigger: moments.trigger ?? null,
      start: moments.start ?? null,
      detected: moments.detected ?? null,
      mitigated: moments.mitigated ?? null,
      resolved: moments.resolved ?? null,
    },
    durationsMinutes: {
      impact: durations.resolve ?? null,
      detect: durations.detect ?? null,
      mitigate: durations.mitigate ?? null,
      resolve: durations.resolve ?? null,
    },
    residual: residual && {
      series: primarySeries,
      atResolved: residual.atResolved,
      recoveredAt: residual.recoveredMs === null ? null : formatInstant(residual.recoveredMs, state.zone),
      hoursAfterResolved: residual.hoursAfterResolved,
      impactArea: residual.area,
      atEnd: residual.atEnd,
    },
    fit: state.replayed ? { within: replay.observed.filter((o) => o.within).length, total: replay.observed.length } : null,
    observed: replay.observed.map((o) => ({
      id: o.id ?? null,
      series: o.series,
      at: o.at,
      observed: o.observed,
      replayed: o.replayed,
      error: o.error,
      tolerance: o.tolerance,
      within: o.within,
    })),
    scenarios,
    bestCounterfactual: best ? { id: best.id, title: best.title, impactReduction: best.impactReduction! } : null,
    report: `${incident.id}/README.md`,
  };
}
