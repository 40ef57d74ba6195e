// A `sensitivity` worker thread: rebuilds the kind and the shared plans once, then replays
// whatever chunk of sampled worlds the main thread sends (see replay-worlds.ts). Compiled
// JavaScript only.
import { parentPort, workerData } from 'node:worker_threads';
import type { Incident } from '../incident/schema.js';
import type { ReplayPlan } from '../model/plan.js';
import { loadWorkerKind, type WorkerKindSetup } from '../model/load-worker-kind.js';
import { replayWorld, worldStateFor, type WorldResult, type WorldState } from './replay-world.js';
import { SensitivityError } from './sensitivity-error.js';

export interface SensitivityWorkerSetup {
  kind: WorkerKindSetup;
  incident: Incident;
  plans: ReplayPlan[];
  goals: WorldState['goals'];
}

export type SensitivityWorkerReply =
  | { ok: true; results: WorldResult[] }
  | { ok: false; message: string; dataProblem: boolean };

const setup = workerData as SensitivityWorkerSetup;
const stateReady = loadWorkerKind(setup.kind).then((kind) => worldStateFor(setup.incident, kind, setup.plans, setup.goals));
// An import failure is reported with the first task, not as an unhandled rejection.
stateReady.catch(() => {});

parentPort!.on('message', (worlds: Record<string, number>[]) => {
  void (async (): Promise<SensitivityWorkerReply> => {
    try {
      const state = await stateReady;
      return { ok: true, results: worlds.map((world) => replayWorld(state, world)) };
    } catch (error) {
      return { ok: false, message: (error as Error)?.message ?? String(error), dataProblem: error instanceof SensitivityError };
    }
  })().then((reply) => parentPort!.postMessage(reply));
});
