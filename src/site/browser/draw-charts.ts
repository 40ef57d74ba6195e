// Every chart of an incident page, drawn with Chart.js from the report's own configuration
// (the JSON next to the report's PNG and SVG), with what a browser adds: values on hover, a
// legend entry that hides or shows its curve (the Monte Carlo band's two edges together), zoom
// and pan along time (chartjs-plugin-zoom), and the quote and provenance of a published figure
// in its tooltip. Times are in the incident's zone through the project's own date adapter.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  SubTitle,
  TimeScale,
  Title,
  Tooltip,
  _adapters,
  type ChartConfiguration,
  type LegendItem,
  type Plugin,
  type TooltipItem,
} from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';
import zoomPlugin from 'chartjs-plugin-zoom';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import { zonedDateAdapter, zonedFormats } from '../../report/charts/zoned-date-adapter.js';
import { hydrateChartInPlace } from '../../report/charts/hydrate-chart.js';
import { eventLinesPlugin } from '../../report/charts/event-lines-plugin.js';
import type { SiteChart, SiteCharts } from '../site-chart.js';
import { figureTooltip } from './figure-tooltip.js';
import { plainNumberTick } from './plain-number-ticks.js';

// Only what the reports' charts use (charts/*.ts: lines, scatter points, bars, the boundary
// maps' matrix, a time or category axis beside linear ones, bands, legend, titles, tooltips):
// the bundle leaves out the rest of Chart.js. The plugin's types describe its default export as
// its module namespace: it is a plugin object.
Chart.register(
  LineController,
  ScatterController,
  BarController,
  MatrixController,
  LineElement,
  PointElement,
  BarElement,
  MatrixElement,
  LinearScale,
  CategoryScale,
  TimeScale,
  Filler,
  Legend,
  Title,
  SubTitle,
  Tooltip,
  // Before the annotation plugin, so the event lines go under the figure labels.
  eventLinesPlugin as Plugin,
  annotationPlugin,
  zoomPlugin as unknown as Plugin,
);
(_adapters._date as unknown as { override(o: object): void }).override(zonedDateAdapter);
// Linear axes label their ticks without Intl (plain-number-ticks.ts), as time axes do from the
// labels the site carries (tick-labels.ts): a page's first Intl object costs more than a chart.
(Chart.defaults.scales.linear!.ticks as { callback: unknown }).callback = plainNumberTick;
// As the report's renderer (chart-renderer.ts): a chart that names no locale is labelled as the
// report's images are, not in the reader's.
Chart.defaults.locale = 'en-US';

/** The drawn charts by name: the browser tests and a reader's console reach them here. */
declare global {
  interface Window {
    incidentReplay?: { charts: Map<string, Chart> };
  }
}

export function drawCharts(data: { charts?: SiteCharts }): void {
  const charts = new Map<string, Chart>();
  window.incidentReplay = { charts };
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#222222';
  const wanted = [...document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]')].flatMap((canvas) => {
    const chart = data.charts?.[canvas.dataset.chart!];
    return chart ? [{ canvas, name: canvas.dataset.chart!, chart }] : [];
  });
  // Every frame is measured before any canvas is sized, and no chart measures its own: a
  // measurement after a canvas changed lays the page out again, and a responsive chart measures
  // on construction, so nine charts cost nine layouts of a long page (a quarter of its load).
  const sizes = wanted.map(({ canvas }) => frameSize(canvas));
  wanted.forEach(({ canvas }, i) => sizeCanvas(canvas, sizes[i]!));
  for (const { canvas, name, chart } of wanted) charts.set(name, new Chart(canvas, forBrowser(chart)));
  followFrameSizes(charts);
  for (const button of document.querySelectorAll<HTMLButtonElement>('button.reset-zoom')) {
    const chart = charts.get(button.dataset.chart ?? '');
    if (!chart || !isTimeChart(chart.config as ChartConfiguration)) button.hidden = true;
    else button.addEventListener('click', () => chart.resetZoom());
  }
  // For the load benchmark and the tests: every chart is drawn (animation is off, so a chart is
  // drawn when it is constructed).
  document.documentElement.dataset.chartsDrawn = String(charts.size);
  performance.mark('incident-replay:charts-drawn');
  warmIntlWhenIdle(wanted.map(({ chart }) => chart));
}

/**
 * Hovering a point formats its time and value with Intl. The page loaded without it, so its
 * locale data is loaded when the browser is idle, not on the reader's first hover.
 */
function warmIntlWhenIdle(charts: SiteChart[]): void {
  const zone = charts.map((c) => (c.config.options?.scales?.x as { adapters?: { date?: { zone?: string } } } | undefined)?.adapters?.date?.zone).find(Boolean);
  const warm = () => {
    zonedDateAdapter.format.call({ options: { zone } }, 0, zonedFormats.datetime);
    new Intl.NumberFormat('en-US').format(0);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(warm);
  else setTimeout(warm, 0);
}

interface Size {
  width: number;
  height: number;
}

/** The size of the frame a canvas fills (the stylesheet gives frames their size before any chart is drawn). */
function frameSize(canvas: HTMLCanvasElement): Size {
  const frame = canvas.parentElement!;
  return { width: frame.clientWidth, height: frame.clientHeight };
}

/** The canvas at its frame's size in CSS pixels; Chart.js scales the bitmap to the screen's density. */
function sizeCanvas(canvas: HTMLCanvasElement, size: Size): void {
  showAt(canvas, size);
  canvas.width = size.width;
  canvas.height = size.height;
}

/** The size the canvas takes on the page. */
function showAt(canvas: HTMLCanvasElement, { width, height }: Size): void {
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
}

/**
 * Charts follow their frames when the page's width changes, as Chart.js's responsive mode does,
 * but from a ResizeObserver's sizes (which need no layout of their own) and only on a change.
 */
function followFrameSizes(charts: Map<string, Chart>): void {
  if (typeof ResizeObserver === 'undefined') return;
  const byFrame = new Map<Element, Chart>();
  for (const chart of charts.values()) if (chart.canvas.parentElement) byFrame.set(chart.canvas.parentElement, chart);
  const observer = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const chart = byFrame.get(entry.target);
      const width = Math.round(entry.contentRect.width);
      const height = Math.round(entry.contentRect.height);
      if (!chart || width === 0 || (width === chart.width && height === chart.height)) continue;
      showAt(chart.canvas, { width, height });
      chart.resize(width, height);
    }
  });
  for (const frame of byFrame.keys()) observer.observe(frame);
}

