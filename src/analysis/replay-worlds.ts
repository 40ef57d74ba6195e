// Replay many sampled worlds, in this thread or spread over worker threads in contiguous chunks
// (results come back in the worlds' order, so the output is the same bytes either way). Workers
// need the compiled worker file and a kind they can rebuild from data: a built-in kind, a
// composition, or a `.js` module; otherwise the worlds run here.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { workerKindSetup, type WorkerKindSetup } from '../model/load-worker-kind.js';
import { replayWorld, type WorldResult, type WorldState } from './replay-world.js';
import { SensitivityError } from './sensitivity-error.js';
import type { SensitivityWorkerReply, SensitivityWorkerSetup } from './sensitivity-worker.js';

const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './sensitivity-worker.ts' : './sensitivity-worker.js', import.meta.url);

export interface ReplayWorldsOptions {
  /** Worker threads; 0 or 1 (default) runs in this thread. */
  workers?: number;
  /** Absolute path of the kind's module when it is not a built-in kind. */
  kindModule?: string;
}

export async function replayWorlds(state: WorldState, worlds: Record<string, number>[], options: ReplayWorldsOptions = {}): Promise<{ results: WorldResult[]; workers: number }> {
  const wanted = Math.min(Math.floor(options.workers ?? 1), worlds.length);
  const setup = wanted > 1 ? await workerSetup(state, options.kindModule) : undefined;
  if (!setup) return { results: worlds.map((world) => replayWorld(state, world)), workers: 0 };
  const data: SensitivityWorkerSetup = { kind: setup, incident: state.incident, plans: state.plans, goals: state.goals };
  const size = Math.ceil(worlds.length / wanted);
  const chunks = Array.from({ length: wanted }, (_, i) => worlds.slice(i * size, (i + 1) * size)).filter((c) => c.length > 0);
  const workers = chunks.map(() => new Worker(workerUrl, { workerData: data }));
  try {
    const parts = await Promise.all(
      chunks.map(
        (chunk, i) =>
          new Promise<WorldResult[]>((resolve, reject) => {
            const worker = workers[i]!;
            worker.once('error', reject);
            worker.once('message', (reply: SensitivityWorkerReply) => {
              if (reply.ok) resolve(reply.results);
              else reject(reply.dataProblem ? new SensitivityError(reply.message) : new Error(`sensitivity worker: ${reply.message}`));
            });
            worker.postMessage(chunk);
          }),
      ),
    );
    return { results: parts.flat(), workers: chunks.length };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

async function workerSetup(state: WorldState, kindModule: string | undefined): Promise<WorkerKindSetup | undefined> {
  if (!workerUrl.pathname.endsWith('.js') || !existsSync(fileURLToPath(workerUrl))) return undefined;
  return workerKindSetup(state.kind, kindModule);
}
