// Monte Carlo replay: the same plan under N seeds, reduced to the median and the 10–90% band
// of every series at every step.
//
// Runs go to worker_threads (one per core by default). The samples live in SharedArrayBuffers
// laid out step-major (`[step * seeds + run]`), so workers write their runs in place and then
// reduce disjoint ranges of steps to percentiles, and nothing is copied between threads.
//
// Workers run compiled JavaScript only: the worker file is resolved next to this module
// (`new URL('./monte-carlo-worker.js', import.meta.url)`). When this module is itself the
// TypeScript source (vitest imports `src/` directly), or the kind cannot be loaded in a worker
// (registered in-process only, or a `.ts` module), the runs happen in this thread instead, with
// identical results: the same functions run in both places, seeded the same way.
import type { ComposedKind } from './compose/compile-composition.js';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ReplayError, sampleCount, type SeriesSet } from './engine.js';
import { percentileRange, runSeedRange, type Percentiles, type SampleMatrix } from './monte-carlo-runs.js';
import type { ReplayPlan } from './plan.js';
import type { ModelKind } from './types.js';
import type { WorkerReply, WorkerSetup, WorkerTask } from './monte-carlo-worker.js';

export interface MonteCarloOptions {
  /** Number of runs; seeds are firstSeed, firstSeed+1, … */
  seeds: number;
  firstSeed?: number;
  /** Worker threads; default: the cores available. 0 or 1 runs in this thread. */
  workers?: number;
  /** Absolute path of the kind's module when it is not a built-in kind. */
  kindModule?: string;
}

export interface MonteCarloResult {
  seeds: number;
  /** The median of every series at every step. */
  median: SeriesSet;
  /** 10th and 90th percentiles of every series at every step. */
  bands: Record<string, { p10: Float64Array; p90: Float64Array }>;
  /** How the runs were executed: `workers` (with how many) or `in-thread`. */
  executedBy: { mode: 'workers'; workers: number } | { mode: 'in-thread' };
  /** Wall time of the two phases, for benchmarks: running the seeds, reducing to percentiles. */
  timings: { runMs: number; percentileMs: number };
}

export interface MonteCarloRunner {
  run(plan: ReplayPlan, seeds: number, firstSeed?: number): Promise<MonteCarloResult>;
  /** Stop the workers. */
  close(): Promise<void>;
}

const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './monte-carlo-worker.ts' : './monte-carlo-worker.js', import.meta.url);

/** True when worker threads can run this kind: compiled worker present, kind loadable by id or module. */
export function canUseWorkers(kind: ModelKind<any>, builtinIds: readonly string[], kindModule?: string): boolean {
  if (!workerUrl.pathname.endsWith('.js') || !existsSync(fileURLToPath(workerUrl))) return false;
  if (kindModule !== undefined) return /\.(m?js|cjs)$/.test(kindModule);
  // A composition travels to the workers as data and is compiled there.
  if ((kind as Partial<ComposedKind>).composition) return true;
  return builtinIds.includes(kind.id);
}

/** One Monte Carlo replay; starts and stops its own workers. */
export async function runMonteCarlo(kind: ModelKind<any>, plan: ReplayPlan, options: MonteCarloOptions): Promise<MonteCarloResult> {
  const runner = await createMonteCarloRunner(kind, options);
  try {
    return await runner.run(plan, options.seeds, options.firstSeed);
  } finally {
    await runner.close();
  }
}

