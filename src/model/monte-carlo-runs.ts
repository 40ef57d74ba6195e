// The two halves of a Monte Carlo replay, shared by the in-thread path and the workers: run a
// range of seeds into a step-major sample matrix, then reduce a range of steps to percentiles.
// Both write into arrays they are given (SharedArrayBuffers when workers run them), so neither
// copies samples between threads.
import { runReplay } from './engine.js';
import { createRandomSource } from './random.js';
import { quantileInPlace } from './monte-carlo-quantiles.js';
import type { ModelKind } from './types.js';
import type { ReplayPlan } from './plan.js';

/** Samples of every series: `series[name][step * seeds + run]`. */
export type SampleMatrix = Record<string, Float64Array>;

export interface Percentiles {
  p10: Float64Array;
  p50: Float64Array;
  p90: Float64Array;
}

/** Run seeds `firstSeed + from` … `firstSeed + to − 1` into columns `from … to−1` of the matrix. */
export function runSeedRange(
  kind: ModelKind<any>,
  plan: ReplayPlan,
  matrix: SampleMatrix,
  seeds: number,
  firstSeed: number,
  from: number,
  to: number,
): void {
  for (let run = from; run < to; run++) {
    runReplay(kind, plan, {
      random: createRandomSource(firstSeed + run),
      output: { series: matrix, offset: run, stride: seeds },
    });
  }
}

/** Reduce steps `fromStep … toStep−1` of every series to their 10th, 50th and 90th percentiles. */
export function percentileRange(
  matrix: SampleMatrix,
  out: Record<string, Percentiles>,
  seeds: number,
  fromStep: number,
  toStep: number,
): void {
  const scratch = new Float64Array(seeds);
  for (const [name, samples] of Object.entries(matrix)) {
    const { p10, p50, p90 } = out[name]!;
    for (let step = fromStep; step < toStep; step++) {
      const base = step * seeds;
      let min = samples[base]!;
      let max = min;
      for (let r = 1; r < seeds; r++) {
        const v = samples[base + r]!;
        if (v < min) min = v;
        else if (v > max) max = v;
      }
      // Most steps before a trigger, and many after recovery, are the same in every run.
      if (min === max || Number.isNaN(min)) {
        p10[step] = p50[step] = p90[step] = min;
        continue;
      }
      scratch.set(samples.subarray(base, base + seeds));
      p10[step] = quantileInPlace(scratch, 0, seeds, 0.1);
      p50[step] = quantileInPlace(scratch, 0, seeds, 0.5);
      p90[step] = quantileInPlace(scratch, 0, seeds, 0.9);
    }
  }
}
