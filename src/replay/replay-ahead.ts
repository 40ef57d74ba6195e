// Replays run on a worker thread ahead of the calling thread, for `build`: every incident's
// replay is asked for at once, the worker works through them in order, and the calling thread
// takes each when it writes that incident's report. Meanwhile the calling thread goes on with
// what needs no replay (the reports of incidents already replayed, their charts), so a build's
// replays overlap its writing instead of preceding it. Its replays done, the worker writes the
// reports' markdown, each report's syntax tree handed over as soon as it is generated, while the
// calling thread draws the report's charts.
//
// Measured on two cores, where the gain is least: the replays of the three seed incidents take
// about a fifth of a `build`'s main thread, most of it V8 warming the models up, and the
// markdown another eighth; on a worker (which optimises on its own thread, runtime/tier-up.ts)
// they used the second core's spare time while the main thread drew. The replay and the
// serialiser are the same functions on the same data in either thread, and what crosses does so
// by structured clone, which keeps every number to the bit: the reports are the same bytes.
import { Worker } from 'node:worker_threads';
import type { Incident } from '../incident/schema.js';
import { ReplayError } from '../model/engine.js';
import type { Root } from 'mdast';
import type { IncidentReplay } from './types.js';
import type { ReplayAheadReply, ReplayAheadTask } from './replay-ahead-worker.js';
import { compiledWorkerPresent, workerFileUrl } from '../runtime/worker-file.js';

const workerUrl = workerFileUrl('replay-ahead-worker', import.meta.url);

export interface ReplayAhead {
  /** The deterministic replay of `incident`, as `replayIncident(incident, { incidentFile })` gives it. */
  replay(incident: Incident, incidentFile: string): Promise<IncidentReplay>;
  /** A report's markdown, as `toMarkdown(tree)` gives it. */
  markdown(tree: Root): Promise<string>;
  close(): Promise<void>;
}

/**
 * Whether a worker can replay the incident as the calling thread would: a model built into
 * the program or composed in the file. A kind module (`model.module`) is imported only where
 * the user allowed it, and a kind registered in this process only is unknown to a worker: both
 * replay in the calling thread.
 */
export function replaysAhead(incident: Incident, builtinKindIds: readonly string[]): boolean {
  const model = incident.model;
  if (!model || model.module !== undefined) return false;
  return model.components !== undefined || (model.kind !== undefined && builtinKindIds.includes(model.kind));
}

/** A worker thread for replays, or undefined where there is no compiled worker (the TypeScript sources). */
export function startReplayAhead(): ReplayAhead | undefined {
  if (!compiledWorkerPresent(workerUrl)) return undefined;
  const worker = new Worker(workerUrl);
  // Idle, it must not keep the process alive; it is referenced while a replay is asked for.
  worker.unref();
  const waiting: { resolve(reply: Extract<ReplayAheadReply, { ok: true }>): void; reject(error: Error): void }[] = [];
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const w of waiting.splice(0)) w.reject(failure);
    worker.unref();
  };
  worker.on('message', (reply: ReplayAheadReply) => {
    const next = waiting.shift();
    if (waiting.length === 0) worker.unref();
    if (!next) return;
    if (reply.ok) next.resolve(reply);
    else next.reject(reply.dataProblem ? new ReplayError(reply.message) : new Error(`replay worker: ${reply.message}`));
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`replay worker stopped (exit code ${code})`)));
  const ask = (task: ReplayAheadTask): Promise<Extract<ReplayAheadReply, { ok: true }>> => {
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      worker.ref();
      worker.postMessage(task);
    });
  };
  return {
    // The caller's own incident object, not the clone that came back: the same data, and the
    // identity the rest of the build may rely on.
    replay: async (incident, incidentFile) => ({ ...((await ask({ incident, incidentFile })) as { replay: IncidentReplay }).replay, incident }),
    markdown: async (tree) => ((await ask({ markdown: tree })) as { markdown: string }).markdown,
    async close() {
      failure ??= new Error('replay worker closed');
      await worker.terminate();
    },
  };
}
