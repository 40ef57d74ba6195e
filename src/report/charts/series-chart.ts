// The chart of one series as a Chart.js configuration: plain data (no functions), built by a
// pure function, saved as JSON beside the images and compared in golden tests. It shows the
// actual replay, every counterfactual (dashed; coinciding ones say so and alternate their
// dashes), the Monte Carlo 10–90% band when run with seeds, the published figures as labelled
// points, and the key moments and model-changing events as vertical lines titled above the
// plot, on a time axis in the incident's zone. With a window it is the zoomed panel of the
// hours where most happened (zoom-window.ts).
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { ReportState } from '../report-state.js';
import type { ScenarioReplay } from '../../replay/types.js';
import { downsampleIndices } from './downsample.js';
import { axisTicks, timeAxis } from './time-ticks.js';
import { observedLegendLabel, observedPointStyle } from './observed-point-style.js';
import { actualColour, counterfactualColour, observedColour, withAlpha } from './palette.js';
import { formatQuantity, unitLabel } from '../format/format-number.js';
import { formatLocalTime } from '../format/format-local-time.js';
import { seriesTitle, seriesUnit } from '../sections/series-title.js';
import { yRange, type YRange } from './y-range.js';
import { coincidingCurves, interleavedDash } from './coinciding-curves.js';
import { eventLines, eventLinesOptions, layOutEventLabels, type EventLine } from './event-lines.js';
import { chartPadding, plotArea, type PlotArea } from './plot-area.js';
import { curvePixels, placeLabels, type Box } from './label-layout.js';
import { textWidth } from './text-width.js';
import type { ZoomWindow } from './zoom-window.js';

/** Points per curve (min and max of 200 buckets): plenty for a 1,100 px wide chart, and keeps the JSON small. */
export const maxPointsPerCurve = 400;

/** The size every chart is drawn at (chart-renderer.ts); the label layout works in these pixels. */
export const chartCanvas = { width: 1100, height: 560 };

export interface ChartPoint {
  x: number;
  y: number | null;
}

export type SeriesChartConfiguration = ChartConfiguration<'line' | 'scatter', ChartPoint[], number>;

export interface SeriesChartOptions {
  /** Draw only this window: the zoomed panel. */
  window?: ZoomWindow;
  /** The window a zoomed panel below shows: shaded here, its events left to the panel. */
  zoomed?: ZoomWindow;
}

type Dataset = ChartDataset<'line' | 'scatter', ChartPoint[]>;

