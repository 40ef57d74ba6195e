import { UserError } from '../cli/io.js';

/** `--seeds` is a whole number ≥ 0 (yargs gives NaN for `--seeds x`); anything else is a usage error. */
export function parseSeeds(value: unknown): number {
  const n = Number(value ?? 0);
  if (!Number.isInteger(n) || n < 0) throw new UserError(`--seeds ${String(value)}: expected a whole number ≥ 0`, 2);
  return n;
}
