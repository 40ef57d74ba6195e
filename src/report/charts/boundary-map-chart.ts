// A boundary map as a Chart.js configuration: plain data built by a pure function, saved as
// JSON beside the images like every chart. A heat map (chartjs-chart-matrix) of the peak over
// the grid, in two colour ramps that meet at the threshold (greys to blue inside the boundary,
// yellow to dark red beyond it), the boundary itself as lines, and the actual system and each
// scenario as points. The cells' size in pixels depends on the plot area, which only the
// renderer knows: the configuration gives it in data units (`cellSize`), and the renderer
// turns it into the matrix element's `width` and `height` (see chart-renderer.ts).
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { BoundaryMapResult } from '../../analysis/boundary-map.js';
import { actualColour, counterfactualColour } from './palette.js';
import { formatQuantity, unitLabel } from '../format/format-number.js';

export interface MatrixCell {
  x: number;
  y: number;
  v: number;
}

/** A matrix dataset as the configuration holds it: its cell size in the axes' units. */
export interface MatrixDatasetData {
  type: 'matrix';
  label: string;
  data: MatrixCell[];
  backgroundColor: string[];
  borderWidth: number;
  cellSize: { x: number; y: number };
}

export type BoundaryMapChartConfiguration = ChartConfiguration<any, any, any>;

export const boundaryColours = {
  /** Ramp inside the boundary: from no impact to just under the threshold. */
  inside: ['#F4F6F8', '#9DB9D3'] as const,
  /** Ramp beyond it: from the threshold to the map's worst peak. */
  beyond: ['#FCE38A', '#8B1A1A'] as const,
  line: '#111111',
};

