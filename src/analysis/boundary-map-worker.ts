// A boundary-map worker thread: rebuilds the kind once, then replays whatever chunk of grid
// cells the main thread sends (see replay-grid.ts) and answers with their peaks. Compiled
// JavaScript only.
import { parentPort, workerData } from 'node:worker_threads';
import type { ReplayPlan } from '../model/plan.js';
import { loadWorkerKind, type WorkerKindSetup } from '../model/load-worker-kind.js';
import { peakInWorld, type PeakRequest } from './peak-in-world.js';

export interface BoundaryWorkerSetup {
  kind: WorkerKindSetup;
  plan: ReplayPlan;
}

export interface BoundaryWorkerTask extends PeakRequest {
  worlds: Record<string, number>[];
}

export type BoundaryWorkerReply = { ok: true; peaks: Float64Array } | { ok: false; message: string };

const setup = workerData as BoundaryWorkerSetup;
const kindReady = loadWorkerKind(setup.kind);
// An import failure is reported with the first task, not as an unhandled rejection.
kindReady.catch(() => {});

parentPort!.on('message', (task: BoundaryWorkerTask) => {
  void (async (): Promise<BoundaryWorkerReply> => {
    try {
      const kind = await kindReady;
      return { ok: true, peaks: Float64Array.from(task.worlds, (world) => peakInWorld(kind, setup.plan, task, world)) };
    } catch (error) {
      return { ok: false, message: (error as Error)?.message ?? String(error) };
    }
  })().then((reply) => parentPort!.postMessage(reply));
});
