// The composition an incident file's `model:` describes when it lists `components:`, and the
// compiled kind for it (compiled once per model object).
import type { Model } from '../../incident/schema.js';
import type { Composition } from './composition.js';
import { compileComposition, type ComposedKind, type CompileOptions, type CompositionProblem } from './compile-composition.js';
import { componentTypes } from './component-types.js';

export function compositionFromModel(id: string, model: Model): Composition {
  const series = model.series ?? {};
  return {
    id,
    description: `the model composed in ${id}`,
    parameters: Object.fromEntries(Object.entries(model.parameters).map(([name, p]) => [name, { unit: p.unit, description: p.note }])),
    stocks: model.stocks ?? {},
    components: model.components ?? {},
    series,
    primarySeries: model.primarySeries ?? Object.keys(series)[0] ?? '',
    ...(model.mechanism ? { mechanism: model.mechanism } : {}),
    ...(model.cells ? { cells: model.cells } : {}),
  };
}

/** Where a problem of the composition sits in the incident file. */
export function modelPath(problem: CompositionProblem): (string | number)[] {
  return ['model', ...problem.path];
}

const compiled = new WeakMap<Model, Map<string, ComposedKind>>();

/** The compiled kind of a composed model. Throws CompositionError listing every problem. */
export function composedKindFor(id: string, model: Model, options: CompileOptions = {}): ComposedKind {
  const key = JSON.stringify(options);
  let byOptions = compiled.get(model);
  if (!byOptions) compiled.set(model, (byOptions = new Map()));
  let kind = byOptions.get(key);
  if (!kind) {
    kind = compileComposition(compositionFromModel(id, model), componentTypes, options);
    byOptions.set(key, kind);
  }
  return kind;
}
