// Replay many sampled worlds, in this thread or spread over worker threads in contiguous chunks
// (results come back in the worlds' order, so the output is the same bytes either way). Workers
// need the compiled worker file and a kind they can rebuild from data: a built-in kind, a
// composition, or a `.js` module; otherwise the worlds run here.
import { Worker } from 'node:worker_threads';
import { workerKindSetup, type WorkerKindSetup } from '../model/load-worker-kind.js';
import { replayWorld, type WorldResult, type WorldState } from './replay-world.js';
import { SensitivityError } from './sensitivity-error.js';
import type { SensitivityWorkerReply, SensitivityWorkerSetup } from './sensitivity-worker.js';
import { tierUpAsUsual } from '../runtime/tier-up.js';
import { compiledWorkerPresent, workerFileUrl } from '../runtime/worker-file.js';

const workerUrl = workerFileUrl('sensitivity-worker', import.meta.url);

export interface ReplayWorldsOptions {
  /** Worker threads; 0 or 1 (default) runs in this thread. */
  workers?: number;
  /** Absolute path of the kind's module when it is not a built-in kind. */
  kindModule?: string;
  /** Worlds replayed so far (the progress line of the CLI). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Worlds per message to a worker: each worker works through its contiguous share a piece at a
 * time, so progress can be told as the pieces come back. A piece is large enough that the
 * messages cost nothing next to its replays.
 */
const piece = 8;

export async function replayWorlds(state: WorldState, worlds: Record<string, number>[], options: ReplayWorldsOptions = {}): Promise<{ results: WorldResult[]; workers: number }> {
  // Many replays of one model: V8's own tier-up (runtime/tier-up.ts).
  tierUpAsUsual();
  const wanted = Math.min(Math.floor(options.workers ?? 1), worlds.length);
  const setup = wanted > 1 ? await workerSetup(state, options.kindModule) : undefined;
  const total = worlds.length;
  let done = 0;
  const advanced = (n: number) => {
    done += n;
    options.onProgress?.(done, total);
  };
  if (!setup) {
    return {
      results: worlds.map((world) => {
        const result = replayWorld(state, world);
        advanced(1);
        return result;
      }),
      workers: 0,
    };
  }
  const data: SensitivityWorkerSetup = { kind: setup, incident: state.incident, plans: state.plans, goals: state.goals };
  const size = Math.ceil(worlds.length / wanted);
  const chunks = Array.from({ length: wanted }, (_, i) => worlds.slice(i * size, (i + 1) * size)).filter((c) => c.length > 0);
  const workers = chunks.map(() => new Worker(workerUrl, { workerData: data }));
  try {
    const send = (worker: Worker, part: Record<string, number>[]) =>
      new Promise<WorldResult[]>((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        worker.once('error', onError);
        worker.once('message', (reply: SensitivityWorkerReply) => {
          worker.off('error', onError);
          if (reply.ok) resolve(reply.results);
          else reject(reply.dataProblem ? new SensitivityError(reply.message) : new Error(`sensitivity worker: ${reply.message}`));
        });
        worker.postMessage(part);
      });
    // Each worker replays its share piece by piece; the results keep the worlds' order.
    const parts = await Promise.all(
      chunks.map(async (chunk, i) => {
        const results: WorldResult[] = [];
        for (let from = 0; from < chunk.length; from += piece) {
          const part = chunk.slice(from, from + piece);
          results.push(...(await send(workers[i]!, part)));
          advanced(part.length);
        }
        return results;
      }),
    );
    return { results: parts.flat(), workers: chunks.length };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

async function workerSetup(state: WorldState, kindModule: string | undefined): Promise<WorkerKindSetup | undefined> {
  if (!compiledWorkerPresent(workerUrl)) return undefined;
  return workerKindSetup(state.kind, kindModule);
}
