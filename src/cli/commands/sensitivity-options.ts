// The options `build` and `report` share for the sensitivity run of each report. On by default
// (reports then rank action items by their benefit over the plausible worlds); the default
// sample count can be lowered for a whole environment with INCIDENT_REPLAY_SENSITIVITY_SAMPLES
// (0: not run), as the test suite does, where each build would otherwise pay for it.
import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import { UserError } from '../io.js';

/** 64 samples keep a cold build of the three seeds around a minute of CPU; results are cached. */
export const defaultSensitivitySamples = 64;

export function sensitivityOptions<T>(y: Argv<T>) {
  return y
    .option('sensitivity', {
      type: 'boolean',
      default: true,
      describe: 'Run the sensitivity of each report over the plausible ranges (cached); --no-sensitivity skips it',
    })
    .option('sensitivity-samples', {
      type: 'number',
      describe: `Latin hypercube samples of the sensitivity run (default ${defaultSensitivitySamples}, or INCIDENT_REPLAY_SENSITIVITY_SAMPLES)`,
    });
}

/** The build's sensitivity option from the arguments and the environment. */
export function sensitivityFromArgs(args: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): { samples: number; workers: number } | undefined {
  if (args.sensitivity === false) return undefined;
  const given = args['sensitivity-samples'] ?? (env.INCIDENT_REPLAY_SENSITIVITY_SAMPLES !== undefined ? Number(env.INCIDENT_REPLAY_SENSITIVITY_SAMPLES) : undefined);
  const samples = given === undefined ? defaultSensitivitySamples : Number(given);
  if (!Number.isInteger(samples) || samples < 0) throw new UserError(`--sensitivity-samples ${String(given)}: expected a whole number ≥ 0`, 2);
  // Same bytes whatever the number of workers: use the machine's cores, at most two per build.
  return samples === 0 ? undefined : { samples, workers: Math.min(2, availableParallelism()) };
}
