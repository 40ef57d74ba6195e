// One incident's report, in memory: the template filled from the replay (markdown), the chart
// configurations the template asked for, and the summary of its metrics. Pure: no files, no
// canvas, so `build --check` and the tests run it without rendering a pixel.
import type { Root } from 'mdast';
import type { Diagnostic } from '../incident/diagnostic.js';
import type { IncidentReplay } from '../replay/types.js';
import { createReportState, type ReportStateOptions } from './report-state.js';
import type { Template } from './template/parse-template.js';
import { renderTemplate } from './template/render-template.js';
import { toMarkdown } from './to-markdown.js';
import type { SeriesChartConfiguration } from './charts/series-chart.js';
import { chartForRequest } from './charts/chart-for-request.js';
import { boundaryMapChart, type BoundaryMapChartConfiguration } from './charts/boundary-map-chart.js';
import { benefitChart, type BenefitChartConfiguration } from './charts/benefit-chart.js';
import { rankActionItems } from './rank-action-items.js';
import { incidentSummary, type IncidentSummary } from './incident-summary.js';
import { stableJson } from './stable-json.js';

export interface GeneratedChart {
  name: string;
  /** The series charted over time, or the boundary map (`boundary:<id>`). */
  series: string;
  config: SeriesChartConfiguration | BoundaryMapChartConfiguration | BenefitChartConfiguration;
  /** The configuration as written to `charts/<name>.json`. */
  json: string;
}

export interface GeneratedReport {
  id: string;
  /** The filled template, the syntax tree the markdown is written from (the site renders it as HTML). */
  tree: Root;
  /** Serialised when first read: `site` renders the tree and never pays for the wrapped markdown. */
  readonly markdown: string;
  charts: GeneratedChart[];
  summary: IncidentSummary;
}

export type GenerateResult = { ok: true; report: GeneratedReport } | { ok: false; diagnostics: Diagnostic[] };

export function generateReport(replay: IncidentReplay, template: Template, options: ReportStateOptions = {}): GenerateResult {
  const state = createReportState(replay, options);
  const { tree, diagnostics } = renderTemplate(template, state);
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  const scenarioIds = (state.replay.incident.scenarios ?? []).map((s) => s.id);
  const charts = [...state.charts.values()].map((request): GeneratedChart => {
    if ('boundaryMap' in request) {
      // The section found the map before asking for its chart.
      const map = state.boundaryMaps!.find((m) => m.id === request.boundaryMap)!;
      // A scenario's point takes the colour of its curves in the series charts.
      const config = boundaryMapChart(map, state.replay.incident.title, (id) => scenarioIds.indexOf(id));
      return { name: request.name, series: `boundary:${map.id}`, config, json: stableJson(config) };
    }
    const config =
      request.kind === 'benefit'
        ? benefitChart(rankActionItems(state), `${replay.incident.id}: benefit of the action items over the plausible worlds`)
        : chartForRequest(state, request);
    return { name: request.name, series: request.series, config, json: stableJson(config) };
  });
  let markdown: string | undefined;
  const report: GeneratedReport = {
    id: replay.incident.id,
    tree,
    get markdown() {
      return (markdown ??= toMarkdown(tree));
    },
    charts,
    summary: incidentSummary(state),
  };
  return { ok: true, report };
}