export function boundaryMapChart(map: BoundaryMapResult, incidentTitle: string, scenarioIndex: (id: string) => number): BoundaryMapChartConfiguration {
  const { x, y } = map;
  const n = map.grid;
  const sign = map.worse === 'lower' ? -1 : 1;
  // Severity on one scale whichever way the series is worse: 0 at no impact (the best peak on
  // the map, or 0), 1 at the worst.
  const severity = map.peaks.map((p) => sign * p);
  const t = sign * map.threshold;
  const best = Math.min(t, ...severity.filter(Number.isFinite));
  const worst = Math.max(t, ...severity.filter(Number.isFinite));
  const colourOf = (s: number) =>
    !Number.isFinite(s)
      ? '#FFFFFF'
      : s >= t
        ? mix(boundaryColours.beyond[0], boundaryColours.beyond[1], worst > t ? (s - t) / (worst - t) : 0)
        : mix(boundaryColours.inside[0], boundaryColours.inside[1], t > best ? (s - best) / (t - best) : 0);

  const cells: MatrixCell[] = [];
  const colours: string[] = [];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const k = j * n + i;
      // Cells sit at the grid's nominal positions (not a whole-number parameter's rounded
      // values), so they tile the plot without gaps.
      cells.push({ x: round(nominal(x, i, n)), y: round(nominal(y, j, n)), v: round(map.peaks[k]!) });
      colours.push(colourOf(severity[k]!));
    }
  }
  const dx = (x.high - x.low) / (n - 1);
  const dy = (y.high - y.low) / (n - 1);
  const datasets: ChartDataset<any, any>[] = [
    {
      type: 'matrix',
      // No legend entry: the colours are explained in the subtitle.
      label: '',
      data: cells,
      backgroundColor: colours,
      borderWidth: 0,
      cellSize: { x: round(dx), y: round(dy) },
      order: 3,
    } satisfies MatrixDatasetData & { order: number },
  ];
  map.boundary.forEach((line, i) => {
    datasets.push({
      type: 'line',
      label: i === 0 ? `Boundary: ${map.measure === 'end' ? 'value at the end' : 'peak'} ${formatQuantity(map.threshold, map.unit)}` : '',
      data: line.map(([px, py]) => ({ x: round(px), y: round(py) })),
      borderColor: boundaryColours.line,
      backgroundColor: boundaryColours.line,
      borderWidth: 3,
      pointRadius: 0,
      fill: false,
      order: 2,
    });
  });
  datasets.push({
    type: 'scatter',
    label: `${map.scenario ? `The file's values, with ${map.scenario.title.replace(/^./, (c) => c.toLowerCase())}` : 'What happened'} (${formatQuantity(map.actual.peak, map.unit)})`,
    data: [{ x: round(map.actual.x), y: round(map.actual.y) }],
    borderColor: '#FFFFFF',
    backgroundColor: actualColour,
    borderWidth: 2,
    pointStyle: 'circle',
    pointRadius: 9,
    order: 1,
  });
  for (const s of map.scenarios.filter((s) => s.onMap)) {
    const colour = counterfactualColour(scenarioIndex(s.id));
    datasets.push({
      type: 'scatter',
      label: `Counterfactual: ${s.title} (${formatQuantity(s.peak, map.unit)})`,
      data: [{ x: round(s.x), y: round(s.y) }],
      borderColor: '#FFFFFF',
      backgroundColor: colour,
      borderWidth: 2,
      pointStyle: 'rectRot',
      pointRadius: 10,
      order: 1,
    });
  }

  const axis = (a: typeof x, d: number, label: string) => ({
    type: 'linear',
    // Half a cell beyond the first and last nodes, so the edge cells are whole.
    min: round(a.low - d / 2),
    max: round(a.high + d / 2),
    offset: false,
    reverse: false,
    grid: { display: false },
    // The axis ends are half a cell beyond the grid: round ticks only, not those ends.
    ticks: { includeBounds: false },
    title: { display: true, text: `${label}: ${a.parameter} (${unitLabel(a.unit)})` },
  });
  const span = `${formatQuantity(Math.min(...map.peaks.filter(Number.isFinite)), map.unit)} to ${formatQuantity(Math.max(...map.peaks.filter(Number.isFinite)), map.unit)}`;
  return {
    type: 'scatter',
    data: { datasets },
    options: {
      locale: 'en-US',
      devicePixelRatio: 1,
      layout: { padding: { left: 8, right: 24 } },
      plugins: {
        title: { display: true, text: `${incidentTitle}: ${map.title}`, font: { size: 16, weight: 'bold' } },
        subtitle: {
          display: true,
          text: `${map.measure === 'end' ? 'Value at the end of' : 'Peak'} ${map.seriesTitle.toLowerCase()}${map.scenario ? ` with ${map.scenario.title.replace(/^./, (c) => c.toLowerCase())}` : ''} over a ${n} × ${n} grid (${span}): blue inside the boundary, yellow to red ${map.worse === 'lower' ? 'at or below' : 'at or above'} ${formatQuantity(map.threshold, map.unit)}`,
          padding: { bottom: 8 },
        },
        legend: { position: 'bottom' },
        tooltip: { enabled: false },
      },
      scales: { x: axis(x, dx, 'x'), y: axis(y, dy, 'y') },
    },
  };
}

function nominal(axis: { low: number; high: number }, i: number, n: number): number {
  return i === n - 1 ? axis.high : axis.low + (i * (axis.high - axis.low)) / (n - 1);
}

/** Six significant digits: more than a chart can show, few enough to keep JSON stable and small. */
function round(v: number): number {
  return v === 0 || !Number.isFinite(v) ? (Number.isFinite(v) ? 0 : v) : Number(v.toPrecision(6));
}

/** The colour a fraction `f` of the way from `a` to `b`, as `#RRGGBB` (channels rounded, so the bytes are stable). */
export function mix(a: string, b: string, f: number): string {
  const t = Math.min(1, Math.max(0, f));
  const ca = Number.parseInt(a.slice(1), 16);
  const cb = Number.parseInt(b.slice(1), 16);
  let out = '#';
  for (const shift of [16, 8, 0]) {
    const v = Math.round(((ca >> shift) & 255) * (1 - t) + ((cb >> shift) & 255) * t);
    out += v.toString(16).padStart(2, '0').toUpperCase();
  }
  return out;
}
