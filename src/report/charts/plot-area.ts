// Where Chart.js will put the plot area, worked out from the configuration the way its layout
// does it (title and subtitle on top, legend rows at the bottom, axes beside), so labels can be
// placed in pixels before anything is drawn. The constants are Chart.js's for the fonts and
// paddings series-chart.ts sets; a test holds the estimate against a real rendering.
import { textWidth } from './text-width.js';

export interface PlotArea {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface PlotAreaInput {
  width: number;
  height: number;
  /** Legend entries (empty ones are hidden). */
  legend: readonly string[];
  /** Tick labels of the left value axis, and of the right one when there is one. */
  yTicks: readonly string[];
  y1Ticks?: readonly string[];
  /** Extra room above the plot (under the subtitle), for the event labels. */
  band: number;
}

/** Layout padding left and right, as series-chart.ts sets it. */
export const chartPadding = { left: 8, right: 40 };
const fontSize = 13;
/** Title (16 px bold, 10 px padding above and below) and subtitle (13 px, 8 px below). */
const titleHeight = 62.8;
/** Time axis: tick labels and the axis title. */
const xAxisHeight = 53.2;
/** A value axis without its tick labels: its title and paddings. */
const yAxisBase = 37.6;
const legendBox = 40;
const legendPadding = 10;

export function plotArea(input: PlotAreaInput): PlotArea {
  const left = chartPadding.left + yAxisBase + widest(input.yTicks);
  const right = input.width - chartPadding.right - (input.y1Ticks ? yAxisBase + widest(input.y1Ticks) : 0);
  const top = titleHeight + input.band;
  const bottom = input.height - xAxisHeight - legendHeight(input.legend, input.width - chartPadding.left - chartPadding.right);
  return { left, top, right, bottom };
}

function widest(ticks: readonly string[]): number {
  return Math.max(0, ...ticks.map((t) => textWidth(t, fontSize)));
}

/** Chart.js's horizontal legend: items fill a row left to right, then wrap. */
function legendHeight(labels: readonly string[], maxWidth: number): number {
  let rows = 0;
  let line = 0;
  for (const label of labels) {
    if (!label) continue;
    const item = legendBox + fontSize / 2 + textWidth(label, fontSize);
    if (rows === 0 || line + item + 2 * legendPadding > maxWidth) {
      rows++;
      line = 0;
    }
    line += item + legendPadding;
  }
  return rows === 0 ? 0 : legendPadding + rows * (fontSize + legendPadding);
}
