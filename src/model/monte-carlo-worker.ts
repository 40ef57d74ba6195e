// A Monte Carlo worker thread: loads the model kind, then holds the states of its range of
// seeds for one plan and, on the main thread's word, runs its part of the plan: its seeds
// advanced chunk by chunk, and rows of each chunk reduced to quantiles (monte-carlo-pipeline.ts).
// Runs only as compiled JavaScript.
import { parentPort, workerData } from 'node:worker_threads';
import { ReplayError } from './engine.js';
import { loadWorkerKind, preloadWorkerKinds, type WorkerKindSetup } from './load-worker-kind.js';
import { startSeeds, type SeedRange } from './monte-carlo-lockstep.js';
import { abortPipeline, PipelineAborted, runPipelinePart, waitBlocking, type PartTimings, type Pipeline } from './monte-carlo-pipeline.js';
import type { ReplayPlan } from './plan.js';
import type { ModelKind } from './types.js';

export type WorkerSetup = WorkerKindSetup;

/**
 * `start` hands over the plan, the worker's seeds and the shared buffers and counters; `run`
 * then runs the worker's part of every chunk (monte-carlo-pipeline.ts), coordinated with the
 * other threads through the shared counters, and replies when the run is complete.
 */
export type WorkerTask =
  | { type: 'start'; plan: ReplayPlan; firstSeed: number; batch: boolean; part: number; from: number; to: number; pipeline: Pipeline }
  | { type: 'run' }
  | { type: 'end' };

/**
 * `dataProblem`: the error is a ReplayError (a problem in the incident's data), not a bug;
 * `aborted`: the worker stopped because another thread failed.
 */
export type WorkerReply = { ok: true; timings?: PartTimings } | { ok: false; message: string; dataProblem: boolean; aborted?: boolean };

/**
 * A worker started before its model was known (`startMonteCarloWorkers`, without workerData)
 * gets its setup in this message, before any task; it answers none.
 */
export type WorkerMessage = WorkerTask | { type: 'setup'; setup: WorkerSetup };

let setUp: ((setup: WorkerSetup) => void) | undefined;
const kindReady: Promise<ModelKind<any>> =
  workerData !== undefined && workerData !== null
    ? loadWorkerKind(workerData as WorkerSetup)
    : new Promise((resolve) => (setUp = (setup) => resolve(loadWorkerKind(setup))));
// An import failure is reported with the first task, not as an unhandled rejection.
kindReady.catch(() => {});
// Waiting for the setup: compile the composition compiler meanwhile, while the main thread
// loads and checks the incident.
if (setUp) preloadWorkerKinds().catch(() => {});

let run: { seeds: SeedRange; part: number; from: number; pipeline: Pipeline } | undefined;

parentPort!.on('message', (task: WorkerMessage) => {
  if (task.type === 'setup') {
    setUp?.(task.setup);
    setUp = undefined;
    return;
  }
  void (async (): Promise<WorkerReply> => {
    try {
      const kind = await kindReady;
      let timings: PartTimings | undefined;
      switch (task.type) {
        case 'start':
          run = undefined;
          run = { seeds: startSeeds(kind, task.plan, task.firstSeed, task.from, task.to, { batch: task.batch }), part: task.part, from: task.from, pipeline: task.pipeline };
          break;
        case 'run':
          try {
            timings = await runPipelinePart(run!.pipeline, run!.seeds, run!.from, run!.part, waitBlocking);
          } catch (error) {
            // Wake the other threads, which would otherwise wait for this one's rows.
            abortPipeline(run!.pipeline.control);
            throw error;
          }
          break;
        case 'end':
          // Drop the seeds' states: the next plan may have another number of seeds.
          run = undefined;
          break;
      }
      return timings ? { ok: true, timings } : { ok: true };
    } catch (error) {
      return { ok: false, message: (error as Error)?.message ?? String(error), dataProblem: error instanceof ReplayError, aborted: error instanceof PipelineAborted };
    }
  })().then((reply) => parentPort!.postMessage(reply));
});