export function seriesChart(state: ReportState, series: string, options: SeriesChartOptions = {}): SeriesChartConfiguration {
  const [actual, ...scenarios] = state.replay.scenarios;
  if (!actual) throw new Error('a replay has at least the actual scenario');
  const title = seriesTitle(state, series);
  const unit = seriesUnit(state, series);
  const from = options.window?.from ?? actual.series.startMs;
  const to = options.window?.to ?? endOf(actual);
  const range = indexRange(actual, from, to);
  const datasets: Dataset[] = [];

  const band = actual.bands?.[series];
  if (band) {
    // The band is two curves with the area between them filled; the lower one has no legend
    // entry (the renderer hides empty labels).
    const common = { type: 'line' as const, borderWidth: 0, pointRadius: 0, pointStyle: 'rect' as const, backgroundColor: withAlpha(actualColour, 0.18), borderColor: withAlpha(actualColour, 0) };
    datasets.push({ ...common, label: '', data: points(actual, band.p10, range), fill: false });
    datasets.push({ ...common, label: `Replay, 10–90% of ${state.replay.seeds} seeds`, data: points(actual, band.p90, range), fill: '-1' });
  }
  const actualValues = actual.series.series[series]!;
  datasets.push({
    type: 'line',
    label: state.replay.seeds > 0 ? 'Replay of what happened (median)' : 'Replay of what happened',
    data: points(actual, actualValues, range),
    borderColor: actualColour,
    backgroundColor: actualColour,
    borderWidth: 2.5,
    pointRadius: 0,
    pointStyle: 'line',
    fill: false,
  });

  const observed = state.replay.observed.filter((o) => o.series === series && Date.parse(o.at) >= from && Date.parse(o.at) <= to);
  const y = yRange(...extent([actualValues, ...scenarios.map((s) => s.series.series[series]), band?.p10, band?.p90], range, observed.map((o) => o.observed)), { unit });
  datasets.push(...counterfactualDatasets(scenarios, series, range, y, actualValues));
  if (observed.length > 0) datasets.push(observedDataset(observed));

  // Event lines: in the full chart above a zoomed panel, the events inside the zoomed hours are
  // left to the panel (the key moments stay), so the overview is not a stack of titles.
  const zoomed = options.zoomed;
  const lines = eventLines(state, from, to).filter((l) => l.moment || !zoomed || l.at < zoomed.from || l.at > zoomed.to);
  const legend = datasets.map((d) => d.label ?? '');
  const roughArea = plotArea({ ...chartCanvas, legend, yTicks: y.ticks, band: 0 });
  const eventLayout = layOutEventLabels(lines, from, to, roughArea.right - roughArea.left);
  const area = plotArea({ ...chartCanvas, legend, yTicks: y.ticks, band: eventLayout.band });

  const annotations: Record<string, unknown> = {};
  if (zoomed) {
    annotations['zoomed'] = {
      type: 'box',
      xMin: zoomed.from,
      xMax: zoomed.to,
      backgroundColor: 'rgba(0, 0, 0, 0.05)',
      borderWidth: 0,
      drawTime: 'beforeDatasetsDraw',
    };
  }
  Object.assign(annotations, figureAnnotations(observed, datasets, area, from, to, y));

  const { ticks, stepHours } = axisTicks(from, to, state.zone);
  const counterfactualNote = scenarios.length > 0 ? ' and counterfactuals (dashed)' : '';
  return {
    type: 'line',
    // With `ticks.source: 'labels'`, the labels are the ticks of the time axis.
    data: { labels: ticks, datasets },
    options: {
      // Tick labels are formatted with Intl in this locale; left out, the process locale
      // (`LANG=ar_EG` gives Arabic digits) would change the images from machine to machine.
      locale: 'en-US',
      devicePixelRatio: 1,
      layout: { padding: chartPadding },
      plugins: {
        title: {
          display: true,
          text: options.window
            ? `${state.replay.incident.title}: ${title}, ${formatLocalTime(from, state.zone).slice(0, 16)} to ${formatLocalTime(to, state.zone).slice(sameDay(from, to, state.zone) ? 11 : 0, 16)}`
            : `${state.replay.incident.title}: ${title}`,
          font: { size: 16, weight: 'bold' },
        },
        subtitle: {
          display: true,
          text: options.window
            ? `The hours where most happened: replay${counterfactualNote}`
            : `Replay of what happened (solid)${counterfactualNote}${zoomed ? '; shaded: the hours zoomed in below' : ''}`,
          // Room under the subtitle for the rows of event titles.
          padding: { bottom: 8 + eventLayout.band },
        },
        // Legend entries drawn as a stretch of the line itself, dashes included (a box would
        // show a dashed outline), the band as a filled box and the figures as their marker.
        legend: { position: 'bottom', labels: { usePointStyle: true, pointStyleWidth: 40 } },
        // Labels of figures near the edges may reach past the plot. The event lines and their
        // titles above the plot are drawn by the event-lines plugin (event-lines-plugin.ts).
        annotation: { clip: false, annotations },
        eventLines: eventLinesOptions(lines, eventLayout),
        // The plugin's types re-export extension-less paths that `module: NodeNext` cannot resolve,
        // so Chart.js does not know the `annotation` key: the plugin options are untyped here.
      } as never,
      scales: {
        x: timeAxis(from, to, state.zone, stepHours),
        y: {
          min: y.min,
          max: y.max,
          ticks: { stepSize: y.stepSize },
          title: { display: true, text: `${title} (${unitLabel(unit)})` },
        },
      },
    },
  };
}