/** A runner that keeps its workers between plans (the scenarios of one incident share them). */
export async function createMonteCarloRunner(
  kind: ModelKind<any>,
  options: Omit<MonteCarloOptions, 'seeds' | 'firstSeed'> = {},
): Promise<MonteCarloRunner> {
  const { builtinKinds } = await import('./kinds/index.js');
  const wanted = options.workers ?? availableParallelism();
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
    for (let i = 0; i < wanted; i++) workers.push(new Worker(workerUrl, { workerData: setup }));
    // Idle workers must not keep the process alive if a caller forgets close().
    for (const w of workers) w.unref();
  }

  const send = (worker: Worker, task: WorkerTask): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const onMessage = (reply: WorkerReply) => {
        worker.off('error', onError);
        if (reply.ok) resolve();
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

  // The sample matrix is the big allocation (steps × seeds × series × 8 bytes: 340 MB for EBS
  // 2011 at 1,000 seeds): scenarios of the same length reuse it rather than each allocating
  // their own and leaving the old ones to the garbage collector.
  let buffers: { key: string; matrix: SampleMatrix; out: Record<string, Percentiles> } | undefined;
  const buffersFor = (length: number, n: number) => {
    const key = `${length}x${n}`;
    if (buffers?.key === key) return buffers;
    buffers = undefined;
    const shared = (size: number) =>
      useWorkers ? new Float64Array(new SharedArrayBuffer(size * 8)) : new Float64Array(size);
    const matrix: SampleMatrix = {};
    const out: Record<string, Percentiles> = {};
    for (const name of Object.keys(kind.series)) {
      matrix[name] = shared(length * n);
      out[name] = { p10: shared(length), p50: shared(length), p90: shared(length) };
    }
    buffers = { key, matrix, out };
    return buffers;
  };

  return {
    async run(plan, seeds, firstSeed = 1) {
      const n = Math.max(1, Math.floor(seeds));
      const length = sampleCount(plan);
      const names = Object.keys(kind.series);
      checkMatrixSize(length, n, names.length);
      const { matrix, out } = buffersFor(length, n);
      const t0 = performance.now();
      let t1: number;
      if (useWorkers) {
        const parts = workers.length;
        await Promise.all(
          workers.map((w, i) =>
            send(w, { type: 'run', plan, matrix, seeds: n, firstSeed, from: Math.floor((i * n) / parts), to: Math.floor(((i + 1) * n) / parts) }),
          ),
        );
        t1 = performance.now();
        await Promise.all(
          workers.map((w, i) =>
            send(w, {
              type: 'percentiles',
              matrix,
              out,
              seeds: n,
              fromStep: Math.floor((i * length) / parts),
              toStep: Math.floor(((i + 1) * length) / parts),
            }),
          ),
        );
      } else {
        runSeedRange(kind, plan, matrix, n, firstSeed, 0, n);
        t1 = performance.now();
        percentileRange(matrix, out, n, 0, length);
      }
      const t2 = performance.now();
      // Copy out of the shared buffers: callers get ordinary arrays they may keep or transfer.
      const median: Record<string, Float64Array> = {};
      const bands: MonteCarloResult['bands'] = {};
      for (const name of names) {
        median[name] = Float64Array.from(out[name]!.p50);
        bands[name] = { p10: Float64Array.from(out[name]!.p10), p90: Float64Array.from(out[name]!.p90) };
      }
      return {
        seeds: n,
        median: { startMs: plan.startMs, stepMinutes: plan.stepMinutes, length, series: median },
        bands,
        executedBy: useWorkers ? { mode: 'workers', workers: workers.length } : { mode: 'in-thread' },
        timings: { runMs: t1 - t0, percentileMs: t2 - t1 },
      };
    },
    async close() {
      buffers = undefined;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** The sample matrix is held in memory whole: refuse sizes that cannot fit, before allocating. */
export const maxMatrixBytes = 2 ** 31;

function checkMatrixSize(length: number, seeds: number, series: number): void {
  const bytes = length * seeds * Math.max(1, series) * 8;
  if (bytes <= maxMatrixBytes) return;
  const most = Math.floor(maxMatrixBytes / (length * Math.max(1, series) * 8));
  throw new ReplayError(
    `${seeds} seeds of ${length} steps × ${series} series would need ${(bytes / 2 ** 30).toFixed(1)} GB of samples; ` +
      `use at most ${most} seeds at this step, or a longer --step`,
  );
}