function forBrowser(chart: SiteChart): ChartConfiguration {
  const config = hydrateChartInPlace(chart.config) as ChartConfiguration;
  // Plain JSON from the report, changed in place before Chart.js sees it.
  const options = (config.options ??= {}) as Record<string, any>;
  // The report draws at a fixed 1100 × 560 and one pixel per point; here the canvas follows the
  // page and the screen's density, at the same proportions (the labels are laid out for them).
  // The canvas is sized to its frame before the chart is made (sizeCanvas), and followFrameSizes
  // does what the responsive mode would.
  delete options.devicePixelRatio;
  options.responsive = false;
  options.animation = false;
  options.plugins ??= {};
  options.plugins.legend = { ...options.plugins.legend, onClick: toggleWithBand };
  if (chart.figures) options.plugins.tooltip = figureTooltip(chart.figures);
  if (isTimeChart(config)) {
    options.interaction = { mode: 'nearest', axis: 'x', intersect: false };
    // The points are already `{ x: ms, y }` in time order: nothing for Chart.js to parse or sort,
    // which is most of the time of a page's load.
    options.parsing = false;
    options.normalized = true;
    // The report's fixed ticks, dropped where the page is too narrow for all of them.
    const x = options.scales.x;
    x.ticks = { ...x.ticks, autoSkip: true, autoSkipPadding: 16 };
    if (chart.tickLabels) x.ticks.callback = fixedTickCallback(config.data.labels as number[], chart.tickLabels);
    const tooltip = (options.plugins.tooltip ??= {});
    tooltip.callbacks = { ...tooltip.callbacks, title: pointTime };
    // The whole span keeps the report's ticks (a few fixed instants: cheap to lay out, and the
    // same as the report's image); zoomed or panned, Chart.js chooses them for the range shown
    // (the zoom's reset ends in onZoomComplete too).
    const whole: WholeSpanTicks = { ticks: { ...x.ticks }, unit: x.time?.unit };
    const retick = ({ chart }: { chart: Chart }) => tickForRange(chart, whole);
    options.plugins.zoom = {
      pan: { enabled: true, mode: 'x', onPan: retick, onPanComplete: retick },
      zoom: { wheel: { enabled: true, modifierKey: 'ctrl' }, pinch: { enabled: true }, mode: 'x', onZoom: retick, onZoomComplete: retick },
      limits: { x: { min: 'original', max: 'original', minRange: 10 * 60_000 } },
    };
  }
  return config;
}

/** The report's ticks and unit of the whole span, to restore once the zoom is reset. */
interface WholeSpanTicks {
  ticks: Record<string, unknown>;
  unit: unknown;
}

/**
 * The report's fixed ticks over the whole span; over a zoomed or panned range, ticks Chart.js
 * chooses (aligned to the hour and day in the incident's zone by the adapter), spaced to fit.
 */
function tickForRange(chart: Chart, whole: WholeSpanTicks): void {
  const x = chart.options.scales!.x as { ticks: Record<string, unknown>; time?: { unit?: unknown } };
  const zoomed = (chart as unknown as { isZoomedOrPanned(): boolean }).isZoomedOrPanned();
  if (zoomed === (x.ticks.source === 'auto')) return;
  x.time ??= {};
  if (zoomed) {
    const { callback: _fixedLabels, ...ticks } = whole.ticks;
    x.ticks = { ...ticks, source: 'auto', maxRotation: 0 };
    delete x.time.unit;
  } else {
    x.ticks = { ...whole.ticks };
    x.time.unit = whole.unit;
  }
  chart.update('none');
}

/** The site's label of each fixed tick; any other instant as the time axis formats it. */
function fixedTickCallback(instants: readonly number[], labels: readonly string[]) {
  const labelOf = new Map(instants.map((t, i) => [t, labels[i]!]));
  return function (this: { format(value: number): string }, value: number): string {
    return labelOf.get(value) ?? this.format(value);
  };
}

/** `2011-04-21 12:04`: the x of the first hovered point, formatted by the time axis (zonedFormats.datetime). */
function pointTime(items: TooltipItem<'line'>[]): string {
  const item = items[0];
  return item ? item.chart.scales.x!.getLabelForValue((item.parsed as { x: number }).x) : '';
}

function isTimeChart(config: ChartConfiguration): boolean {
  return (config.options?.scales?.x as { type?: string } | undefined)?.type === 'time';
}

/**
 * A legend click hides or shows the dataset; the Monte Carlo band is two datasets (its lower
 * edge has no legend entry, its upper edge fills down to it), so both go together.
 */
function toggleWithBand(this: unknown, _event: unknown, item: LegendItem, legend: { chart: Chart }): void {
  const chart = legend.chart;
  const index = item.datasetIndex!;
  const visible = !chart.isDatasetVisible(index);
  chart.setDatasetVisibility(index, visible);
  const fill = (chart.data.datasets[index] as { fill?: unknown }).fill;
  if (fill === '-1' && index > 0) chart.setDatasetVisibility(index - 1, visible);
  chart.update();
}

