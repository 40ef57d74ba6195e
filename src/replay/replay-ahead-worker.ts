// A worker thread that replays incidents for `build` (replay-ahead.ts): each message is one
// incident, replayed as `replayIncident` would in the calling thread, or one report's syntax
// tree, written out as `toMarkdown` would in the calling thread; answered in the order asked.
// Runs only as compiled JavaScript.
import { parentPort } from 'node:worker_threads';
import type { Root } from 'mdast';
import type { Incident } from '../incident/schema.js';
import { ReplayError } from '../model/engine.js';
import { replayIncident } from './replay-incident.js';
import type { IncidentReplay } from './types.js';

export type ReplayAheadTask = { incident: Incident; incidentFile: string } | { markdown: Root };

/** `dataProblem`: the error is a ReplayError (a problem in the incident's data), not a bug. */
export type ReplayAheadReply = { ok: true; replay: IncidentReplay } | { ok: true; markdown: string } | { ok: false; message: string; dataProblem: boolean };

// One replay at a time, in the order asked: the caller takes the answers in that order.
let queue: Promise<void> = Promise.resolve();

parentPort!.on('message', (task: ReplayAheadTask) => {
  queue = queue.then(async () => {
    let reply: ReplayAheadReply;
    try {
      if ('markdown' in task) {
        // Loaded with the first report: the replays come first, and need none of it.
        const { toMarkdown } = await import('../report/to-markdown.js');
        reply = { ok: true, markdown: toMarkdown(task.markdown) };
      } else reply = { ok: true, replay: await replayIncident(task.incident, { incidentFile: task.incidentFile }) };
    } catch (error) {
      reply = { ok: false, message: (error as Error)?.message ?? String(error), dataProblem: error instanceof ReplayError };
    }
    parentPort!.postMessage(reply);
  });
});
