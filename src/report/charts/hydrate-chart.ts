// What a chart's JSON cannot hold, put back before Chart.js draws it: shared by the renderer of
// the report images (node-canvas) and the site's charts in the browser, so both draw one chart.
import type { ChartConfiguration } from 'chart.js';

/**
 * A rendering copy of a configuration: Chart.js mutates what it is given, and the one thing
 * JSON cannot hold, the legend filter that hides the unlabelled lower edge of a band, goes in here.
 */
export function hydrateChart(configuration: ChartConfiguration<any, any>): ChartConfiguration<any, any> {
  return hydrateChartInPlace(structuredClone(configuration));
}

/**
 * `hydrateChart` without the copy, for a configuration nobody else holds (the site's, parsed
 * from the page just before it is drawn: copying it took a tenth of the charts' time).
 */
export function hydrateChartInPlace(copy: ChartConfiguration<any, any>): ChartConfiguration<any, any> {
  copy.options ??= {};
  copy.options.plugins ??= {};
  copy.options.plugins.legend ??= {};
  copy.options.plugins.legend.labels = {
    ...copy.options.plugins.legend.labels,
    filter: (item: { text?: string }) => Boolean(item.text),
  };
  // A matrix dataset gives its cells' size in the axes' units (`cellSize`); in pixels it
  // depends on the plot area, known only once the chart is laid out. A hair over the exact
  // size, so anti-aliased edges of neighbouring cells do not leave white seams.
  for (const dataset of copy.data?.datasets ?? []) {
    const size = (dataset as { cellSize?: { x: number; y: number } }).cellSize;
    if (dataset.type !== 'matrix' || !size) continue;
    const pixels = (scale: { getPixelForValue(v: number): number } | undefined, d: number) =>
      scale ? Math.abs(scale.getPixelForValue(d) - scale.getPixelForValue(0)) + 0.75 : 0;
    Object.assign(dataset, {
      width: ({ chart }: { chart: { scales: Record<string, any> } }) => pixels(chart.scales.x, size.x),
      height: ({ chart }: { chart: { scales: Record<string, any> } }) => pixels(chart.scales.y, size.y),
    });
  }
  return copy;
}