/**
 * One dashed curve per scenario. Curves that coincide (with each other, or with the replay)
 * say so in the legend, and a group of coinciding dashed curves alternates its dashes so every
 * colour shows along the shared line.
 */
function counterfactualDatasets(scenarios: readonly ScenarioReplay[], series: string, range: IndexRange, y: YRange, actualValues: ArrayLike<number>): Dataset[] {
  const curves = [actualValues, ...scenarios.map((s) => s.series.series[series])].map((c) => (c ? slice(c, range) : undefined));
  // Within 2 px everywhere on a ~300 px axis: drawn on top of each other, the eye cannot tell
  // them apart. The legend says "same" only when they are equal, "nearly the same" otherwise.
  const same = coincidingCurves(curves, (y.max - y.min) / 150);
  const equal = coincidingCurves(curves, (y.max - y.min) * 1e-9);
  const groupOf = (i: number): number => (same[i]! === -1 ? i : groupOf(same[i]!));
  const members = (group: number) => curves.map((_, i) => i).filter((i) => i > 0 && curves[i] && groupOf(i) === group);
  const datasets: Dataset[] = [];
  scenarios.forEach((s, k) => {
    const i = k + 1;
    const values = s.series.series[series];
    if (!values) return;
    const group = groupOf(i);
    const mates = members(group);
    const dash = interleavedDash(mates.indexOf(i), mates.length);
    const how = equal[i] === same[i] ? 'same curve as' : 'nearly the same as';
    const sameAs = group === 0 ? ` (${how} the replay)` : group !== i ? ` (${how} ${short(scenarios[group - 1]!.title)})` : '';
    datasets.push({
      type: 'line',
      label: `Counterfactual: ${s.title}${sameAs}`,
      data: points(s, values, range),
      borderColor: counterfactualColour(k),
      backgroundColor: counterfactualColour(k),
      // The replay is drawn on top of the counterfactuals (Chart.js draws the first dataset
      // last): one that coincides with it is drawn wide, its dashes showing on either side.
      borderWidth: group === 0 ? 7 : mates.length > 1 ? 3 : 2,
      ...dash,
      pointRadius: 0,
      pointStyle: 'line',
      fill: false,
    });
  });
  return datasets;
}

/**
 * The published figures as points. One dataset, so the legend has one entry; a per-point style
 * (for instance by provenance) goes into `pointStyle`/`backgroundColor` arrays here.
 */
/** The figures of the record as points: published ones filled, readings and the rest hollow (observed-point-style.ts). */
function observedDataset(observed: ReportState['replay']['observed']): Dataset {
  const styles = observed.map((o) => observedPointStyle(o.provenance));
  return {
    type: 'scatter',
    label: observedLegendLabel(observed.map((o) => o.provenance)),
    data: observed.map((o) => ({ x: Date.parse(o.at), y: round(o.observed) })),
    borderColor: styles.map((s) => s.borderColor),
    backgroundColor: styles.map((s) => s.backgroundColor),
    borderWidth: styles.map((s) => s.borderWidth),
    pointStyle: 'rectRot',
    pointRadius: 6,
  };
}

/** Regular DejaVu Sans 11 px with 3 px padding. */
const figureFont = 11;
const figurePadding = 3;

