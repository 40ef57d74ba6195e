// Semantic checks run on a file that passed the schema. Each check is a small function in
// `checks/`, listed in one registry; each returns diagnostics and never throws.
import type { Diagnostic } from './diagnostic.js';
import type { LoadedIncident } from './load.js';
import type { Incident } from './schema.js';
import type { ModelKind } from '../model/types.js';
import type { CompositionProblem } from '../model/compose/compile-composition.js';
import { checkActions } from './checks/check-actions.js';
import { checkBoundaryMaps } from './checks/check-boundary-maps.js';
import { checkDataPaths } from './checks/check-data-paths.js';
import { checkDuplicateIds } from './checks/check-duplicate-ids.js';
import { checkEventOrder } from './checks/check-event-order.js';
import { checkEventRefs } from './checks/check-event-refs.js';
import { checkModelKind } from './checks/check-model-kind.js';
import { checkModelWindow } from './checks/check-model-window.js';
import { checkMomentOrder } from './checks/check-moment-order.js';
import { checkObservedSeries } from './checks/check-observed-series.js';
import { checkParameterBounds } from './checks/check-parameter-bounds.js';
import { checkParameterRange } from './checks/check-parameter-range.js';
import { checkParameterPlausibleRange } from './checks/check-parameter-plausible-range.js';
import { checkParameterRefs } from './checks/check-parameter-refs.js';
import { checkPercentages } from './checks/check-percentages.js';
import { checkScenarioGoals } from './checks/check-scenario-goals.js';
import { checkScenarioRefs } from './checks/check-scenario-refs.js';
import { checkSourceRefs } from './checks/check-source-refs.js';
import { checkTimes } from './checks/check-times.js';
import { checkTimezone } from './checks/check-timezone.js';
import { checkSources } from './checks/check-sources.js';
import { checkQuotes } from './checks/check-quotes.js';
import { checkProvenance } from './checks/check-provenance.js';
import { checkMomentProvenance } from './checks/check-moment-provenance.js';

/** What the checks know about model kinds, looked up once per file (see `lookUpKinds`). */
export type KindLookup =
  | { status: 'none' }
  | { status: 'unavailable'; error: string }
  | {
      status: 'loaded';
      kind: ModelKind<any> | undefined;
      knownIds: string[];
      moduleError?: string;
      /** The module was not imported: no opt-in for code named in data files, or a path out of the project. */
      moduleRefused?: { rule: string; message: string; hint: string };
      /** Problems of a composed model (`model.components`), each with its path in the composition. */
      compositionProblems?: CompositionProblem[];
    };

export interface CheckContext {
  loaded: LoadedIncident;
  incident: Incident;
  /** The kind named by `model.kind` (`status: 'none'` when the file has no model). */
  kinds: KindLookup;
  /** A diagnostic at the node of `path`. */
  at(path: readonly (string | number)[], d: Omit<Diagnostic, 'file' | 'line' | 'column'>, which?: 'key' | 'value'): Diagnostic;
}

export type Check = (ctx: CheckContext) => Diagnostic[];

/** Every semantic check, by name. A plain object, so a user of the library can add one. */
export const checks: Record<string, Check> = {
  timezone: checkTimezone,
  times: checkTimes,
  eventOrder: checkEventOrder,
  duplicateIds: checkDuplicateIds,
  sourceRefs: checkSourceRefs,
  eventRefs: checkEventRefs,
  scenarioRefs: checkScenarioRefs,
  scenarioGoals: checkScenarioGoals,
  parameterRefs: checkParameterRefs,
  parameterRange: checkParameterRange,
  parameterBounds: checkParameterBounds,
  parameterPlausibleRange: checkParameterPlausibleRange,
  percentages: checkPercentages,
  momentOrder: checkMomentOrder,
  modelWindow: checkModelWindow,
  modelKind: checkModelKind,
  actions: checkActions,
  observedSeries: checkObservedSeries,
  dataPaths: checkDataPaths,
  boundaryMaps: checkBoundaryMaps,
  sources: checkSources,
  quotes: checkQuotes,
  provenance: checkProvenance,
  momentProvenance: checkMomentProvenance,
};

export async function checkIncident(loaded: LoadedIncident): Promise<Diagnostic[]> {
  const incident = loaded.incident;
  if (!incident) return [];
  const ctx: CheckContext = {
    loaded,
    incident,
    kinds: await lookUpKinds(incident, loaded.file),
    at: (path, d, which) => ({ file: loaded.file, ...loaded.positionOf(path, which), ...d }),
  };
  return Object.entries(checks).flatMap(([name, check]) => {
    try {
      return check(ctx);
    } catch (error) {
      // A bug in a check must not hide the other checks' findings, nor crash `validate`.
      return [
        ctx.at([], {
          severity: 'error',
          rule: 'internal/check-failed',
          message: `the \`${name}\` check failed: ${(error as Error)?.message ?? String(error)}`,
          hint: 'this is a bug in incident-replay: please report it with this file',
        }),
      ];
    }
  });
}

/**
 * The model kinds are imported only when a file has a model, and only here: `validate` on a
 * file without one, and every other command's start-up, do not pay for loading them.
 */
async function lookUpKinds(incident: Incident, file: string): Promise<KindLookup> {
  if (!incident.model) return { status: 'none' };
  if (incident.model.components !== undefined) return lookUpComposition(incident);
  try {
    await import('../model/kinds/index.js');
    const { getKind, kindIds } = await import('../model/registry.js');
    let moduleError: string | undefined;
    let moduleRefused: { rule: string; message: string; hint: string } | undefined;
    if (incident.model.module !== undefined) {
      // The file's own kind: load it as the replay will, so its problems show here first.
      const { loadKindModule, KindModuleError } = await import('../model/load-kind-module.js');
      try {
        await loadKindModule(incident.model.module, file, incident.model.kind);
      } catch (error) {
        if (!(error instanceof KindModuleError)) throw error;
        const message = error.message.replace(/^model\.module: /, '');
        if (error.reason === 'failed') moduleError = message;
        else {
          const rule = error.reason === 'not-trusted' ? 'model/module-not-trusted' : 'path/outside-project';
          moduleRefused = { rule, message: error.reason === 'not-trusted' ? message : error.message, hint: error.hint ?? '' };
        }
      }
    }
    return { status: 'loaded', kind: getKind(incident.model.kind ?? ''), knownIds: kindIds(), moduleError, moduleRefused };
  } catch (error) {
    return { status: 'unavailable', error: (error as Error)?.message ?? String(error) };
  }
}

/** A composed model compiled as the replay will compile it, its problems kept for the checks. */
async function lookUpComposition(incident: Incident): Promise<KindLookup> {
  const { composedKindFor } = await import('../model/compose/composition-from-model.js');
  const { CompositionError } = await import('../model/compose/compile-composition.js');
  try {
    const kind = composedKindFor(incident.id, incident.model!);
    return { status: 'loaded', kind, knownIds: [], ...(kind.warnings.length > 0 ? { compositionProblems: kind.warnings } : {}) };
  } catch (error) {
    if (!(error instanceof CompositionError)) return { status: 'unavailable', error: (error as Error)?.message ?? String(error) };
    return { status: 'loaded', kind: undefined, knownIds: [], compositionProblems: error.problems };
  }
}
