// One sampled world of `sensitivity`: the actual timeline and every scenario replayed
// deterministically with the world's parameter values, whether the actual replay meets every
// published figure within its tolerance, and each scenario's change of the primary series'
// impact area and peak against the actual replay of the same world. Plain data in and out, so
// the worlds can be spread over worker threads.
import type { Incident } from '../incident/schema.js';
import type { ReplayPlan } from '../model/plan.js';
import { runReplay, type SeriesSet } from '../model/engine.js';
import type { ModelKind } from '../model/types.js';
import { ObservedError, compareObserved } from './observed.js';
import { impactOf } from './metrics.js';
import { SensitivityError } from './sensitivity-error.js';

/** What every world shares: the plans (actual first) and the compiled kind. */
export interface WorldState {
  incident: Incident;
  kind: ModelKind<any>;
  plans: ReplayPlan[];
  seriesName: string;
  lower: boolean;
  /** The parameters each scenario sets itself: they win over the world's. */
  overrides: Map<string, Record<string, number>>;
}

/** A scenario's change against the actual replay of the same world (scenario − actual). */
export interface WorldBenefit {
  area: number;
  peak: number;
  /** In % of the actual's impact area and peak. */
  areaPercent: number;
  peakPercent: number;
}

export function worldStateFor(incident: Incident, kind: ModelKind<any>, plans: ReplayPlan[]): WorldState {
  const seriesName = kind.primarySeries ?? Object.keys(kind.series)[0]!;
  return {
    incident,
    kind,
    plans,
    seriesName,
    lower: kind.series[seriesName]!.worse === 'lower',
    overrides: new Map(plans.map((plan) => [plan.scenarioId, incident.scenarios?.find((s) => s.id === plan.scenarioId)?.parameters ?? {}])),
  };
}

const percentOf = (change: number, base: number) => (base !== 0 ? (100 * change) / Math.abs(base) : change === 0 ? 0 : Number.NaN);

function replayIn(state: WorldState, plan: ReplayPlan, world: Readonly<Record<string, number>>): SeriesSet {
  const own = state.overrides.get(plan.scenarioId) ?? {};
  const params = { ...plan.params };
  for (const [name, value] of Object.entries(world)) if (!Object.hasOwn(own, name)) params[name] = value;
  return runReplay(state.kind, { ...plan, params });
}

export interface WorldResult {
  plausible: boolean;
  scenarios: WorldBenefit[];
}

/** The world `world` (parameter values by name; `{}` is the file's own world). */
export function replayWorld(state: WorldState, world: Readonly<Record<string, number>>): WorldResult {
  const actual = replayIn(state, state.plans[0]!, world);
  let plausible: boolean;
  try {
    plausible = compareObserved(state.incident, actual).every((c) => c.within);
  } catch (error) {
    if (error instanceof ObservedError) throw new SensitivityError(error.message);
    throw error;
  }
  const values = actual.series[state.seriesName]!;
  const baseline = values[0] ?? 0;
  const a = impactOf(values, actual.stepMinutes, state.lower, baseline);
  const scenarios = state.plans.slice(1).map((plan) => {
    const s = impactOf(replayIn(state, plan, world).series[state.seriesName]!, actual.stepMinutes, state.lower, baseline);
    return { area: s.area - a.area, peak: s.peak - a.peak, areaPercent: percentOf(s.area - a.area, a.area), peakPercent: percentOf(s.peak - a.peak, a.peak) };
  });
  return { plausible, scenarios };
}
