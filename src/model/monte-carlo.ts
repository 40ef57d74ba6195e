// Monte Carlo replay in lockstep: the same plan under N seeds, every seed advanced together a
// chunk of steps at a time, and each step reduced at once to the quantiles the report needs
// (the median and the 10–90% band, plus any asked for). Memory is the seeds' states, a chunk of
// steps (two on threads, each within 16 MB whatever the seeds) and the reduced series: no matrix
// of every sample, so the number of seeds is not capped by steps × seeds.
//
// Seeds are split between worker threads (one per core by default) in contiguous ranges; this
// thread hands out the work, reports progress and waits. Every worker advances its seeds
// through a chunk into one of two shared buffers, then reduces rows of the chunk before (one
// series at one step, all seeds), claimed one at a time, to exact type-7 quantiles by selection
// (monte-carlo-pipeline.ts: shared counters, no barrier per phase). This thread took a share
// itself until measured otherwise: V8 optimises its code on background threads, which on two
// cores took CPU from both computing threads, while the seeds ran unoptimised until each
// compilation came back. A worker started by the command-line program optimises on its own
// thread, at once (runtime/tier-up.ts); the main thread cannot, its isolate being older than any
// flag. Two workers and an idle caller ran 1,000 seeds of the 84-hour storm in 7–10 % less
// wall time than the caller and one worker, for one more worker to start.
// The quantiles are order statistics of all the seeds' values, so the
// bytes do not depend on how the seeds were split: same seed, same bytes, whatever the workers.
//
// Workers run compiled JavaScript only: the worker file is resolved next to this module
// (`new URL('./monte-carlo-worker.js', import.meta.url)`). When this module is itself the
// TypeScript source (vitest imports `src/` directly), or the kind cannot be loaded in a worker
// (registered in-process only, or a `.ts` module), the seeds run in this thread instead, with
// identical results: the same functions run in both places, seeded the same way.
import type { ComposedKind } from './compose/compile-composition.js';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ReplayError, sampleCount, type SeriesSet } from './engine.js';
import { advanceSeeds, reduceRows, runsInBatches, startSeeds, type Chunk, type Reduced } from './monte-carlo-lockstep.js';
import { abortPipeline, controlSize, PipelineAborted, watchPipeline, type Pipeline } from './monte-carlo-pipeline.js';
import type { ReplayPlan } from './plan.js';
import type { ModelKind } from './types.js';
import type { WorkerMessage, WorkerReply, WorkerSetup, WorkerTask } from './monte-carlo-worker.js';
import { tierUpAsUsual } from '../runtime/tier-up.js';
import { startMonteCarloWorkers, workerFilePresent, workerUrl, type StartedWorkers } from './monte-carlo-threads.js';

export { startMonteCarloWorkers, type StartedWorkers };

export interface MonteCarloOptions {
  /** Number of runs; seeds are firstSeed, firstSeed+1, … */
  seeds: number;
  firstSeed?: number;
  /**
   * Threads to split the seeds over: 2 or more are worker threads, this one only waiting for
   * them; 0 or 1 runs every seed in this thread. Default: the cores available.
   */
  workers?: number;
  /** Absolute path of the kind's module when it is not a built-in kind. */
  kindModule?: string;
  /** Quantiles to compute besides 0.1, 0.5 and 0.9 (each in [0, 1]). */
  quantiles?: readonly number[];
  /**
   * Run a composed model's seeds in batches when all its components can (default true);
   * false runs them seed by seed (the same bytes, slower: for tests and comparisons).
   */
  batch?: boolean;
}

