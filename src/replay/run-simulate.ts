// `incident-replay simulate`: replay an incident and print its metrics (or JSON).
import type { Io } from '../cli/io.js';
import { UserError } from '../cli/io.js';
import { parseDuration } from '../incident/time.js';
import { ReplayError, kindForIncident, replayIncident } from './replay-incident.js';
import { loadValidIncident } from './load-valid-incident.js';
import { requireModel } from './require-model.js';
import { replayToWritableJson } from './replay-to-json.js';
import { gatheredWriter, writeJson } from './format-json.js';
import { formatMissed, missedFigures } from '../analysis/missed-figures.js';
import { formatReplayTable } from './format-replay-table.js';
import { progressTo } from '../cli/progress.js';
import type { StartedWorkers } from '../model/monte-carlo-threads.js';

export interface SimulateOptions {
  incident: string;
  /** A scenario id, or `all` (default). `actual` alone runs only the actual replay. */
  scenario?: string;
  seeds?: number;
  firstSeed?: number;
  /** A duration such as `1m`, `30s`, `5m`. */
  step?: string;
  json?: boolean;
  workers?: number;
  /** Exit 1 when the actual replay misses a published figure beyond its tolerance. */
  failOnMiss?: boolean;
  /** Extra Monte Carlo quantiles, comma-separated (`0.05,0.99`). */
  quantiles?: string;
  /**
   * Monte Carlo threads the caller started before loading this module (`startMonteCarloWorkers`
   * with `workers`), so that their start-up runs while the incident is loaded and checked: taken
   * over, given the model once it is known, and stopped at the end whatever happens.
   */
  startedWorkers?: StartedWorkers;
}

/** Quantiles from `--quantiles`: numbers in [0, 1], comma-separated. */
export function parseQuantiles(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(',').map((p) => p.trim());
  const qs = parts.map(Number);
  const bad = parts.find((p, i) => p === '' || !(qs[i]! >= 0 && qs[i]! <= 1));
  if (bad !== undefined) throw new UserError(`--quantiles: expected numbers in [0, 1] separated by commas, such as \`0.05,0.99\`, got \`${text}\``, 2);
  return qs;
}

/** Step minutes from `--step`, or undefined for the model's own. */
export function parseStep(step: string | undefined): number | undefined {
  if (step === undefined) return undefined;
  const ms = parseDuration(step);
  if (ms === undefined || !(ms > 0)) {
    throw new UserError(`--step: expected a positive duration such as \`1m\`, \`30s\` or \`5m\`, got \`${step}\``, 2);
  }
  return ms / 60_000;
}

export async function runSimulate(options: SimulateOptions, io: Io): Promise<number> {
  try {
    const stepMinutes = parseStep(options.step);
    if (options.seeds !== undefined && !(Number.isInteger(options.seeds) && options.seeds >= 0)) {
      throw new UserError(`--seeds: expected a whole number ≥ 0, got \`${options.seeds}\``, 2);
    }
    const quantiles = parseQuantiles(options.quantiles);
    if (quantiles && !(options.seeds! > 0)) throw new UserError('--quantiles: quantiles need Monte Carlo seeds (`--seeds N`)', 2);
    return await simulateWith(options, io, stepMinutes, quantiles, options.startedWorkers);
  } finally {
    await options.startedWorkers?.close();
  }
}

async function simulateWith(
  options: SimulateOptions,
  io: Io,
  stepMinutes: number | undefined,
  quantiles: number[] | undefined,
  startedWorkers: StartedWorkers | undefined,
): Promise<number> {
  const valid = await loadValidIncident(options.incident, io);
  if (!valid) return 1;
  const { incident } = valid;
  requireModel(valid, 'simulate');
  const known = (incident.scenarios ?? []).map((s) => s.id);
  let scenarios: string[] | undefined;
  if (options.scenario !== undefined && options.scenario !== 'all') {
    if (options.scenario !== 'actual' && !known.includes(options.scenario)) {
      throw new UserError(
        `--scenario: ${valid.file} has no scenario \`${options.scenario}\`; its scenarios are ${['actual', ...known, 'all'].map((s) => `\`${s}\``).join(', ')}`,
      );
    }
    scenarios = options.scenario === 'actual' ? [] : [options.scenario];
  }
  let replay;
  try {
    replay = await replayIncident(incident, {
      scenarios,
      seeds: options.seeds ?? 0,
      firstSeed: options.firstSeed,
      stepMinutes,
      incidentFile: valid.absolute,
      workers: options.workers,
      ...(startedWorkers ? { startedWorkers } : {}),
      ...(quantiles ? { quantiles } : {}),
      ...(options.seeds ? { onProgress: progressTo(io.progress, `Monte Carlo, ${options.seeds} seeds: steps`) } : {}),
    });
  } catch (error) {
    if (error instanceof ReplayError) throw new UserError(`${valid.file}: ${error.message}`);
    throw error;
  } finally {
    io.progress?.end();
  }
  if (options.json) {
    // Written as it is made: at one-second steps the text is hundreds of megabytes.
    const out = gatheredWriter(io.stdout);
    writeJson(replayToWritableJson(replay), out.write);
    out.write('\n');
    out.flush();
  } else {
    io.stdout.write(formatReplayTable(replay, await kindForIncident(incident, valid.absolute)));
  }
  const missed = missedFigures(replay.observed);
  if (options.failOnMiss && missed.length > 0) {
    io.stderr.write(`${formatMissed(valid.file, missed, replay.observed.length)}\n`);
    return 1;
  }
  return 0;
}
