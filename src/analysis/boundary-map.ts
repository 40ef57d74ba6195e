// Boundary maps: how close to the edge the system sat. For two parameters an incident names,
// the actual timeline is replayed deterministically at every node of a grid over their spans,
// and the peak of a series (the primary one by default) recorded. Where the peak crosses a
// threshold (the map's own, else the series' impact threshold) runs the boundary between the
// worlds in which the trigger is contained and those in which it is not; the file's values
// place the actual system on the map, each scenario that changes one of the two parameters is
// placed at its own values, and the margin says how far the actual system was from the edge.
//
// A pure function of (incident, grid): the worker count changes how fast, not what.
import type { BoundaryMap, Incident } from '../incident/schema.js';
import { boundaryAxisRange } from '../incident/boundary-axis-range.js';
import type { ModelKind } from '../model/types.js';
import { plansForIncident } from '../replay/replay-incident.js';
import { defaultLowerThreshold, defaultThreshold, impactOf } from './metrics.js';
import { boundaryLines, type Point } from './boundary-lines.js';
import { createGridReplayer, type GridReplayer } from './replay-grid.js';
import { peakInWorld } from './peak-in-world.js';
import { runReplay } from '../model/engine.js';
import { actualScenarioId, type ReplayPlan } from '../model/plan.js';

export const defaultBoundaryGrid = 40;

export interface BoundaryMapOptions {
  /** Grid points per axis for every map, instead of each map's `grid` (default 40). */
  grid?: number;
  /** Only the map with this id. */
  only?: string;
  stepMinutes?: number;
  /** Worker threads; 0 or 1 (default): this thread. */
  workers?: number;
  /** Absolute path of the kind's module when it is not a built-in kind (for the workers). */
  kindModule?: string;
  /** Grid cells replayed so far, over every map (the progress line of the CLI). */
  onProgress?: (done: number, total: number) => void;
}

export interface BoundaryAxis {
  parameter: string;
  unit: string;
  low: number;
  high: number;
  /** Where the span comes from: the axis' `range`, the parameter's plausible `range`, the model's valid bounds. */
  from: 'axis' | 'plausible' | 'bounds';
  /** The grid's values, low to high (rounded for a whole-number parameter). */
  values: number[];
  /** The file's value. */
  value: number;
}

export interface BoundaryMargin {
  /** Distance to the nearest boundary point, in units of the axes' spans (0.1: a tenth of the map). */
  distance: number;
  nearest: { x: number; y: number };
  /** The boundary's x at the actual y nearest to the actual x (null: the boundary does not cross that row). */
  xAtSameY: number | null;
  /** The boundary's y at the actual x nearest to the actual y. */
  yAtSameX: number | null;
}

export interface BoundaryPosition {
  x: number;
  y: number;
  /** The peak replayed at this position (the actual timeline with x and y set). */
  peak: number;
  /** At or beyond the threshold. */
  beyond: boolean;
}

export interface BoundaryScenario extends BoundaryPosition {
  id: string;
  title: string;
  /** Inside the map's spans; a scenario off the map is listed but not drawn. */
  onMap: boolean;
  /** Parameters the scenario changes besides the map's two; the map holds them at the file's values. */
  alsoChanges: string[];
  /** The scenario also edits the timeline, which the map does not replay. */
  changesTimeline: boolean;
}

export interface BoundaryMapResult {
  id: string;
  title: string;
  note?: string;
  /** The scenario whose timeline and parameters every cell replays (absent: what happened). */
  scenario?: { id: string; title: string };
  series: string;
  seriesTitle: string;
  /** What each cell holds: the series' worst value, or its value at the end of the replay. */
  measure: 'peak' | 'end';
  unit: string;
  worse: 'higher' | 'lower';
  threshold: number;
  /** Where the threshold comes from. */
  thresholdFrom: 'map' | 'series' | 'default';
  grid: number;
  x: BoundaryAxis;
  y: BoundaryAxis;
  /** Peak at each node, row by row: `peaks[j * grid + i]` is at (x.values[i], y.values[j]). */
  peaks: number[];
  /** The boundary as polylines in parameter values ([x, y] points). */
  boundary: Point[][];
  actual: BoundaryPosition & { margin: BoundaryMargin | null };
  scenarios: BoundaryScenario[];
}

/** An incident whose maps cannot be computed (no model, no map with that id). */
export class BoundaryMapError extends Error {}