export interface MonteCarloResult {
  seeds: number;
  /** The median of every series at every step. */
  median: SeriesSet;
  /** 10th and 90th percentiles of every series at every step. */
  bands: Record<string, { p10: Float64Array; p90: Float64Array }>;
  /** Every quantile computed (0.1, 0.5, 0.9 and those asked for), in ascending order. */
  quantiles: { q: number; series: Record<string, Float64Array> }[];
  /** How the runs were executed: `workers` (with how many worker threads) or `in-thread`. */
  executedBy: { mode: 'workers'; workers: number } | { mode: 'in-thread' };
  /**
   * Wall time of the two phases, for benchmarks: advancing the seeds, reducing to quantiles (on
   * threads, the calling thread's, its waits for the others counted with the reduction);
   * `chunkSteps`: steps per chunk.
   */
  timings: { runMs: number; percentileMs: number; chunkSteps: number };
}

/** Called after each chunk of steps: how many of the plan's steps every seed has run. */
export type StepProgress = (stepsDone: number, steps: number) => void;

export interface MonteCarloRunner {
  run(plan: ReplayPlan, seeds: number, firstSeed?: number, quantiles?: readonly number[], onProgress?: StepProgress): Promise<MonteCarloResult>;
  /** Stop the workers. */
  close(): Promise<void>;
}

/** True when worker threads can run this kind: compiled worker present, kind loadable by id or module. */
export function canUseWorkers(kind: ModelKind<any>, builtinIds: readonly string[], kindModule?: string): boolean {
  if (!workerFilePresent()) return false;
  if (kindModule !== undefined) return /\.(m?js|cjs)$/.test(kindModule);
  // A composition travels to the workers as data and is compiled there.
  if ((kind as Partial<ComposedKind>).composition) return true;
  return builtinIds.includes(kind.id);
}

/** One Monte Carlo replay; starts and stops its own workers. */
export async function runMonteCarlo(kind: ModelKind<any>, plan: ReplayPlan, options: MonteCarloOptions): Promise<MonteCarloResult> {
  const runner = await createMonteCarloRunner(kind, options);
  try {
    return await runner.run(plan, options.seeds, options.firstSeed, options.quantiles);
  } finally {
    await runner.close();
  }
}

