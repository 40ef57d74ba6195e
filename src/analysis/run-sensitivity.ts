// `incident-replay sensitivity`: the benefit of each scenario over the plausible worlds, as a
// text table or JSON. Numbers are rounded where they are printed, so the same seed gives the
// same bytes.
import { UserError, type Io } from '../cli/io.js';
import { loadValidIncident } from '../replay/load-valid-incident.js';
import { requireModel } from '../replay/require-model.js';
import { progressTo } from '../cli/progress.js';
import { kindForIncident, ReplayError } from '../replay/replay-incident.js';
import { parseStep } from '../replay/run-simulate.js';
import { resolveKindModule } from '../model/load-kind-module.js';
import { roundForOutput } from './round-for-output.js';
import { SensitivityError, sensitivityOf, type SensitivityResult, type Spread } from './sensitivity.js';
import type { EnoughSummary } from './summarise-enough.js';

export interface SensitivityCommandOptions {
  incident: string;
  samples?: number;
  seed?: number;
  step?: string;
  json?: boolean;
  /** Worker threads; 0 or 1: this thread. */
  workers?: number;
}

export async function runSensitivity(options: SensitivityCommandOptions, io: Io): Promise<number> {
  if (options.samples !== undefined && !(Number.isInteger(options.samples) && options.samples >= 1)) {
    throw new UserError(`--samples ${options.samples}: expected a whole number ≥ 1`, 2);
  }
  if (options.workers !== undefined && !(Number.isInteger(options.workers) && options.workers >= 0)) {
    throw new UserError(`--workers ${options.workers}: expected a whole number ≥ 0`, 2);
  }
  if (options.seed !== undefined && !Number.isInteger(options.seed)) throw new UserError(`--seed ${options.seed}: expected a whole number`, 2);
  const stepMinutes = parseStep(options.step);
  const valid = await loadValidIncident(options.incident, io);
  if (!valid) return 1;
  requireModel(valid, 'sensitivity');
  let result: SensitivityResult;
  try {
    const kind = await kindForIncident(valid.incident, valid.absolute);
    const model = valid.incident.model;
    result = await sensitivityOf(valid.incident, kind, {
      samples: options.samples,
      seed: options.seed,
      stepMinutes,
      workers: options.workers,
      kindModule: model?.module !== undefined ? resolveKindModule(model.module, valid.absolute) : undefined,
      onProgress: progressTo(io.progress, 'sensitivity: sampled worlds'),
    });
  } catch (error) {
    if (error instanceof SensitivityError || error instanceof ReplayError) throw new UserError(`${valid.file}: ${error.message}`);
    throw error;
  } finally {
    io.progress?.end();
  }
  io.stdout.write(options.json ? `${JSON.stringify(sensitivityToJson(result), null, 2)}\n` : formatSensitivity(result));
  return 0;
}

/** The result with every float rounded for output. */
export function sensitivityToJson(r: SensitivityResult): unknown {
  return JSON.parse(JSON.stringify(r, (_key, value) => (typeof value === 'number' ? roundForOutput(value) : value)));
}

const num = (x: number | null) => (x === null ? '–' : String(roundForOutput(x)));
const pct = (x: number | null) => (x === null ? '–' : `${x > 0 ? '+' : ''}${Number(x.toFixed(1))} %`);
const interval = (s: Spread) => `${pct(s.median)} (${pct(s.p10)} … ${pct(s.p90)})`;

