// The Monte Carlo of the release before the lockstep one, kept as the reference the lockstep
// runner is checked against (test/model/monte-carlo-lockstep.test.ts): run every seed whole into
// a step-major matrix of every sample, then reduce each step to its 10th, 50th and 90th
// percentiles. It held steps × seeds × series samples (344 KB a seed for 84 hours of
// retry-storm); the lockstep runner holds a chunk of steps instead.
import { runReplay } from '../../src/model/engine.js';
import { createRandomSource } from '../../src/model/random.js';
import { deciles } from '../../src/model/monte-carlo-quantiles.js';
import type { ModelKind } from '../../src/model/types.js';
import type { ReplayPlan } from '../../src/model/plan.js';

/** Samples of every series: `series[name][step * seeds + run]`. */
export type SampleMatrix = Record<string, Float64Array>;

export interface Percentiles {
  p10: Float64Array;
  p50: Float64Array;
  p90: Float64Array;
}

/** Runs replayed into a contiguous block before being transposed into the matrix. */
const blockRuns = 32;

/**
 * Run seeds `firstSeed + from` … `firstSeed + to − 1` into columns `from … to−1` of the matrix.
 * Each run writes its series contiguously into a block of up to 32 runs, which is then
 * transposed into the step-major matrix 32 neighbouring values at a time: writing a run straight
 * into the matrix touches a different cache line at every sample, which made the writes cost
 * more than the model.
 */
export function runSeedRange(
  kind: ModelKind<any>,
  plan: ReplayPlan,
  matrix: SampleMatrix,
  seeds: number,
  firstSeed: number,
  from: number,
  to: number,
  length: number = matrix[Object.keys(matrix)[0]!]!.length / seeds,
): void {
  const names = Object.keys(matrix);
  const block: Record<string, Float64Array> = {};
  for (const name of names) block[name] = new Float64Array(blockRuns * length);
  for (let start = from; start < to; start += blockRuns) {
    const count = Math.min(blockRuns, to - start);
    for (let j = 0; j < count; j++) {
      runReplay(kind, plan, {
        random: createRandomSource(firstSeed + start + j),
        output: { series: block, offset: j * length, stride: 1 },
      });
    }
    for (const name of names) {
      const src = block[name]!;
      const dst = matrix[name]!;
      for (let step = 0; step < length; step++) {
        const at = step * seeds + start;
        for (let j = 0; j < count; j++) dst[at + j] = src[j * length + step]!;
      }
    }
  }
}

/**
 * Reduce steps `fromStep … toStep−1` of every series to their 10th, 50th and 90th percentiles.
 *
 * Runs keep their rank from one step to the next far more often than not (a run with more
 * stuck volumes at 10:00 still has more at 10:01), so the runs are kept in the order of the
 * previous step and re-sorted by insertion, which costs a pass when little changed. When the
 * order churns (independent noise every step), the insertion sort gives up after a budget of
 * moves and the step falls back to selection.
 */
export function percentileRange(
  matrix: SampleMatrix,
  out: Record<string, Percentiles>,
  seeds: number,
  fromStep: number,
  toStep: number,
): void {
  const n = seeds;
  const scratch = new Float64Array(n);
  const sorted = new Float64Array(n);
  const order = new Uint32Array(n);
  const result = new Float64Array(3);
  const budget = 8 * n;
  const h = [(n - 1) * 0.1, (n - 1) * 0.5, (n - 1) * 0.9];
  const fromSorted = (q: number) => {
    const lo = Math.floor(h[q]!);
    const v = sorted[lo]!;
    return lo + 1 < n && h[q]! > lo ? v + (h[q]! - lo) * (sorted[lo + 1]! - v) : v;
  };
  for (const [name, samples] of Object.entries(matrix)) {
    const { p10, p50, p90 } = out[name]!;
    for (let i = 0; i < n; i++) order[i] = i;
    for (let step = fromStep; step < toStep; step++) {
      const base = step * n;
      let min = samples[base]!;
      let max = min;
      for (let r = 1; r < n; r++) {
        const v = samples[base + r]!;
        if (v < min) min = v;
        else if (v > max) max = v;
      }
      // Most steps before a trigger, and many after recovery, are the same in every run.
      if (min === max || Number.isNaN(min)) {
        p10[step] = p50[step] = p90[step] = min;
        continue;
      }
      for (let i = 0; i < n; i++) sorted[i] = samples[base + order[i]!]!;
      let moves = 0;
      for (let i = 1; i < n && moves <= budget; i++) {
        const v = sorted[i]!;
        const o = order[i]!;
        let j = i - 1;
        while (j >= 0 && sorted[j]! > v) {
          sorted[j + 1] = sorted[j]!;
          order[j + 1] = order[j]!;
          j--;
          moves++;
        }
        sorted[j + 1] = v;
        order[j + 1] = o;
      }
      if (moves <= budget) {
        p10[step] = fromSorted(0);
        p50[step] = fromSorted(1);
        p90[step] = fromSorted(2);
      } else {
        scratch.set(samples.subarray(base, base + n));
        deciles(scratch, n, result);
        p10[step] = result[0]!;
        p50[step] = result[1]!;
        p90[step] = result[2]!;
      }
    }
  }
}
