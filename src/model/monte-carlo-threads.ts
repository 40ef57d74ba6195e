// Starting Monte Carlo worker threads: a module of its own, so that `simulate --seeds` can start
// them first thing, before it loads the modules that read and check the incident (the threads'
// start-up then runs beside that work). monte-carlo.ts gives them their model and their seeds.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { compiledWorkerPresent, workerFileUrl } from '../runtime/worker-file.js';

/** In the bundled command-line program, the CommonJS worker with V8's code cache (runtime/worker-file.ts). */
export const workerUrl = workerFileUrl('monte-carlo-worker', import.meta.url);

/** Whether the compiled worker file is there to start (not when running from the TypeScript source). */
export function workerFilePresent(): boolean {
  return compiledWorkerPresent(workerUrl);
}

/**
 * Worker threads started before the model is known, each waiting for its setup (the kind to
 * compile) in a message: a CLI call starts them before it loads and checks the incident, so
 * their start-up (a thread, the worker's modules compiled) runs beside that work instead of
 * after it. Handed to `createMonteCarloRunner` (`started`), which gives them their setup, or
 * stops them when the kind cannot run in workers.
 */
export interface StartedWorkers {
  readonly threads: readonly Worker[];
  close(): Promise<void>;
}

/** `workers` idle worker threads (as `createMonteCarloRunner` would use), or undefined when it would use none. */
export function startMonteCarloWorkers(workers: number = availableParallelism()): StartedWorkers | undefined {
  if (!(workers > 1) || !workerFilePresent()) return undefined;
  const threads = Array.from({ length: workers }, () => new Worker(workerUrl));
  // Idle workers must not keep the process alive if the run never comes.
  for (const w of threads) w.unref();
  return { threads, close: async () => void (await Promise.all(threads.map((w) => w.terminate()))) };
}
