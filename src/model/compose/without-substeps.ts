// A composed kind compiled again with automatic sub-stepping off (`model.substep: off`), once.
import { compileComposition, type ComposedKind } from './compile-composition.js';
import { componentTypes } from './component-types.js';

const cache = new WeakMap<ComposedKind, ComposedKind>();

export function withoutSubsteps(kind: ComposedKind): ComposedKind {
  let plain = cache.get(kind);
  if (!plain) cache.set(kind, (plain = compileComposition(kind.composition, componentTypes, { substep: false })));
  return plain;
}
