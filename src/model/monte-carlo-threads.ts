// Starting Monte Carlo worker threads: a module of its own, so that `simulate --seeds` can start
// them first thing, before it loads the modules that read and check the incident (the threads'
// start-up then runs beside that work). monte-carlo.ts gives them their model and their seeds.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';


const moduleWorkerUrl = new URL(import.meta.url.endsWith('.ts') ? './monte-carlo-worker.ts' : './monte-carlo-worker.js', import.meta.url);
/**
 * In the bundled command-line program, the same worker as CommonJS with V8's code cache
 * (scripts/bundle-cli.mjs writes it): it requires the chunks the main thread loads, whose cache
 * entries the main thread writes, so a worker's start-up does not compile them from source. The
 * library's worker stays the ES module beside this file.
 */
const cachedWorkerUrl = new URL('./monte-carlo-worker-cached.cjs', import.meta.url);
export const workerUrl = !import.meta.url.endsWith('.ts') && existsSync(fileURLToPath(cachedWorkerUrl)) ? cachedWorkerUrl : moduleWorkerUrl;

/** Whether the compiled worker file is there to start (not when running from the TypeScript source). */
export function workerFilePresent(): boolean {
  return /\.c?js$/.test(workerUrl.pathname) && existsSync(fileURLToPath(workerUrl));
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
