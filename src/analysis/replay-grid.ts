// Replay the cells of boundary maps, in this thread or on worker threads. A pool is made once
// per call and every map's cells go through it, dealt to the workers in turn (cell k to worker
// k mod n: the cells on one side of the boundary replay slower than on the other, and a row
// of the grid lies on one side more often than not, so contiguous chunks would leave a worker
// idle); the peaks are put back in the cells' order, so the map is the same numbers with any
// number of workers. Workers need the compiled worker file and a kind they can rebuild from data (see
// `workerKindSetup`); otherwise the cells run here.
import { Worker } from 'node:worker_threads';
import type { ReplayPlan } from '../model/plan.js';
import type { ModelKind } from '../model/types.js';
import { workerKindSetup } from '../model/load-worker-kind.js';
import { peakInWorld, type PeakRequest } from './peak-in-world.js';
import type { BoundaryWorkerReply, BoundaryWorkerSetup, BoundaryWorkerTask } from './boundary-map-worker.js';
import { tierUpAsUsual } from '../runtime/tier-up.js';
import { compiledWorkerPresent, workerFileUrl } from '../runtime/worker-file.js';

const workerUrl = workerFileUrl('boundary-map-worker', import.meta.url);

export interface GridReplayer {
  /** The peak of `request.series` in each world, in order; `onCells` is told each batch of cells done. */
  peaks(request: PeakRequest, worlds: Record<string, number>[], onCells?: (cells: number) => void): Promise<Float64Array>;
  /** Worker threads in use (0: this thread). */
  readonly workers: number;
  close(): Promise<void>;
}

/** Cells per message to a worker: enough that the messages cost nothing next to the replays. */
const piece = 32;

export async function createGridReplayer(kind: ModelKind<any>, plan: ReplayPlan, options: { workers?: number; kindModule?: string } = {}): Promise<GridReplayer> {
  // A grid of replays of one model: V8's own tier-up (runtime/tier-up.ts).
  tierUpAsUsual();
  const wanted = Math.floor(options.workers ?? 1);
  const usable = wanted > 1 && compiledWorkerPresent(workerUrl);
  const setup = usable ? await workerKindSetup(kind, options.kindModule) : undefined;
  if (!setup) {
    return {
      workers: 0,
      peaks: async (request, worlds, onCells) =>
        Float64Array.from(worlds, (world) => {
          const peak = peakInWorld(kind, plan, request, world);
          onCells?.(1);
          return peak;
        }),
      close: async () => {},
    };
  }
  const data: BoundaryWorkerSetup = { kind: setup, plan };
  const pool = Array.from({ length: wanted }, () => new Worker(workerUrl, { workerData: data }));
  const run = (worker: Worker, task: BoundaryWorkerTask) =>
    new Promise<Float64Array>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      worker.once('error', onError);
      worker.once('message', (reply: BoundaryWorkerReply) => {
        worker.off('error', onError);
        if (reply.ok) resolve(reply.peaks);
        else reject(new Error(`boundary map worker: ${reply.message}`));
      });
      worker.postMessage(task);
    });
  return {
    workers: pool.length,
    async peaks(request, worlds, onCells) {
      const n = pool.length;
      // Each worker works through its dealt cells a piece at a time, so progress can be told.
      const parts = await Promise.all(
        pool.map(async (worker, i) => {
          const dealt = worlds.filter((_, k) => k % n === i);
          const peaks = new Float64Array(dealt.length);
          for (let from = 0; from < dealt.length; from += piece) {
            const part = dealt.slice(from, from + piece);
            peaks.set(await run(worker, { ...request, worlds: part }), from);
            onCells?.(part.length);
          }
          return peaks;
        }),
      );
      const out = new Float64Array(worlds.length);
      parts.forEach((part, i) => part.forEach((peak, j) => (out[j * n + i] = peak)));
      return out;
    },
    close: async () => {
      await Promise.all(pool.map((w) => w.terminate()));
    },
  };
}
