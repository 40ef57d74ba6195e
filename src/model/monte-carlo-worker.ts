// A Monte Carlo worker thread: loads the model kinds, then runs whatever range of seeds or of
// steps the main thread sends (see monte-carlo.ts). Runs only as compiled JavaScript.
import { parentPort, workerData } from 'node:worker_threads';
import { getKind } from './registry.js';
import { ReplayError } from './engine.js';
import { importKindModule } from './load-kind-module.js';
import { percentileRange, runSeedRange, type Percentiles, type SampleMatrix } from './monte-carlo-runs.js';
import type { ReplayPlan } from './plan.js';
import type { ModelKind } from './types.js';
import type { Composition } from './compose/composition.js';

export interface WorkerSetup {
  kindId: string;
  /** A composed kind, compiled in the worker (with sub-stepping on unless `substep` is false). */
  composition?: Composition;
  substep?: boolean;
  /** Absolute path of the kind's module, for a kind that is not built in. */
  kindModule?: string;
}

export type WorkerTask =
  | { type: 'run'; plan: ReplayPlan; matrix: SampleMatrix; seeds: number; firstSeed: number; from: number; to: number }
  | { type: 'percentiles'; matrix: SampleMatrix; out: Record<string, Percentiles>; seeds: number; fromStep: number; toStep: number };

/** `dataProblem`: the error is a ReplayError (a problem in the incident's data), not a bug. */
export type WorkerReply = { ok: true } | { ok: false; message: string; dataProblem: boolean };

const setup = workerData as WorkerSetup;

async function loadKind(): Promise<ModelKind<any>> {
  if (setup.composition) {
    const { compileComposition } = await import('./compose/compile-composition.js');
    const { componentTypes } = await import('./compose/component-types.js');
    return compileComposition(setup.composition, componentTypes, { substep: setup.substep !== false });
  }
  await import('./kinds/index.js');
  if (setup.kindModule) return importKindModule(setup.kindModule, setup.kindId);
  const kind = getKind(setup.kindId);
  if (!kind) throw new Error(`unknown model kind \`${setup.kindId}\` in the Monte Carlo worker`);
  return kind;
}

const kindReady = loadKind();
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
