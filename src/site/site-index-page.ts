// The site's front page: one row per incident, sortable by any column and filterable by
// service, severity, year and model kind (site.ts in the browser does both; without script the
// table is simply all of it). Rows carry what the filters and sorting read as data attributes.
import type { IncidentSummary } from '../report/incident-summary.js';
import { formatDuration } from '../report/format/format-duration.js';
import { formatNumber, formatQuantity } from '../report/format/format-number.js';
import { lowerIsWorse } from '../report/lower-is-worse.js';
import { escapeHtml } from './escape-html.js';

/** The filters: a data attribute of each row, and its label. */
const filters = [
  { key: 'service', label: 'Service' },
  { key: 'severity', label: 'Severity' },
  { key: 'year', label: 'Year' },
  { key: 'kind', label: 'Model kind' },
] as const;

interface Row {
  id: string;
  service: string;
  severity: string;
  year: string;
  kind: string;
  cells: { html: string; sort: string | number; numeric?: boolean }[];
}

const columns = ['Incident', 'Date', 'Service', 'Severity', 'Model kind', 'Duration', 'Peak impact (replay)', 'Best counterfactual', 'Figures within tolerance'];

export function siteIndexPage(summaries: readonly IncidentSummary[]): string {
  const rows = summaries.map(rowOf);
  const options = (key: (typeof filters)[number]['key']) => [...new Set(rows.map((r) => r[key]))].sort();
  const selects = filters
    .map(
      (f) =>
        `<div class="filter"><label for="filter-${f.key}">${f.label}</label> <select id="filter-${f.key}" data-filter="${f.key}"><option value="">all</option>${options(f.key)
          .map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`)
          .join('')}</select></div>`,
    )
    .join('\n');
  const head = columns
    .map((c, i) => `<th scope="col" aria-sort="none"><button type="button" data-column="${i}">${escapeHtml(c)}</button></th>`)
    .join('');
  const body = rows
    .map(
      (r) =>
        `<tr data-service="${escapeHtml(r.service)}" data-severity="${escapeHtml(r.severity)}" data-year="${escapeHtml(r.year)}" data-kind="${escapeHtml(r.kind)}">${r.cells
          .map((c, i) => `<${i === 0 ? 'th scope="row"' : 'td'}${c.numeric ? ' class="number"' : ''} data-sort="${escapeHtml(String(c.sort))}">${c.html}</${i === 0 ? 'th' : 'td'}>`)
          .join('')}</tr>`,
    )
    .join('\n');
  return `<h1>Incident replays</h1>
<p>Published postmortems replayed through capacity models: what happened, and what the replay shows for the counterfactuals. Each page holds the full report with interactive charts.</p>
<form class="filters" aria-label="Filter the incidents">
${selects}
</form>
<p class="count" role="status" id="incident-count">${rows.length} of ${rows.length} incidents shown</p>
<div class="table-wrap">
<table class="incidents">
<caption>Incidents (select a column heading to sort by it)</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
</div>
<p>Duration is the impact duration: from the start moment to the resolved moment. Sources, quotes and the provenance of every figure are in each report.</p>`;
}

function rowOf(s: IncidentSummary): Row {
  const actual = s.scenarios[0]?.metrics[s.primarySeries];
  const best = s.bestCounterfactual;
  const kind = s.kind ?? 'none';
  const year = s.date.slice(0, 4);
  const duration = s.durationsMinutes.impact;
  const peak = actual ? `${lowerIsWorse(actual) ? 'down to ' : ''}${formatQuantity(actual.peak, actual.unit)} ${s.primarySeriesTitle.toLowerCase()}` : s.fit === null ? '—' : 'n/a';
  const gain = best && Number.isFinite(best.impactReduction.percent) ? `: ${formatNumber(best.impactReduction.percent)}% less impact` : '';
  return {
    id: s.id,
    service: s.service,
    severity: s.severity,
    year,
    kind,
    cells: [
      { html: `<a href="${encodeURIComponent(s.id)}/index.html">${escapeHtml(s.title)}</a>`, sort: s.title },
      { html: escapeHtml(s.date), sort: s.date },
      { html: escapeHtml(s.service), sort: s.service },
      { html: escapeHtml(s.severity), sort: s.severity },
      { html: `<code>${escapeHtml(kind)}</code>`, sort: kind },
      { html: duration === null ? 'n/a' : escapeHtml(formatDuration(duration)), sort: duration ?? -1, numeric: true },
      { html: escapeHtml(peak), sort: actual?.peak ?? -1, numeric: true },
      { html: best ? escapeHtml(`${best.title}${gain}`) : s.fit === null ? '—' : 'none', sort: best?.impactReduction.percent ?? -1 },
      // No model, no replay to compare: a dash, as in out/README.md.
      { html: s.fit === null ? '—' : `${s.fit.within}/${s.fit.total}`, sort: s.fit === null || s.fit.total === 0 ? -1 : s.fit.within / s.fit.total, numeric: true },
    ],
  };
}
