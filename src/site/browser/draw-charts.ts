// Every chart of an incident page, drawn with Chart.js from the report's own configuration
// (the JSON next to the report's PNG and SVG), with what a browser adds: values on hover, a
// legend entry that hides or shows its curve (the Monte Carlo band's two edges together), zoom
// and pan along time (chartjs-plugin-zoom), and the quote and provenance of a published figure
// in its tooltip. Times are in the incident's zone through the project's own date adapter.
import { Chart, registerables, _adapters, type ChartConfiguration, type LegendItem, type Plugin, type TooltipItem } from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';
import zoomPlugin from 'chartjs-plugin-zoom';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import { zonedDateAdapter } from '../../report/charts/zoned-date-adapter.js';
import { hydrateChart } from '../../report/charts/hydrate-chart.js';
import type { SiteChart, SiteCharts } from '../site-chart.js';
import { figureTooltip } from './figure-tooltip.js';

// The plugin's types describe its default export as its module namespace: it is a plugin object.
Chart.register(...registerables, annotationPlugin, zoomPlugin as unknown as Plugin, MatrixController, MatrixElement);
(_adapters._date as unknown as { override(o: object): void }).override(zonedDateAdapter);

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
  for (const canvas of document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]')) {
    const name = canvas.dataset.chart!;
    const chart = data.charts?.[name];
    if (!chart) continue;
    charts.set(name, new Chart(canvas, forBrowser(chart)));
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('button.reset-zoom')) {
    const chart = charts.get(button.dataset.chart ?? '');
    if (!chart || !isTimeChart(chart.config as ChartConfiguration)) button.hidden = true;
    else button.addEventListener('click', () => chart.resetZoom());
  }
  // For the load benchmark and the tests: every chart is drawn (animation is off, so a chart is
  // drawn when it is constructed).
  document.documentElement.dataset.chartsDrawn = String(charts.size);
  performance.mark('incident-replay:charts-drawn');
}

function forBrowser(chart: SiteChart): ChartConfiguration {
  const config = hydrateChart(chart.config) as ChartConfiguration;
  // Plain JSON from the report, changed in place before Chart.js sees it.
  const options = (config.options ??= {}) as Record<string, any>;
  // The report draws at a fixed 1100 × 560 and one pixel per point; here the canvas follows the
  // page and the screen's density, at the same proportions (the labels are laid out for them).
  delete options.devicePixelRatio;
  options.responsive = true;
  options.maintainAspectRatio = true;
  options.aspectRatio = 1100 / 560;
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
    // The report's tick labels would also title the tooltips (a scatter point takes the label
    // of its index): the title is the hovered point's own time, in the incident's zone.
    delete (config.data as { labels?: unknown }).labels;
    const tooltip = (options.plugins.tooltip ??= {});
    tooltip.callbacks = { ...tooltip.callbacks, title: pointTime };
    // The report's ticks are fixed labels for the whole span; zoomed in, Chart.js chooses them
    // (aligned to the hour and day in the incident's zone by the adapter).
    const x = options.scales.x;
    x.ticks = { ...x.ticks, source: 'auto', autoSkip: true, autoSkipPadding: 16, maxRotation: 0 };
    delete x.time?.unit;
    options.plugins.zoom = {
      pan: { enabled: true, mode: 'x' },
      zoom: { wheel: { enabled: true, modifierKey: 'ctrl' }, pinch: { enabled: true }, mode: 'x' },
      limits: { x: { min: 'original', max: 'original', minRange: 10 * 60_000 } },
    };
  }
  return config;
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

