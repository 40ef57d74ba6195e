// One incident's page: its report (the tree out/<id>/README.md is written from, as HTML) with each chart
// drawn in the browser from the report's own chart configuration. An incident without charts
// (no model) is the report alone: nothing on the page depends on a chart being there.
import type { GeneratedReport } from '../report/generate-report.js';
import type { IncidentReplay } from '../replay/types.js';
import { reportToHtml } from './report-to-html.js';
import { htmlDocument } from './html-document.js';
import { thinChart } from './thin-chart.js';
import { figureNotes } from './figure-notes.js';
import { fixedTickLabels } from './tick-labels.js';
import type { SiteCharts } from './site-chart.js';

/** `replay` gives the published figures' quotes to the charts' tooltips; a report without one has no charts. */
export function incidentPage(report: GeneratedReport, replay: IncidentReplay | undefined, generator: string): string {
  const charts: SiteCharts = {};
  for (const chart of report.charts) {
    const figures = replay ? figureNotes(chart.config, chart.series, replay) : undefined;
    const tickLabels = fixedTickLabels(chart.config);
    charts[chart.name] = { config: thinChart(chart.config), ...(figures ? { figures } : {}), ...(tickLabels ? { tickLabels } : {}) };
  }
  const main = reportToHtml(report.tree, { charts: new Set(Object.keys(charts)) });
  return htmlDocument({
    title: `${report.summary.title} · incident replay`,
    root: '../',
    nav: '<nav aria-label="Site"><a href="../index.html">All incidents</a></nav>',
    main,
    ...(report.charts.length > 0 ? { data: { charts } } : {}),
    generator,
  });
}
