// Semantic checks run on a file that passed the schema. Each check is a small function in
// `checks/`, listed in one registry; each returns diagnostics and never throws.
import type { Diagnostic } from './diagnostic.js';
import type { LoadedIncident } from './load.js';
import type { Incident } from './schema.js';

export interface CheckContext {
  loaded: LoadedIncident;
  incident: Incident;
  /** A diagnostic at the node of `path`. */
  at(path: readonly (string | number)[], d: Omit<Diagnostic, 'file' | 'line' | 'column'>, which?: 'key' | 'value'): Diagnostic;
}

export type Check = (ctx: CheckContext) => Diagnostic[];

export const checks: Record<string, Check> = {};

export function checkIncident(loaded: LoadedIncident): Diagnostic[] {
  const incident = loaded.incident;
  if (!incident) return [];
  const ctx: CheckContext = {
    loaded,
    incident,
    at: (path, d, which) => ({ file: loaded.file, ...loaded.positionOf(path, which), ...d }),
  };
  return Object.values(checks).flatMap((check) => check(ctx));
}
