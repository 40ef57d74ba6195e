// A Monte Carlo worker thread: loads the model kind, then holds the states of its range of
// seeds for one plan and, on the main thread's word, advances them a chunk of steps or reduces
// its share of a chunk's rows to quantiles (see monte-carlo.ts). Runs only as compiled
// JavaScript.
import { parentPort, workerData } from 'node:worker_threads';
import { ReplayError } from './engine.js';
import { loadWorkerKind, type WorkerKindSetup } from './load-worker-kind.js';
import { advanceSeeds, reduceRows, startSeeds, type Chunk, type Reduced, type SeedRange } from './monte-carlo-lockstep.js';
import type { ReplayPlan } from './plan.js';

export type WorkerSetup = WorkerKindSetup;

/**
 * `start` hands over the plan, the worker's seeds and the shared buffers once; `advance` and
 * `reduce` then carry only step and row numbers, so a chunk costs two short messages.
 */
export type WorkerTask =
  | { type: 'start'; plan: ReplayPlan; firstSeed: number; batch: boolean; from: number; to: number; chunk: Chunk; reduced: Reduced }
  | { type: 'advance'; toStep: number }
  | { type: 'reduce'; fromStep: number; toStep: number; fromRow: number; toRow: number; rowStride: number }
  | { type: 'end' };

/** `dataProblem`: the error is a ReplayError (a problem in the incident's data), not a bug. */
export type WorkerReply = { ok: true } | { ok: false; message: string; dataProblem: boolean };

const setup = workerData as WorkerSetup;

const kindReady = loadWorkerKind(setup);
// An import failure is reported with the first task, not as an unhandled rejection.
kindReady.catch(() => {});

let run: { seeds: SeedRange; from: number; chunk: Chunk; reduced: Reduced } | undefined;

parentPort!.on('message', (task: WorkerTask) => {
  void (async (): Promise<WorkerReply> => {
    try {
      const kind = await kindReady;
      switch (task.type) {
        case 'start':
          run = undefined;
          run = { seeds: startSeeds(kind, task.plan, task.firstSeed, task.from, task.to, { batch: task.batch }), from: task.from, chunk: task.chunk, reduced: task.reduced };
          break;
        case 'advance':
          advanceSeeds(run!.seeds, run!.from, run!.chunk, task.toStep);
          break;
        case 'reduce':
          reduceRows(run!.chunk, run!.reduced, task.fromStep, task.toStep, task.fromRow, task.toRow, task.rowStride);
          break;
        case 'end':
          // Drop the seeds' states: the next plan may have another number of seeds.
          run = undefined;
          break;
      }
      return { ok: true };
    } catch (error) {
      return { ok: false, message: (error as Error)?.message ?? String(error), dataProblem: error instanceof ReplayError };
    }
  })().then((reply) => parentPort!.postMessage(reply));
});