/** One line: the threshold with its 90 % interval, or why there is none. */
export function formatEnough(e: EnoughSummary): string {
  const bound = e.direction === 'up' ? '≥' : '≤';
  const goal = `${e.metric === 'area' ? 'impact area' : 'peak'} of \`${e.series}\` ≤ ${num(e.below)}${e.metric === 'area' ? ' (unit·h)' : ''}${e.defaultGoal ? ' (default goal)' : ''}`;
  const misses = [
    e.notMonotone > 0 ? `not monotone in ${e.notMonotone} of ${e.worlds} worlds${e.notMonotoneExample ? ` (met at ${num(e.notMonotoneExample.met)}, missed at ${num(e.notMonotoneExample.missed)})` : ''}` : '',
    e.notReached > 0 ? `not reached within the valid bounds in ${e.notReached} of ${e.worlds} worlds` : '',
  ].filter(Boolean);
  if (!e.threshold) return `${e.parameter}: no threshold for ${goal}: ${misses.join('; ') || 'no plausible world'}`;
  const t = e.threshold;
  return (
    `${e.parameter} ${bound} ${num(t.median)} ${e.unit} (90 % interval ${num(t.p05)} … ${num(t.p95)}; every world: ${num(t.worst)}; file: ${num(e.from)}, scenario: ${num(e.to)}) keeps the ${goal}` +
    ` in ${e.found} of ${e.worlds} worlds${misses.length > 0 ? `; ${misses.join('; ')}` : ''}`
  );
}

/** A plain-text table: one block per scenario. */
export function formatSensitivity(r: SensitivityResult): string {
  const lines = [
    `Sensitivity of ${r.incident}: ${r.samples} Latin hypercube samples (seed ${r.seed}) over ${r.parameters.length} ranged parameter${r.parameters.length === 1 ? '' : 's'}`,
    ...r.parameters.map((p) => `  ${p.name}: ${num(p.low)} … ${num(p.high)} ${p.unit} (file: ${num(p.value)})`),
    `Plausible worlds: ${r.kept} of ${r.samples} samples meet all ${r.figures} published figures within tolerance.`,
    `Benefit on the series each scenario addresses (\`series:\`, default \`${r.series}\`), scenario − actual of the same world: median (10 % … 90 %); at the file's values.`,
    '',
  ];
  const width = Math.max(...r.scenarios.map((s) => s.id.length), 'scenario'.length);
  const seriesWidth = Math.max(...r.scenarios.map((s) => s.series.length), 'series'.length);
  lines.push(`${'scenario'.padEnd(width)}  ${'series'.padEnd(seriesWidth)}  ${'impact area'.padEnd(38)}  ${'peak'.padEnd(38)}  drivers (PRCC with the area change, %)`);
  for (const s of r.scenarios) {
    const drivers = s.drivers
      .filter((d) => d.prcc !== null && Math.abs(d.prcc) >= 0.2)
      .sort((a, b) => Math.abs(b.prcc!) - Math.abs(a.prcc!) || a.name.localeCompare(b.name))
      .slice(0, 3)
      .map((d) => `${d.name} ${d.prcc! > 0 ? '+' : ''}${d.prcc!.toFixed(2)}`);
    lines.push(
      `${s.id.padEnd(width)}  ${s.series.padEnd(seriesWidth)}  ${`${interval(s.areaChangePercent)}; ${pct(s.atFileValues.areaChangePercent)}`.padEnd(38)}  ${`${interval(s.peakChangePercent)}; ${pct(s.atFileValues.peakChangePercent)}`.padEnd(38)}  ${r.kept === 0 ? '–' : pct(s.areaChangePercent.p10) === pct(s.areaChangePercent.p90) ? 'none: the same benefit in every world' : drivers.length > 0 ? drivers.join(', ') : 'none above |0.2|'}`,
    );
  }
  const enough = r.scenarios.filter((s) => s.enough !== null);
  if (enough.length > 0 && r.kept > 0) {
    lines.push('', 'How much would have been enough (the smallest change of the scenario’s number that meets its goal, in each plausible world):');
    for (const s of enough) lines.push(`  ${s.id}: ${formatEnough(s.enough!)}`);
  }
  if (r.kept === 0) lines.push('', 'No sampled world reproduces the published figures: narrow the ranges, or check the tolerances.');
  return `${lines.join('\n')}\n`;
}