export async function boundaryMapsOf(incident: Incident, kind: ModelKind<any>, options: BoundaryMapOptions = {}): Promise<BoundaryMapResult[]> {
  const declared = incident.boundaryMaps ?? [];
  const maps = options.only === undefined ? declared : declared.filter((m) => m.id === options.only);
  if (options.only !== undefined && maps.length === 0) {
    throw new BoundaryMapError(
      declared.length === 0 ? `${incident.id} declares no \`boundaryMaps\`` : `no boundary map \`${options.only}\` in ${incident.id}; its maps: ${declared.map((m) => m.id).join(', ')}`,
    );
  }
  if (maps.length === 0) return [];
  const step = options.stepMinutes !== undefined ? { stepMinutes: options.stepMinutes } : {};
  const results: BoundaryMapResult[] = [];
  const cells = maps.reduce((sum, m) => sum + (options.grid ?? m.grid ?? defaultBoundaryGrid) ** 2, 0);
  let done = 0;
  const onCells = options.onProgress && ((n: number) => options.onProgress!((done += n), cells));
  // One plan per replayed timeline (what happened, or the scenario a map names), shared by
  // every cell of the maps that replay it: only parameters change from cell to cell.
  for (const base of [...new Set(maps.map((m) => m.scenario ?? actualScenarioId))]) {
    const plans = plansForIncident(incident, kind, { ...step, scenarios: base === actualScenarioId ? [] : [base] });
    const plan = plans[plans.length - 1]!;
    const replayer = await createGridReplayer(kind, plan, { workers: options.workers, kindModule: options.kindModule });
    try {
      for (const map of maps) {
        if ((map.scenario ?? actualScenarioId) === base) results.push(await mapOf(incident, kind, plan, map, options.grid ?? map.grid ?? defaultBoundaryGrid, replayer, onCells));
      }
    } finally {
      await replayer.close();
    }
  }
  // In the file's order, whichever timeline each replays.
  return maps.map((m) => results.find((r) => r.id === m.id)!);
}

function axisOf(incident: Incident, kind: ModelKind<any>, axis: BoundaryMap['x'], grid: number): BoundaryAxis {
  const parameter = incident.model!.parameters[axis.parameter];
  const spec = Object.hasOwn(kind.parameters, axis.parameter) ? kind.parameters[axis.parameter] : undefined;
  const span = boundaryAxisRange(axis, parameter, spec);
  if (!span.ok || !parameter) throw new BoundaryMapError(`the axis \`${axis.parameter}\` has no span (run \`incident-replay validate\`)`);
  const [low, high] = span.range;
  const values = Array.from({ length: grid }, (_, i) => {
    // The ends exactly, not low + (n − 1) · step with its rounding error.
    const v = i === grid - 1 ? high : low + (i * (high - low)) / (grid - 1);
    return spec?.integer ? Math.round(v) : v;
  });
  return { parameter: axis.parameter, unit: parameter.unit, low, high, from: span.from, values, value: parameter.value };
}

async function mapOf(
  incident: Incident,
  kind: ModelKind<any>,
  plan: ReplayPlan,
  map: BoundaryMap,
  grid: number,
  replayer: GridReplayer,
  onCells?: (cells: number) => void,
): Promise<BoundaryMapResult> {
  if (!(Number.isInteger(grid) && grid >= 3)) throw new BoundaryMapError(`a grid of ${grid} points per axis: expected a whole number ≥ 3`);
  const seriesName = map.series ?? kind.primarySeries ?? Object.keys(kind.series)[0]!;
  const spec = kind.series[seriesName];
  if (!spec) throw new BoundaryMapError(`boundary map \`${map.id}\`: no series \`${seriesName}\` in the \`${kind.id}\` model`);
  const lower = spec.worse === 'lower';
  const measure = map.measure ?? 'peak';
  const request = { series: seriesName, lower, measure };
  const x = axisOf(incident, kind, map.x, grid);
  const y = axisOf(incident, kind, map.y, grid);

  // The threshold as the replay measures impact: the series' own, else the default drawn
  // from the replay at the file's values (a tenth of its peak; 90 % of the healthy level
  // when lower is worse). A scenario's plan may set x or y itself: the file's values win here.
  const fileWorld = { [x.parameter]: x.value, [y.parameter]: y.value };
  const actualValues = runReplay(kind, { ...plan, params: { ...plan.params, ...fileWorld } }).series[seriesName]!;
  const actualImpact = impactOf(actualValues, plan.stepMinutes, lower, actualValues[0] ?? 0);
  const actualValue = measure === 'end' ? (actualValues[actualValues.length - 1] ?? Number.NaN) : actualImpact.peak;
  const threshold = map.threshold ?? spec.threshold ?? (lower ? defaultLowerThreshold(actualValues[0] ?? 0) : defaultThreshold(actualImpact.peak));
  const thresholdFrom = map.threshold !== undefined ? 'map' : spec.threshold !== undefined ? 'series' : 'default';

  const worlds = y.values.flatMap((yv) => x.values.map((xv) => ({ [x.parameter]: xv, [y.parameter]: yv })));
  const peaks = Array.from(await replayer.peaks(request, worlds, onCells));
  // Marching squares traces the region at or above a level; mirror a lower-is-worse series so
  // that region is always the side with impact.
  const sign = lower ? -1 : 1;
  // A quarter of the threshold either side: a jump across it between two nodes puts the
  // boundary halfway (see boundaryLines); a threshold of 0 gets a band from the peaks' spread.
  const spread = Math.max(...peaks.filter(Number.isFinite)) - Math.min(...peaks.filter(Number.isFinite));
  const band = threshold !== 0 ? Math.abs(threshold) / 4 : spread / (4 * grid) || 1;
  const lines = boundaryLines(peaks.map((p) => sign * p), grid, grid, sign * threshold, { band });
  const toValue = (axis: BoundaryAxis, at: number) => axis.low + (at / (grid - 1)) * (axis.high - axis.low);
  const boundary = lines.map((line) => line.map(([i, j]): Point => [toValue(x, i), toValue(y, j)]));
  const beyond = (peak: number) => sign * peak >= sign * threshold;

  const actual = { x: x.value, y: y.value, peak: actualValue, beyond: beyond(actualValue) };
  const scenarios: BoundaryScenario[] = (incident.scenarios ?? []).flatMap((s) => {
    const own = s.parameters ?? {};
    // The scenario a map replays is the map's ground, not a point on it.
    if (s.id === map.scenario) return [];
    if (!Object.hasOwn(own, x.parameter) && !Object.hasOwn(own, y.parameter)) return [];
    const at = { x: own[x.parameter] ?? x.value, y: own[y.parameter] ?? y.value };
    const peak = peakInWorld(kind, plan, request, { [x.parameter]: at.x, [y.parameter]: at.y });
    return [
      {
        id: s.id,
        title: s.title,
        ...at,
        peak,
        beyond: beyond(peak),
        onMap: at.x >= x.low && at.x <= x.high && at.y >= y.low && at.y <= y.high,
        alsoChanges: Object.keys(own).filter((name) => name !== x.parameter && name !== y.parameter),
        changesTimeline: s.timeline !== undefined,
      },
    ];
  });

  return {
    id: map.id,
    title: map.title ?? `${x.parameter} × ${y.parameter}`,
    ...(map.note ? { note: map.note } : {}),
    ...(map.scenario !== undefined ? { scenario: { id: map.scenario, title: incident.scenarios?.find((s) => s.id === map.scenario)?.title ?? map.scenario } } : {}),
    series: seriesName,
    seriesTitle: spec.title,
    measure,
    unit: spec.unit,
    worse: lower ? 'lower' : 'higher',
    threshold,
    thresholdFrom,
    grid,
    x,
    y,
    peaks,
    boundary,
    actual: { ...actual, margin: marginOf(actual, boundary, x, y) },
    scenarios,
  };
}