/** Labels of the published figures, placed where they cover no curve, point or other label. */
function figureAnnotations(
  observed: ReportState['replay']['observed'],
  datasets: readonly Dataset[],
  area: PlotArea,
  from: number,
  to: number,
  y: YRange,
): Record<string, unknown> {
  const toPixel = (t: number, v: number) => ({
    x: area.left + ((t - from) / (to - from || 1)) * (area.right - area.left),
    y: area.bottom - ((v - y.min) / (y.max - y.min)) * (area.bottom - area.top),
  });
  const curvePoints = datasets.filter((d) => d.type === 'line' && d.label !== '').flatMap((d) => curvePixels(d.data, toPixel));
  const markers: Box[] = observed.map((o) => {
    const p = toPixel(Date.parse(o.at), o.observed);
    return { left: p.x - 7, right: p.x + 7, top: p.y - 7, bottom: p.y + 7 };
  });
  const texts = observed.map((o) => `${formatQuantity(o.observed, o.unit)}${o.within ? '' : ' (missed)'}`);
  const placements = placeLabels(
    observed.map((o, i) => ({
      ...toPixel(Date.parse(o.at), o.observed),
      width: textWidth(texts[i]!, figureFont) + 2 * figurePadding,
      height: figureFont * 1.2 + 2 * figurePadding,
    })),
    { points: curvePoints, boxes: markers },
    area,
  );
  const annotations: Record<string, unknown> = {};
  observed.forEach((o, i) => {
    const { dx, dy } = placements[i]!;
    annotations[`figure-${i + 1}`] = {
      type: 'label',
      xValue: Date.parse(o.at),
      yValue: round(o.observed),
      xAdjust: Math.round(dx),
      yAdjust: Math.round(dy),
      position: { x: 'center', y: 'center' },
      content: texts[i],
      // A line back to the point when the label had to move away from it.
      callout: { display: Math.abs(dy) > 20 || Math.abs(dx) > 60, borderColor: observedColour, borderWidth: 1, margin: 2 },
      // Drawn over the event lines: the figures are what the chart is checked against.
      z: 1,
      padding: figurePadding,
      font: { size: figureFont },
      color: observedColour,
      backgroundColor: 'rgba(255, 255, 255, 0.85)',
    };
  });
  return annotations;
}

interface IndexRange {
  first: number;
  last: number;
}

/** The samples inside [from, to]. */
function indexRange(s: ScenarioReplay, from: number, to: number): IndexRange {
  const step = s.series.stepMinutes * 60_000;
  const first = Math.max(0, Math.ceil((from - s.series.startMs) / step));
  const last = Math.min(s.series.length - 1, Math.floor((to - s.series.startMs) / step));
  return { first, last };
}

function slice(values: ArrayLike<number>, range: IndexRange): number[] {
  return Array.from({ length: range.last - range.first + 1 }, (_, i) => values[range.first + i]!);
}

/** Lowest and highest finite value of the curves inside the range, and of the figures. */
function extent(curves: readonly (ArrayLike<number> | undefined)[], range: IndexRange, figures: readonly number[]): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const c of curves) {
    if (!c) continue;
    for (let i = range.first; i <= range.last; i++) {
      const v = c[i]!;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  for (const v of figures) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

function endOf(s: ScenarioReplay): number {
  return s.series.startMs + (s.series.length - 1) * s.series.stepMinutes * 60_000;
}

function points(s: ScenarioReplay, values: ArrayLike<number>, range: IndexRange): ChartPoint[] {
  const step = s.series.stepMinutes * 60_000;
  const window = range.first === 0 && range.last === values.length - 1 ? values : slice(values, range);
  return downsampleIndices(window, maxPointsPerCurve).map((i) => ({
    x: s.series.startMs + (range.first + i) * step,
    y: Number.isFinite(window[i]!) ? round(window[i]!) : null,
  }));
}

/** Six significant digits: more than a chart can show, few enough to keep JSON stable and small. */
function round(v: number): number {
  return v === 0 ? 0 : Number(v.toPrecision(6));
}

/** A scenario title short enough for a legend entry. */
function short(title: string): string {
  if (title.length <= 30) return title;
  const cut = title.slice(0, 29);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 15 ? cut.lastIndexOf(' ') : 29).trimEnd()}…`;
}

function sameDay(a: number, b: number, zone: string): boolean {
  return formatLocalTime(a, zone).slice(0, 10) === formatLocalTime(b, zone).slice(0, 10);
}

export type { EventLine };