/** A runner that keeps its workers between plans (the scenarios of one incident share them). */
export async function createMonteCarloRunner(
  kind: ModelKind<any>,
  options: Omit<MonteCarloOptions, 'seeds' | 'firstSeed' | 'quantiles'> & {
    /** Workers started earlier for this run (`startMonteCarloWorkers`): the runner takes them over, or stops them. */
    started?: StartedWorkers;
  } = {},
): Promise<MonteCarloRunner> {
  // Thousands of runs of one model: V8's own tier-up (runtime/tier-up.ts).
  tierUpAsUsual();
  const { builtinKinds } = await import('./kinds/index.js');
  const wanted = options.workers ?? availableParallelism();
  const batch = options.batch !== false;
  const useWorkers =
    wanted > 1 &&
    canUseWorkers(
      kind,
      builtinKinds.map((k) => k.id),
      options.kindModule,
    );
  const workers: Worker[] = [];
  if (useWorkers) {
    const composed = kind as Partial<ComposedKind>;
    const setup: WorkerSetup = {
      kindId: kind.id,
      kindModule: options.kindModule,
      ...(options.kindModule === undefined && composed.composition
        ? { composition: composed.composition, substep: composed.options?.substep !== false }
        : {}),
    };
    // The workers advance and reduce every seed; this thread hands out the work and waits.
    if (options.started?.threads.length === wanted) {
      // Already started (and unref'd): the setup goes first, the tasks follow it in order.
      for (const w of options.started.threads) {
        w.postMessage({ type: 'setup', setup } satisfies WorkerMessage);
        workers.push(w);
      }
    } else {
      await options.started?.close();
      for (let i = 0; i < wanted; i++) workers.push(new Worker(workerUrl, { workerData: setup }));
      // Idle workers must not keep the process alive if a caller forgets close().
      for (const w of workers) w.unref();
    }
  } else {
    await options.started?.close();
  }

  const send = (worker: Worker, task: WorkerTask): Promise<WorkerReply> =>
    new Promise<WorkerReply>((resolve, reject) => {
      const onMessage = (reply: WorkerReply) => {
        worker.off('error', onError);
        if (reply.ok) resolve(reply);
        else if (reply.aborted) reject(new PipelineAborted());
        else reject(reply.dataProblem ? new ReplayError(reply.message) : new Error(`Monte Carlo worker: ${reply.message}`));
      };
      const onError = (error: Error) => {
        worker.off('message', onMessage);
        reject(error);
      };
      worker.once('message', onMessage);
      worker.once('error', onError);
      worker.ref();
      worker.postMessage(task);
    }).finally(() => worker.unref());

  // The chunk and the reduced series are reused by the next plan of the same shape (the
  // scenarios of one incident), rather than each plan allocating its own.
  let buffers: { key: string; chunks: [Chunk, Chunk]; reduced: Reduced } | undefined;
  const shared = (size: number) => (useWorkers ? new Float64Array(new SharedArrayBuffer(size * 8)) : new Float64Array(size));
  const buffersFor = (length: number, n: number, qs: Float64Array): { chunks: [Chunk, Chunk]; reduced: Reduced } => {
    const names = Object.keys(kind.series);
    const steps = chunkStepsFor(length, n, names.length);
    const key = `${length}x${n}x${qs.join(',')}`;
    if (buffers?.key === key) return buffers;
    buffers = undefined;
    // Batched seeds record each step's range as they write it (Chunk.extents), one per thread.
    const parts = useWorkers ? workers.length : 1;
    const chunk = (): Chunk => ({
      columns: names.map(() => shared(steps * n)),
      seeds: n,
      steps,
      ...(runsInBatches(kind, { batch }) ? { extents: { lo: names.map(() => shared(steps * parts)), hi: names.map(() => shared(steps * parts)), parts } } : {}),
    });
    // Threads alternate between two chunk buffers (monte-carlo-pipeline.ts); one thread needs one.
    const first = chunk();
    const chunks: [Chunk, Chunk] = [first, useWorkers ? chunk() : first];
    const reduced: Reduced = { qs, out: [] };
    for (let k = 0; k < names.length * qs.length; k++) reduced.out.push(shared(length));
    buffers = { key, chunks, reduced };
    return buffers;
  };

  return {
    async run(plan, seeds, firstSeed = 1, extra = [], onProgress) {
      const n = Math.max(1, Math.floor(seeds));
      const length = sampleCount(plan);
      const names = Object.keys(kind.series);
      const qs = quantileList(extra);
      const { chunks, reduced } = buffersFor(length, n, qs);
      let runMs = 0;
      let percentileMs = 0;
      if (useWorkers) {
        // Part i is worker i's: its range of seeds, and its range of each step's extents.
        const parts = workers.length;
        const share = (i: number, total: number) => ({ from: Math.floor((i * total) / parts), to: Math.floor(((i + 1) * total) / parts) });
        const control = new Int32Array(new SharedArrayBuffer(4 * controlSize(length, chunks[0].steps)));
        const pipeline: Pipeline = { chunks, reduced, series: names.length, length, threads: parts, control };
        // Every worker's reply is awaited, even after one fails: a reply left in flight would be
        // taken as the answer to the next message sent to that worker. A failed worker stops the
        // others (abortPipeline), and its error, not their PipelineAborted, is reported.
        const all = async (task: (i: number) => WorkerTask): Promise<WorkerReply[]> => {
          const replies = workers.map((w, i) =>
            send(w, task(i)).catch((error: unknown) => {
              abortPipeline(control);
              throw error;
            }),
          );
          const settled = await Promise.allSettled(replies);
          const failures = settled.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
          if (failures.length > 0) throw failures.find((e) => !(e instanceof PipelineAborted)) ?? failures[0];
          return settled.map((r) => (r as PromiseFulfilledResult<WorkerReply>).value);
        };
        try {
          await all((i) => ({ type: 'start', plan, firstSeed, batch, part: i, ...share(i, n), pipeline }));
          // Progress follows the reduced chunks; the watch ends with the run (or its abort).
          const watching = watchPipeline(pipeline, (toStep) => onProgress?.(toStep, length)).catch(() => {});
          const replies = await all(() => ({ type: 'run' }));
          await watching;
          // The first worker's timings stand for the run's, as one thread's view of it.
          const first = replies[0];
          if (first?.ok && first.timings) ({ advanceMs: runMs, reduceMs: percentileMs } = first.timings);
        } finally {
          await all(() => ({ type: 'end' })).catch(() => {});
        }
      } else {
        const range = startSeeds(kind, plan, firstSeed, 0, n, { batch });
        const chunk = chunks[0];
        const rowsPerChunk = names.length * chunk.steps;
        for (let fromStep = 0; fromStep < length; fromStep += chunk.steps) {
          const toStep = Math.min(length, fromStep + chunk.steps);
          const t0 = performance.now();
          advanceSeeds(range, 0, chunk, toStep);
          const t1 = performance.now();
          reduceRows(chunk, reduced, fromStep, toStep, 0, rowsPerChunk);
          runMs += t1 - t0;
          percentileMs += performance.now() - t1;
          onProgress?.(toStep, length);
        }
      }
      // A rate over a step has no value before the first step: every run repeats its second
      // sample as its first (as runReplay does), so the quantiles of the first step are those
      // of the second.
      if (length > 1) {
        for (const name of kind.backfillFirstSample ?? []) {
          const k = names.indexOf(name);
          if (k < 0) continue;
          for (let j = 0; j < qs.length; j++) reduced.out[k * qs.length + j]![0] = reduced.out[k * qs.length + j]![1]!;
        }
      }
      // Copy out of the shared buffers: callers get ordinary arrays they may keep or transfer,
      // and the buffers serve the next plan.
      const quantiles = Array.from(qs, (q, j) => {
        const series: Record<string, Float64Array> = {};
        names.forEach((name, k) => (series[name] = Float64Array.from(reduced.out[k * qs.length + j]!)));
        return { q, series };
      });
      const at = (q: number) => quantiles.find((x) => x.q === q)!.series;
      const median = at(0.5);
      const bands: MonteCarloResult['bands'] = {};
      for (const name of names) bands[name] = { p10: at(0.1)[name]!, p90: at(0.9)[name]! };
      return {
        seeds: n,
        median: { startMs: plan.startMs, stepMinutes: plan.stepMinutes, length, series: median },
        bands,
        quantiles,
        executedBy: useWorkers ? { mode: 'workers', workers: workers.length } : { mode: 'in-thread' },
        timings: { runMs, percentileMs, chunkSteps: chunks[0].steps },
      };
    },
    async close() {
      buffers = undefined;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/**
 * Bytes of a chunk buffer (threads alternate between two): a chunk much smaller than the L3
 * cache did not measure faster, nor one larger than it slower.
 */
export const chunkBytes = 16 * 2 ** 20;

/**
 * Steps per chunk: as many as fit the budget, at most 128 (a seed writes one cache line per
 * step and series of the chunk; more would push the lines out before the next seed writes
 * beside them), at least 1.
 */
export function chunkStepsFor(length: number, seeds: number, series: number): number {
  return Math.max(1, Math.min(length, 128, Math.floor(chunkBytes / (seeds * Math.max(1, series) * 8))));
}

/** 0.1, 0.5, 0.9 and the extra quantiles, ascending, each once. */
export function quantileList(extra: readonly number[]): Float64Array {
  for (const q of extra) if (!(q >= 0 && q <= 1)) throw new ReplayError(`a quantile must lie in [0, 1], got ${q}`);
  return Float64Array.from(new Set([0.1, 0.5, 0.9, ...extra])).sort();
}
