// The kind a worker thread replays, rebuilt from plain data: a composition compiled again, a
// built-in kind by id, or a kind module imported by its absolute path.
import { getKind } from './registry.js';
import { importKindModule } from './load-kind-module.js';
import type { ModelKind } from './types.js';
import type { Composition } from './compose/composition.js';
import type { ComposedKind } from './compose/compile-composition.js';

export interface WorkerKindSetup {
  kindId: string;
  /** A composed kind, compiled in the worker (with sub-stepping on unless `substep` is false). */
  composition?: Composition;
  substep?: boolean;
  /** Absolute path of the kind's module, for a kind that is not built in. */
  kindModule?: string;
}

export async function loadWorkerKind(setup: WorkerKindSetup): Promise<ModelKind<any>> {
  if (setup.composition) {
    const { compileComposition } = await import('./compose/compile-composition.js');
    const { componentTypes } = await import('./compose/component-types.js');
    return compileComposition(setup.composition, componentTypes, { substep: setup.substep !== false });
  }
  await import('./kinds/index.js');
  if (setup.kindModule) return importKindModule(setup.kindModule, setup.kindId);
  const kind = getKind(setup.kindId);
  if (!kind) throw new Error(`unknown model kind \`${setup.kindId}\` in a worker thread`);
  return kind;
}

/**
 * Imports what `loadWorkerKind` compiles a composition with (every built-in kind is one), for
 * a worker started before its setup arrives: the modules' loading and compiling then overlap
 * the main thread's work instead of following it.
 */
export async function preloadWorkerKinds(): Promise<void> {
  await Promise.all([import('./compose/compile-composition.js'), import('./compose/component-types.js')]);
}

/**
 * The data a worker needs to rebuild `kind`, or undefined when it cannot (a kind registered
 * in-process only, or a `.ts` module the worker's plain Node.js cannot import): then the work
 * runs in the calling thread.
 */
export async function workerKindSetup(kind: ModelKind<any>, kindModule: string | undefined): Promise<WorkerKindSetup | undefined> {
  if (kindModule !== undefined) return /\.(m?js|cjs)$/.test(kindModule) ? { kindId: kind.id, kindModule } : undefined;
  const composed = kind as Partial<ComposedKind>;
  if (composed.composition) return { kindId: kind.id, composition: composed.composition, substep: composed.options?.substep !== false };
  const { builtinKinds } = await import('./kinds/index.js');
  return builtinKinds.some((k) => k.id === kind.id) ? { kindId: kind.id } : undefined;
}
