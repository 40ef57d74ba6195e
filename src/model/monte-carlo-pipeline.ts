// The threads of a Monte Carlo run, each over its own range of seeds, coordinated through a
// shared array of counters instead of a message round trip per phase. Two chunk buffers
// alternate: while a thread reduces chunk c − 1 (rows claimed one at a time from a shared
// counter), another may already advance its seeds through chunk c. A thread waits only when it
// is a whole phase ahead of another: before reducing a chunk that some thread has not finished
// advancing, and before overwriting a buffer whose rows are not all reduced.
//
// With a barrier after each phase (as before), every chunk cost the gap between the fastest and
// the slowest thread twice, and rows dealt out in advance left a thread idle when its rows were
// the cheap ones (a series the same in every seed costs a scan, one that spreads a selection):
// two threads kept about 1.75 cores busy. Rows claimed from a counter balance themselves, and the
// alternating buffers let one thread's late advance overlap the other's reduction.
//
// The bytes do not depend on the schedule: each row's quantiles are exact order statistics of
// that row's values, whoever computes them and whenever.
import { reduceRows, type Chunk, type Reduced, type SeedRange } from './monte-carlo-lockstep.js';

/** What every thread of a run shares (the arrays are on SharedArrayBuffers). */
export interface Pipeline {
  /** Two buffers: chunk c is written into `chunks[c % 2]`; both hold the same number of steps. */
  chunks: readonly [Chunk, Chunk];
  reduced: Reduced;
  /** Series recorded (rows of a chunk = series × steps). */
  series: number;
  /** Samples of the plan. */
  length: number;
  /** Threads taking part, the calling one included. */
  threads: number;
  /** Counters (see `controlSize`): 0 is set when a thread fails; then three per chunk. */
  control: Int32Array;
}

/** Thrown in the other threads when one has failed: its own error is the one to report. */
export class PipelineAborted extends Error {
  constructor() {
    super('Monte Carlo run stopped: another thread failed');
  }
}

/** Waits until `control[index] ≥ target` (the thread failed when `control[0]` is set: throw PipelineAborted). */
export type WaitAtLeast = (control: Int32Array, index: number, target: number) => void | Promise<void>;

const abortAt = 0;
/** Threads that have advanced chunk c through its steps. */
const advancedAt = (c: number) => 1 + 3 * c;
/** The next row of chunk c to claim. */
const nextRowAt = (c: number) => 2 + 3 * c;
/** Rows of chunk c reduced. */
const doneAt = (c: number) => 3 + 3 * c;

/** Int32 entries of the control array for a plan of `length` samples in chunks of `steps`. */
export function controlSize(length: number, steps: number): number {
  return 1 + 3 * Math.ceil(length / steps);
}

/** Marks the run failed and wakes every waiting thread. */
export function abortPipeline(control: Int32Array): void {
  Atomics.store(control, abortAt, 1);
  for (let i = 0; i < control.length; i++) Atomics.notify(control, i);
}

/** `WaitAtLeast` for a worker thread: it blocks (it has nothing else to do). */
export const waitBlocking: WaitAtLeast = (control, index, target) => {
  for (;;) {
    const now = Atomics.load(control, index);
    if (now >= target) return;
    if (Atomics.load(control, abortAt) !== 0) throw new PipelineAborted();
    Atomics.wait(control, index, now, 200);
  }
};

/** `Atomics.waitAsync` (in Node since 16; in TypeScript's lib only from ES2024). */
const atomicsWaitAsync = (
  Atomics as unknown as {
    waitAsync(array: Int32Array, index: number, value: number, timeoutMs: number): { async: false; value: string } | { async: true; value: Promise<string> };
  }
).waitAsync;

/**
 * `WaitAtLeast` for the calling thread: it awaits, so its event loop still hears of a worker
 * that dies (and then aborts the run), where a blocking wait would hang.
 */
export const waitAsync: WaitAtLeast = async (control, index, target) => {
  for (;;) {
    const now = Atomics.load(control, index);
    if (now >= target) return;
    if (Atomics.load(control, abortAt) !== 0) throw new PipelineAborted();
    const waiting = atomicsWaitAsync(control, index, now, 200);
    if (waiting.async) await waiting.value;
  }
};

/** Wall time this thread spent advancing its seeds, and reducing rows (waits included). */
export interface PartTimings {
  advanceMs: number;
  reduceMs: number;
}

/**
 * One thread's part of the run: advance the seeds of `range` (the first at index `from` of the
 * chunk's runs; their ranges as part `part` of the chunk's extents) through every chunk, and after each chunk reduce rows of the one before; then
 * the last chunk's rows. `onReduced(toStep)`: every seed has run, and this thread has claimed
 * its last row of, the chunk ending at sample `toStep`. Returns once every row is reduced.
 */
export async function runPipelinePart(
  p: Pipeline,
  range: SeedRange,
  from: number,
  part: number,
  wait: WaitAtLeast,
  onReduced?: (toStep: number) => void,
): Promise<PartTimings> {
  const { control, length } = p;
  const steps = p.chunks[0].steps;
  const chunks = Math.ceil(length / steps);
  const rows = p.series * steps;
  const timings = { advanceMs: 0, reduceMs: 0 };
  const reduceShare = async (c: number) => {
    const fromStep = c * steps;
    const toStep = Math.min(length, fromStep + steps);
    const chunk = p.chunks[c & 1]!;
    await wait(control, advancedAt(c), p.threads);
    let done = 0;
    for (let row = Atomics.add(control, nextRowAt(c), 1); row < rows; row = Atomics.add(control, nextRowAt(c), 1)) {
      reduceRows(chunk, p.reduced, fromStep, toStep, row, row + 1);
      done++;
    }
    if (done > 0 && Atomics.add(control, doneAt(c), done) + done === rows) Atomics.notify(control, doneAt(c));
    onReduced?.(toStep);
  };
  for (let c = 0; c < chunks; c++) {
    const t0 = performance.now();
    // The buffer of chunk c held chunk c − 2: every row of it must be reduced first.
    if (c >= 2) await wait(control, doneAt(c - 2), rows);
    const t1 = performance.now();
    range.advance(from, p.chunks[c & 1]!, Math.min(length, (c + 1) * steps), part);
    Atomics.add(control, advancedAt(c), 1);
    Atomics.notify(control, advancedAt(c));
    const t2 = performance.now();
    if (c >= 1) await reduceShare(c - 1);
    timings.advanceMs += t2 - t1;
    timings.reduceMs += performance.now() - t2 + (t1 - t0);
  }
  const t0 = performance.now();
  await reduceShare(chunks - 1);
  // Rows other threads are still reducing: the reduced series are complete only after them.
  for (let c = Math.max(0, chunks - 2); c < chunks; c++) await wait(control, doneAt(c), rows);
  timings.reduceMs += performance.now() - t0;
  return timings;
}

/**
 * For a thread that takes no part: resolves once every chunk is reduced, calling
 * `onReduced(toStep)` as each one is.
 */
export async function watchPipeline(p: Pipeline, onReduced?: (toStep: number) => void): Promise<void> {
  const steps = p.chunks[0].steps;
  const chunks = Math.ceil(p.length / steps);
  const rows = p.series * steps;
  for (let c = 0; c < chunks; c++) {
    await waitAsync(p.control, doneAt(c), rows);
    onReduced?.(Math.min(p.length, (c + 1) * steps));
  }
}
