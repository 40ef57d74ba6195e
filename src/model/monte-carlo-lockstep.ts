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
import type { ComposedKind } from './compose/compile-composition.js';

/**
 * Where a chunk of steps of every seed is written: `columns[k][s · seeds + r]` is series k of
 * seed r at step `fromStep + s`.
 */
export interface Chunk {
  columns: Float64Array[];
  seeds: number;
  /** Steps the buffer holds. */
  steps: number;
  /**
   * The range of each row, by part of the seeds: `lo[k][part · steps + s]` and `hi[…]` are the
   * least and the greatest value of series k at step s among the seeds of that part (NaN if any
   * is NaN; ±Infinity for a part without seeds). Written by the seeds as they advance (a batch
   * records them as it writes the samples), so the reduction needs no pass to find them. Each
   * part's steps lie together: threads recording at once do not write to the same cache lines.
   */
  extents?: { lo: Float64Array[]; hi: Float64Array[]; parts: number };
}

/** Reduced series: `out[k · qs.length + j][step]` is quantile `qs[j]` of series k at that step. */
export interface Reduced {
  qs: Float64Array;
  out: Float64Array[];
}

/**
 * Seeds `firstSeed + from` … `firstSeed + to − 1` of a plan, advanced together: a composed
 * model whose components all have the batched contract runs them in batches over typed arrays
 * of seeds (compose/seeds-batch.ts); any other kind, or `batch: false`, runs one cursor per seed,
 * each on its own random streams. Both give the same samples.
 */
export function startSeeds(kind: ModelKind<any>, plan: ReplayPlan, firstSeed: number, from: number, to: number, options: { batch?: boolean } = {}): SeedRange {
  const batched = runsInBatches(kind, options) ? (kind as ComposedKind).startSeeds : undefined;
  if (batched) {
    const cursor = batched.call(kind, plan, firstSeed + from, to - from);
    return {
      advance: (at, chunk, toStep, part = 0) =>
        cursor.advance(toStep, chunk.columns, at, chunk.seeds, chunk.extents && { lo: chunk.extents.lo, hi: chunk.extents.hi, at: part * chunk.steps, stride: 1 }),
    };
  }
  const cursors: ReplayCursor[] = [];
  for (let r = from; r < to; r++) cursors.push(startReplay(kind, plan, { random: createRandomSource(firstSeed + r) }));
  // Each seed runs its whole chunk before the next seed starts: its state stays in cache, and
  // its writes (one value per step and series, `seeds` apart) land next to those of the seed
  // before it, on cache lines the chunk keeps warm.
  return {
    advance(at, chunk, toStep, part = 0) {
      // A range without seeds writes the empty range (±Infinity) over every step of the chunk.
      const steps = cursors.length > 0 ? toStep - cursors[0]!.next : chunk.steps;
      for (let j = 0; j < cursors.length; j++) cursors[j]!.advance(toStep, chunk.columns, at + j, chunk.seeds);
      if (chunk.extents) writeExtents(chunk, at, cursors.length, Math.max(0, steps), part);
    },
  };
}

/** The range of each step's samples of seeds `at … at + count − 1` (see Chunk.extents), by a pass over them. */
function writeExtents(chunk: Chunk, at: number, count: number, steps: number, part: number): void {
  const { lo, hi } = chunk.extents!;
  const n = chunk.seeds;
  chunk.columns.forEach((column, k) => {
    for (let s = 0; s < steps; s++) {
      let mn = Number.POSITIVE_INFINITY;
      let mx = Number.NEGATIVE_INFINITY;
      for (let r = at + s * n, end = r + count; r < end; r++) {
        mn = Math.min(mn, column[r]!);
        mx = Math.max(mx, column[r]!);
      }
      lo[k]![part * chunk.steps + s] = mn;
      hi[k]![part * chunk.steps + s] = mx;
    }
  });
}

/** Whether `startSeeds` runs the seeds of this kind in batches (whose recorder gives the extents for free). */
export function runsInBatches(kind: ModelKind<any>, options: { batch?: boolean } = {}): boolean {
  return options.batch !== false && typeof (kind as Partial<ComposedKind>).startSeeds === 'function';
}

