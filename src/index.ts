// Public API: re-exports only.
export * from './incident/schema.js';
export { loadIncidentFile, loadIncidentBytes, type LoadedIncident } from './incident/load.js';
export { checkIncident } from './incident/check.js';
export { formatDiagnostic, type Diagnostic } from './incident/diagnostic.js';
export { resolveTime, parseDuration } from './incident/time.js';
export { incidentJsonSchema } from './incident/json-schema.js';
export type { ModelKind, StepContext, RandomSource, SeriesSpec, ParameterSpec, ActionSpec } from './model/types.js';
export { registerKind, getKind, kindIds } from './model/registry.js';
export { planReplay, type ReplayPlan } from './model/plan.js';
export { runReplay, type SeriesSet } from './model/engine.js';
export { createRandomSource } from './model/random.js';
export { importPostmortem, type ImportOptions, type ImportResult } from './import/import-postmortem.js';
export { toDraftYaml } from './import/to-draft-yaml.js';
export { main } from './cli/main.js';