/**
 * How far the actual system sat from the boundary, measured on the map with each axis scaled
 * to its span (so a spare capacity in % and a rate in attempts/min weigh alike): the nearest
 * boundary point, and where the boundary crosses the actual system's row and column.
 */
export function marginOf(at: { x: number; y: number }, boundary: readonly Point[][], x: Pick<BoundaryAxis, 'low' | 'high'>, y: Pick<BoundaryAxis, 'low' | 'high'>): BoundaryMargin | null {
  if (boundary.length === 0) return null;
  const u = (v: number) => (v - x.low) / (x.high - x.low);
  const w = (v: number) => (v - y.low) / (y.high - y.low);
  const pu = u(at.x);
  const pw = w(at.y);
  let best = { d2: Number.POSITIVE_INFINITY, x: 0, y: 0 };
  let xAtSameY: number | null = null;
  let yAtSameX: number | null = null;
  for (const line of boundary) {
    for (let k = 1; k < line.length; k++) {
      const [ax, ay] = line[k - 1]!;
      const [bx, by] = line[k]!;
      const au = u(ax), aw = w(ay), bu = u(bx), bw = w(by);
      const du = bu - au, dw = bw - aw;
      const len2 = du * du + dw * dw;
      const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((pu - au) * du + (pw - aw) * dw) / len2));
      const cu = au + t * du, cw = aw + t * dw;
      const d2 = (cu - pu) ** 2 + (cw - pw) ** 2;
      if (d2 < best.d2) best = { d2, x: ax + t * (bx - ax), y: ay + t * (by - ay) };
      // Crossings of the actual row (y = at.y) and column (x = at.x), half-open so a vertex is counted once.
      if ((ay <= at.y && at.y < by) || (by <= at.y && at.y < ay)) {
        const cx = ax + ((at.y - ay) / (by - ay)) * (bx - ax);
        if (xAtSameY === null || Math.abs(cx - at.x) < Math.abs(xAtSameY - at.x)) xAtSameY = cx;
      }
      if ((ax <= at.x && at.x < bx) || (bx <= at.x && at.x < ax)) {
        const cy = ay + ((at.x - ax) / (bx - ax)) * (by - ay);
        if (yAtSameX === null || Math.abs(cy - at.y) < Math.abs(yAtSameX - at.y)) yAtSameX = cy;
      }
    }
  }
  return { distance: Math.sqrt(best.d2), nearest: { x: best.x, y: best.y }, xAtSameY, yAtSameX };
}