/** A range of seeds that advances together. */
export interface SeedRange {
  /**
   * Write samples up to `toStep` (exclusive) of the range's seed j at chunk index `at + j` of
   * each step's run, and their ranges as part `part` of the chunk's extents, if it has them.
   */
  advance(at: number, chunk: Chunk, toStep: number, part?: number): void;
}

/** Advance the seeds of `range` (the first at index `from` of the chunk's runs) to sample `toStep`, writing the samples into the chunk. */
export function advanceSeeds(range: SeedRange, from: number, chunk: Chunk, toStep: number, part = 0): void {
  range.advance(from, chunk, toStep, part);
}

/** Scratch of `reduceRows` (one per thread: each worker has its own module). */
let rowScratch = { result: new Float64Array(0), positions: new Int32Array(0) };

/**
 * Reduce rows `fromRow`, `fromRow + rowStride`, … below `toRow` of the chunk (row = series
 * k · chunk.steps + s) to the quantiles, for steps `fromStep + s` below `toStep`. Threads claim
 * rows one at a time (monte-carlo-pipeline.ts): a series whose values are the same in every seed
 * costs nothing more than its range, one that spreads costs a selection, and rows dealt out in
 * advance would give one thread the costly series and another the cheap ones. Reorders the rows
 * it reduces (the chunk is overwritten by the next advance anyway). A step where a seed has no
 * value (NaN) has no quantile either: NaN. The row's least and greatest value come from
 * `chunk.extents` when the seeds recorded them, else from a scan.
 */
export function reduceRows(chunk: Chunk, reduced: Reduced, fromStep: number, toStep: number, fromRow: number, toRow: number, rowStride = 1): void {
  const n = chunk.seeds;
  const q = reduced.qs.length;
  // Kept between calls: a thread that claims rows one at a time calls this once a row.
  if (rowScratch.result.length < q) rowScratch = { result: new Float64Array(q), positions: new Int32Array(q) };
  const { result, positions } = rowScratch;
  for (let row = fromRow; row < toRow; row += rowStride) {
    const k = Math.floor(row / chunk.steps);
    const s = row - k * chunk.steps;
    const step = fromStep + s;
    if (step >= toStep) continue;
    const values = chunk.columns[k]!.subarray(s * n, (s + 1) * n);
    const base = k * q;
    let min: number;
    let max: number;
    let nan = false;
    if (chunk.extents) {
      // The parts' ranges, folded as their seeds' values would be.
      const { lo, hi, parts } = chunk.extents;
      const loK = lo[k]!;
      const hiK = hi[k]!;
      const steps = chunk.steps;
      min = loK[s]!;
      max = hiK[s]!;
      for (let part = 1; part < parts; part++) {
        min = Math.min(min, loK[part * steps + s]!);
        max = Math.max(max, hiK[part * steps + s]!);
      }
      nan = min !== min;
    } else {
      min = values[0]!;
      max = min;
      for (let r = 1; r < n; r++) {
        const v = values[r]!;
        if (v < min) min = v;
        else if (v > max) max = v;
        else if (v !== v) nan = true;
      }
      nan ||= min !== min;
    }
    // Most steps before a trigger, and many after recovery, are the same in every run.
    // Every value equal (a NaN among them makes min NaN): the first one, as the scan with
    // comparisons this replaced kept it (of 0 and −0, whichever came first).
    if (nan || min === max) {
      const v = nan ? Number.NaN : values[0]!;
      for (let j = 0; j < q; j++) reduced.out[base + j]![step] = v;
      continue;
    }
    // Counting into bins between the row's own least and greatest values needs no clamp (see
    // quantilesByBins): a pass for them costs less than the clamp's mispredicted branches,
    // which a guessed range (the step before's quantiles) needed.
    if (!quantilesByBins(values, n, min, max, reduced.qs, result, true)) quantilesInPlace(values, n, reduced.qs, result, positions);
    for (let j = 0; j < q; j++) reduced.out[base + j]![step] = result[j]!;
  }
}
