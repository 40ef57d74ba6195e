// Model kinds by id. A plain object: a user registers a kind of their own from a module
// (see `model.module` in the incident format) with `registerKind`.
import type { ModelKind } from './types.js';

const kinds = new Map<string, ModelKind<any>>();

export function registerKind(kind: ModelKind<any>): void {
  kinds.set(kind.id, kind);
}

export function getKind(id: string): ModelKind<any> | undefined {
  return kinds.get(id);
}

export function kindIds(): string[] {
  return [...kinds.keys()].sort();
}
