// The two halves of a Monte Carlo replay in lockstep, shared by the in-thread path and the
// workers: advance a range of seeds by a chunk of steps into a small step-major buffer, then
// reduce rows of that buffer (one series at one step, every seed) to quantiles. The buffer
// holds a chunk of steps, never the whole replay, so memory is the seeds' states plus the
// chunk plus the reduced series, whatever the number of steps.
import { startReplay, type ReplayCursor } from './engine.js';
import { createRandomSource } from './random.js';
import { quantilesByBins, quantilesInPlace } from './monte-carlo-quantiles.js';
import type { ModelKind } from './types.js';
import type { ReplayPlan } from './plan.js';

/**
 * Where a chunk of steps of every seed is written: `columns[k][s · seeds + r]` is series k of
 * seed r at step `fromStep + s`.
 */
export interface Chunk {
  columns: Float64Array[];
  seeds: number;
  /** Steps the buffer holds. */
  steps: number;
}

/** Reduced series: `out[k · qs.length + j][step]` is quantile `qs[j]` of series k at that step. */
export interface Reduced {
  qs: Float64Array;
  out: Float64Array[];
}

/** The cursors of seeds `firstSeed + from` … `firstSeed + to − 1`, each on its own random streams. */
export function startSeeds(kind: ModelKind<any>, plan: ReplayPlan, firstSeed: number, from: number, to: number): ReplayCursor[] {
  const cursors: ReplayCursor[] = [];
  for (let r = from; r < to; r++) cursors.push(startReplay(kind, plan, { random: createRandomSource(firstSeed + r) }));
  return cursors;
}

/**
 * Advance every cursor (seed `from + j` for cursor j) to sample `toStep`, writing samples
 * `fromStep … toStep−1` into the chunk. Each seed runs its whole chunk before the next seed
 * starts: its state stays in cache, and its writes (one value per step and series, `seeds`
 * apart) land next to those of the seed before it, on cache lines the chunk keeps warm.
 */
export function advanceSeeds(cursors: readonly ReplayCursor[], from: number, chunk: Chunk, toStep: number): void {
  for (let j = 0; j < cursors.length; j++) cursors[j]!.advance(toStep, chunk.columns, from + j, chunk.seeds);
}

/**
 * Reduce rows `fromRow … toRow−1` of the chunk (row = series k · chunk.steps + s) to the
 * quantiles, for steps `fromStep + s` below `toStep`. Reorders the rows it reduces (the chunk
 * is overwritten by the next advance anyway). A step where a seed has no value (NaN) has no
 * quantile either: NaN.
 */
export function reduceRows(chunk: Chunk, reduced: Reduced, fromStep: number, toStep: number, fromRow: number, toRow: number): void {
  const n = chunk.seeds;
  const q = reduced.qs.length;
  const result = new Float64Array(q);
  const positions = new Int32Array(q);
  for (let row = fromRow; row < toRow; row++) {
    const k = Math.floor(row / chunk.steps);
    const s = row - k * chunk.steps;
    const step = fromStep + s;
    if (step >= toStep) continue;
    const values = chunk.columns[k]!.subarray(s * n, (s + 1) * n);
    let min = values[0]!;
    let max = min;
    let nan = false;
    for (let r = 1; r < n; r++) {
      const v = values[r]!;
      if (v < min) min = v;
      else if (v > max) max = v;
      else if (v !== v) nan = true;
    }
    const base = k * q;
    // Most steps before a trigger, and many after recovery, are the same in every run.
    if (nan || min !== min || min === max) {
      const v = nan ? Number.NaN : min;
      for (let j = 0; j < q; j++) reduced.out[base + j]![step] = v;
      continue;
    }
    if (!quantilesByBins(values, n, min, max, reduced.qs, result)) quantilesInPlace(values, n, reduced.qs, result, positions);
    for (let j = 0; j < q; j++) reduced.out[base + j]![step] = result[j]!;
  }
}
