// `::chart{series=…}`: the chart of one series (default: the primary series) as an image with
// alt text, plus links to its SVG and its data. When the replay spans far more than the hours
// where most happened, a zoomed panel of those hours follows (`zoom=none` leaves it out).
// Asking for a chart is what makes the report render it.
import type { Paragraph } from 'mdast';
import type { BlockSection } from './section.js';
import { SectionError } from './section.js';
import type { ReportState } from '../report-state.js';
import { emphasis, image, link, paragraph } from '../mdast.js';
import { seriesTitle } from './series-title.js';
import { unitLabel } from '../format/format-number.js';
import { formatLocalTime } from '../format/format-local-time.js';
import { seriesZoomWindow } from '../charts/chart-for-request.js';

/** A series name as a file name: letters, digits, `-` and `_`. */
export function chartName(series: string): string {
  return series.replace(/[^A-Za-z0-9_-]+/g, '-');
}

export function chartParagraphs(state: ReportState, series: string, options: { zoom?: boolean } = {}): Paragraph[] {
  const actual = state.replay.scenarios[0];
  if (!actual || !(series in actual.series.series)) {
    const known = Object.keys(actual?.series.series ?? {});
    throw new SectionError(
      `no series \`${series}\` in the replay of ${state.replay.incident.id}`,
      known.length > 0 ? `use one of: ${known.join(', ')}` : 'the replay has no series: does the incident have a model?',
    );
  }
  const name = chartName(series);
  const window = options.zoom ? seriesZoomWindow(state, series) : undefined;
  // A chart asked for twice keeps its first request (with or without its zoomed panel).
  if (!state.charts.has(name)) state.charts.set(name, { name, series, ...(window ? { window } : {}) });
  const title = seriesTitle(state, series);
  const counterfactuals = state.replay.scenarios.length - 1;
  const figures = state.replay.observed.filter((o) => o.series === series);
  const points = figures.length;
  const published = figures.filter((o) => o.provenance === 'published').length;
  // The alt text says what the filled and hollow points are, as the chart's legend does.
  const figuresText =
    published === points
      ? `, with ${points} published figure${points === 1 ? '' : 's'} as points`
      : published === 0
        ? `, with ${points} figure${points === 1 ? '' : 's'} read from the record as hollow points`
        : `, with ${published} published figure${published === 1 ? '' : 's'} as filled points and ${points - published} read from the record as hollow points`;
  const alt =
    `${title} (${unitLabel(state.seriesInfo[series]?.unit ?? '')}) over time: the actual replay` +
    (counterfactuals > 0 ? ` and ${counterfactuals} counterfactual${counterfactuals === 1 ? '' : 's'}` : '') +
    (points > 0 ? figuresText : '');
  const paragraphs = [imageParagraph(name, alt), linksParagraph(name)];
  const requested = state.charts.get(name);
  if (window && requested && 'window' in requested && requested.window) {
    const zoomName = `${name}-zoom`;
    state.charts.set(zoomName, { name: zoomName, series, view: 'zoom', window });
    const span = `${formatLocalTime(window.from, state.zone)} to ${formatLocalTime(window.to, state.zone)}`;
    paragraphs.push(imageParagraph(zoomName, `${title}, zoomed in on ${span}, where most happened`), linksParagraph(zoomName));
  }
  return paragraphs;
}

function imageParagraph(name: string, alt: string): Paragraph {
  return paragraph(image(`charts/${name}.png`, alt));
}

function linksParagraph(name: string): Paragraph {
  return paragraph(emphasis('Also as ', link(`charts/${name}.svg`, 'SVG'), '; chart data: ', link(`charts/${name}.json`, `${name}.json`), '.'));
}

export const chart: BlockSection = {
  kind: 'block',
  needsReplay: true,
  description: 'Chart of one series: actual replay, counterfactuals, published figures, key events; a zoomed panel of the busiest hours.',
  attributes: {
    series: { description: 'The series to chart (default: the primary series).' },
    zoom: { description: 'auto (default): a zoomed panel of the hours where most happened, when the replay is much longer; none: no panel.', values: ['auto', 'none'] },
  },
  render: (state, attributes) => chartParagraphs(state, attributes.series ?? state.primarySeries, { zoom: attributes.zoom !== 'none' }),
};
