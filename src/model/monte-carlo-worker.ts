// A Monte Carlo worker thread: loads the model kinds, then runs whatever range of seeds or of
// steps the main thread sends (see monte-carlo.ts). Runs only as compiled JavaScript.
import { parentPort, workerData } from 'node:worker_threads';
import { ReplayError } from './engine.js';
import { loadWorkerKind, type WorkerKindSetup } from './load-worker-kind.js';
import { percentileRange, runSeedRange, type Percentiles, type SampleMatrix } from './monte-carlo-runs.js';
import type { ReplayPlan } from './plan.js';

export type WorkerSetup = WorkerKindSetup;

export type WorkerTask =
  | { type: 'run'; plan: ReplayPlan; matrix: SampleMatrix; seeds: number; firstSeed: number; from: number; to: number }
  | { type: 'percentiles'; matrix: SampleMatrix; out: Record<string, Percentiles>; seeds: number; fromStep: number; toStep: number };

/** `dataProblem`: the error is a ReplayError (a problem in the incident's data), not a bug. */
export type WorkerReply = { ok: true } | { ok: false; message: string; dataProblem: boolean };

const setup = workerData as WorkerSetup;

const kindReady = loadWorkerKind(setup);
// An import failure is reported with the first task, not as an unhandled rejection.
kindReady.catch(() => {});

parentPort!.on('message', (task: WorkerTask) => {
  void (async (): Promise<WorkerReply> => {
    try {
      const kind = await kindReady;
      if (task.type === 'run') runSeedRange(kind, task.plan, task.matrix, task.seeds, task.firstSeed, task.from, task.to);
      else percentileRange(task.matrix, task.out, task.seeds, task.fromStep, task.toStep);
      return { ok: true };
    } catch (error) {
      return { ok: false, message: (error as Error)?.message ?? String(error), dataProblem: error instanceof ReplayError };
    }
  })().then((reply) => parentPort!.postMessage(reply));
});
