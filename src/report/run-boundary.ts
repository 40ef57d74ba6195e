// `incident-replay boundary`: the incident's boundary maps as text (the map drawn in
// characters, the margin in words) or JSON. Numbers are rounded where they are printed, so the
// same file and grid give the same bytes whatever the worker count.
import { availableParallelism } from 'node:os';
import { UserError, type Io } from '../cli/io.js';
import { loadValidIncident } from '../replay/load-valid-incident.js';
import { requireModel } from '../replay/require-model.js';
import { progressTo } from '../cli/progress.js';
import { kindForIncident, ReplayError } from '../replay/replay-incident.js';
import { parseStep } from '../replay/run-simulate.js';
import { resolveKindModule } from '../model/load-kind-module.js';
import { roundForOutput } from '../analysis/round-for-output.js';
import { BoundaryMapError, boundaryMapsOf, type BoundaryMapResult } from '../analysis/boundary-map.js';
import { describeBoundaryMargin } from './boundary-margin.js';
import { formatQuantity } from './format/format-number.js';

export interface BoundaryCommandOptions {
  incident: string;
  map?: string;
  grid?: number;
  step?: string;
  /** Worker threads; default one per core; 0 or 1: this thread. */
  workers?: number;
  json?: boolean;
}

export async function runBoundary(options: BoundaryCommandOptions, io: Io): Promise<number> {
  if (options.grid !== undefined && !(Number.isInteger(options.grid) && options.grid >= 3 && options.grid <= 200)) {
    throw new UserError(`--grid ${options.grid}: expected a whole number from 3 to 200`, 2);
  }
  if (options.workers !== undefined && !(Number.isInteger(options.workers) && options.workers >= 0)) {
    throw new UserError(`--workers ${options.workers}: expected a whole number ≥ 0`, 2);
  }
  const stepMinutes = parseStep(options.step);
  const valid = await loadValidIncident(options.incident, io);
  if (!valid) return 1;
  requireModel(valid, 'boundary');
  if ((valid.incident.boundaryMaps?.length ?? 0) === 0) {
    throw new UserError(`${valid.file}: declares no \`boundaryMaps\`; add one (README, “Boundary maps”)`);
  }
  let maps: BoundaryMapResult[];
  try {
    const kind = await kindForIncident(valid.incident, valid.absolute);
    const module = valid.incident.model?.module;
    maps = await boundaryMapsOf(valid.incident, kind, {
      ...(options.grid !== undefined ? { grid: options.grid } : {}),
      ...(options.map !== undefined ? { only: options.map } : {}),
      ...(stepMinutes !== undefined ? { stepMinutes } : {}),
      workers: options.workers ?? availableParallelism(),
      ...(module !== undefined ? { kindModule: resolveKindModule(module, valid.absolute) } : {}),
      onProgress: progressTo(io.progress, 'boundary maps: grid cells'),
    });
  } catch (error) {
    if (error instanceof BoundaryMapError || error instanceof ReplayError) throw new UserError(`${valid.file}: ${error.message}`);
    throw error;
  } finally {
    io.progress?.end();
  }
  io.stdout.write(options.json ? `${JSON.stringify(boundaryMapsToJson(valid.incident.id, maps), null, 2)}\n` : maps.map(formatBoundaryMap).join('\n'));
  return 0;
}

/** The maps with every float rounded to six significant digits. */
export function boundaryMapsToJson(incident: string, maps: readonly BoundaryMapResult[]): unknown {
  return JSON.parse(JSON.stringify({ incident, maps }, (_key, value) => (typeof value === 'number' ? roundForOutput(value) : value)));
}

/**
 * One map as text: a header, the grid drawn in characters (`#` at or beyond the threshold, `.`
 * inside it; `A` the actual system, `1`, `2`, … the scenarios on the map, at their nearest
 * node), y growing upwards as on the chart, and the margin in words.
 */
export function formatBoundaryMap(map: BoundaryMapResult): string {
  const n = map.grid;
  const sign = map.worse === 'lower' ? -1 : 1;
  const rows: string[][] = Array.from({ length: n }, (_, j) => Array.from({ length: n }, (_, i) => (sign * map.peaks[j * n + i]! >= sign * map.threshold ? '#' : '.')));
  const nearest = (axis: BoundaryMapResult['x'], v: number) => Math.round(((v - axis.low) / (axis.high - axis.low)) * (n - 1));
  const mark = (p: { x: number; y: number }, c: string) => {
    const i = nearest(map.x, p.x);
    const j = nearest(map.y, p.y);
    if (i >= 0 && i < n && j >= 0 && j < n) rows[j]![i] = c;
  };
  const onMap = map.scenarios.filter((s) => s.onMap);
  onMap.forEach((s, k) => mark(s, markerOf(k)));
  mark(map.actual, 'A');
  const fmt = (v: number, unit: string) => formatQuantity(v, unit);
  const lines = [
    `${map.id}: ${map.title}`,
    `${map.measure === 'end' ? 'value at the end of' : 'peak'} ${map.series} (${map.unit}) over ${map.x.parameter} ${fmt(map.x.low, map.x.unit)} … ${fmt(map.x.high, map.x.unit)} (x) × ${map.y.parameter} ${fmt(map.y.low, map.y.unit)} … ${fmt(map.y.high, map.y.unit)} (y), ${n} × ${n} replays; boundary at ${fmt(map.threshold, map.unit)}`,
    `${map.y.parameter} ↑  ${map.x.parameter} →   # ${map.worse === 'lower' ? 'at or below' : 'at or above'} the boundary, . inside, A actual${onMap.map((s, k) => `, ${markerOf(k)} ${s.id}`).join('')}`,
    ...rows.reverse().map((r) => `  ${r.join('')}`),
    ...describeBoundaryMargin(map),
  ];
  return `${lines.join('\n')}\n`;
}

/** `1` … `9`, then `a`, `b`, …: one character, so the grid stays aligned. */
const markerOf = (k: number) => (k < 9 ? String(k + 1) : String.fromCharCode(97 + k - 9));
