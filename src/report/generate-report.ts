// One incident's report, in memory: the template filled from the replay (markdown), the chart
// configurations the template asked for, and the summary of its metrics. Pure: no files, no
// canvas, so `build --check` and the tests run it without rendering a pixel.
import type { Diagnostic } from '../incident/diagnostic.js';
import type { IncidentReplay } from '../replay/types.js';
import { createReportState, type ReportStateOptions } from './report-state.js';
import type { Template } from './template/parse-template.js';
import { renderTemplate } from './template/render-template.js';
import { toMarkdown } from './to-markdown.js';
import type { SeriesChartConfiguration } from './charts/series-chart.js';
import { chartForRequest } from './charts/chart-for-request.js';
import { incidentSummary, type IncidentSummary } from './incident-summary.js';
import { stableJson } from './stable-json.js';

export interface GeneratedChart {
  name: string;
  series: string;
  config: SeriesChartConfiguration;
  /** The configuration as written to `charts/<name>.json`. */
  json: string;
}

export interface GeneratedReport {
  id: string;
  markdown: string;
  charts: GeneratedChart[];
  summary: IncidentSummary;
}

export type GenerateResult = { ok: true; report: GeneratedReport } | { ok: false; diagnostics: Diagnostic[] };

export function generateReport(replay: IncidentReplay, template: Template, options: ReportStateOptions = {}): GenerateResult {
  const state = createReportState(replay, options);
  const { tree, diagnostics } = renderTemplate(template, state);
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  const charts = [...state.charts.values()].map((request): GeneratedChart => {
    const config = chartForRequest(state, request);
    return { name: request.name, series: request.series, config, json: stableJson(config) };
  });
  return { ok: true, report: { id: replay.incident.id, markdown: toMarkdown(tree), charts, summary: incidentSummary(state) } };
}
