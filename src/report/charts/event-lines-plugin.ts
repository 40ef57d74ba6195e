// Draws the event lines of a chart (event-lines.ts chooses them and their label rows): each a
// vertical line across the plot, its title in a rounded box in its row above the plot. A plugin
// of its own rather than chartjs-plugin-annotation's line annotations, whose option resolution
// (a few milliseconds an annotation in a fresh process; a build draws about a hundred lines) was
// a fifth of the charts' time in a build. It draws what the annotation plugin drew, call for
// call (the same geometry, the same path), so the images did not change when it took over.
// Shared by the report's renderer (node-canvas) and the site's charts in the browser: no import
// but types and the palette, and the lines are read from the raw configuration, not through
// Chart.js's option resolver.
import type { Chart } from 'chart.js';
import { eventColour } from './palette.js';

/** A line as the configuration carries it (JSON): `row` -1 draws the line without its title. */
export interface EventLineOptions {
  at: number;
  label: string;
  moment: boolean;
  row: number;
}

/** The plugin's options, at `options.plugins.eventLines`. */
export interface EventLinesOptions {
  lines: EventLineOptions[];
}

/** Bold 11 px titles with 6 px padding at the sides and 3 px above and below, rows 2 px apart. */
export const eventLabelFont = { size: 11, weight: 'bold' as const };
export const eventLabelPadding = { x: 6, y: 3 };
export const eventLabelHeight = eventLabelFont.size * 1.2 + 2 * eventLabelPadding.y;
export const eventRowHeight = eventLabelHeight + 2;
const cornerRadius = 6;

export interface PlotBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Where a title's box goes: its centre and size, in pixels. */
export interface EventLabelBox {
  centerX: number;
  centerY: number;
  width: number;
  height: number;
}

/**
 * The box of a title `textWidth` pixels wide, on the line at pixel `x`, in row `row` above the
 * plot `area`: centred on the line but kept inside the plot's width, its row counted up from the
 * top of the plot. (The arithmetic of the annotation plugin's label at the `end` of a vertical
 * line, lifted by a `yAdjust`, so the boxes land on the same pixels.)
 */
export function eventLabelBox(x: number, row: number, textWidth: number, area: PlotBox): EventLabelBox {
  const width = textWidth + 2 * eventLabelPadding.x;
  const height = eventLabelHeight;
  const length = area.bottom - area.top;
  // The label's centre sits half a label (and its padding) below the top of the line…
  const t = 1 - Math.min(Math.max(length > 0 ? (height / 2 + eventLabelPadding.y) / length : 0, 0), 0.25);
  const pointY = area.bottom + t * (area.top - area.bottom);
  // …and is then lifted out of the plot into its row.
  const lift = -(eventLabelHeight + eventLabelPadding.y + 4 + row * eventRowHeight);
  return {
    centerX: keepInside(x, width, area.left, area.right, eventLabelPadding.x),
    centerY: keepInside(pointY, height, area.top, area.bottom, eventLabelPadding.y) + lift,
    width,
    height,
  };
}

function keepInside(centre: number, size: number, min: number, max: number, padding: number): number {
  if (size > max - min) return (max + min) / 2;
  if (min >= centre - padding - size / 2) centre = min + padding + size / 2;
  if (max <= centre + padding + size / 2) centre = max - padding - size / 2;
  return centre;
}

// The context type as Chart.js declares it (the node build has no DOM library).
type Context = Chart['ctx'];

function drawLine(ctx: Context, x: number, area: PlotBox, moment: boolean): void {
  ctx.save();
  ctx.lineCap = 'butt';
  ctx.setLineDash(moment ? [] : [2, 3]);
  ctx.lineDashOffset = 0;
  ctx.lineJoin = 'miter';
  ctx.lineWidth = moment ? 1.5 : 1;
  ctx.strokeStyle = eventColour;
  // Drawn from the bottom up, turned a quarter: the annotation plugin's path, point for point.
  ctx.translate(x, area.bottom);
  ctx.rotate(Math.atan2(area.top - area.bottom, 0));
  ctx.beginPath();
  ctx.moveTo(0, 0);
  ctx.lineTo(area.bottom - area.top, 0);
  ctx.stroke();
  ctx.restore();
}

function drawLabel(ctx: Context, box: EventLabelBox, text: string, font: string, moment: boolean): void {
  const x = box.centerX - box.width / 2;
  const y = box.centerY - box.height / 2;
  const radius = Math.min(cornerRadius, Math.min(box.width, box.height) / 2);
  ctx.save();
  ctx.fillStyle = moment ? 'rgba(60, 60, 60, 0.9)' : 'rgba(110, 110, 110, 0.9)';
  ctx.beginPath();
  // Chart.js's rounded rectangle (addRoundedRectPath), corners all alike.
  ctx.arc(x + radius, y + radius, radius, 1.5 * Math.PI, Math.PI, true);
  ctx.lineTo(x, y + box.height - radius);
  ctx.arc(x + radius, y + box.height - radius, radius, Math.PI, Math.PI / 2, true);
  ctx.lineTo(x + box.width - radius, y + box.height);
  ctx.arc(x + box.width - radius, y + box.height - radius, radius, Math.PI / 2, 0, true);
  ctx.lineTo(x + box.width, y + radius);
  ctx.arc(x + box.width - radius, y + radius, radius, 0, -Math.PI / 2, true);
  ctx.lineTo(x + radius, y);
  ctx.closePath();
  ctx.fill();
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  ctx.font = font;
  ctx.fillStyle = '#ffffff';
  ctx.fillText(text, x + eventLabelPadding.x + (box.width - 2 * eventLabelPadding.x) / 2, y + eventLabelPadding.y + (eventLabelFont.size * 1.2) / 2);
  ctx.restore();
}

/** The lines of a chart's configuration, read as written (no option resolution). */
function linesOf(chart: Chart): readonly EventLineOptions[] {
  const plugins = (chart.config.options as { plugins?: { eventLines?: Partial<EventLinesOptions> } } | undefined)?.plugins;
  return plugins?.eventLines?.lines ?? [];
}

export const eventLinesPlugin = {
  id: 'eventLines',
  // After the curves, before the annotation plugin's figure labels (it is registered after this
  // one), as the event lines were drawn when they were annotations.
  afterDatasetsDraw(chart: Chart): void {
    const lines = linesOf(chart);
    const xScale = chart.scales.x;
    if (lines.length === 0 || !xScale) return;
    const yScale = Object.values(chart.scales).find((s) => s.axis === 'y');
    const area: PlotBox = yScale ? { ...chart.chartArea, top: yScale.top, bottom: yScale.bottom } : chart.chartArea;
    const rootFont = chart.options.font as { family?: string; style?: string } | undefined;
    const font = `${rootFont?.style ? `${rootFont.style} ` : ''}${eventLabelFont.weight} ${eventLabelFont.size}px ${rootFont?.family ?? 'sans-serif'}`;
    const ctx = chart.ctx;
    for (const line of lines) {
      const x = xScale.getPixelForValue(xScale.parse(line.at, 0) as number);
      // Off the plot (the site's charts zoom and pan): neither the line nor its title. Half a
      // pixel of slack: a line at the window's end may land a rounding error past the edge.
      if (!Number.isFinite(x) || x < area.left - 0.5 || x > area.right + 0.5) continue;
      drawLine(ctx, x, area, line.moment);
      if (line.row < 0) continue;
      ctx.save();
      ctx.font = font;
      const width = ctx.measureText(line.label).width;
      ctx.restore();
      drawLabel(ctx, eventLabelBox(x, line.row, width, area), line.label, font, line.moment);
    }
  },
};
