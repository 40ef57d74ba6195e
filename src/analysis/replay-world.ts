// One sampled world of `sensitivity`: the actual timeline and every scenario replayed
// deterministically with the world's parameter values, whether the actual replay meets every
// published figure within its tolerance, and each scenario's change of impact area and peak
// against the actual replay of the same world, on every measured series (the series the
// scenario addresses first). In a plausible world, a scenario with a goal also gets its "how
// much would have been enough" search (find-enough.ts). Plain data in and out, so the worlds
// can be spread over worker threads.
import type { Incident } from '../incident/schema.js';
import type { ReplayPlan } from '../model/plan.js';
import { runReplay, type SeriesSet } from '../model/engine.js';
import type { ModelKind } from '../model/types.js';
import { ObservedError, compareObserved } from './observed.js';
import { impactOf } from './metrics.js';
import { SensitivityError } from './sensitivity-error.js';
import { findEnough, type EnoughOutcome } from './find-enough.js';
import type { ResolvedGoal } from './resolve-goals.js';

/** What every world shares: the plans (actual first) and the compiled kind. */
export interface WorldState {
  incident: Incident;
  kind: ModelKind<any>;
  plans: ReplayPlan[];
  /** The kind's primary series. */
  seriesName: string;
  /** Every series a benefit is measured on: the primary first, then what scenarios and items address, then secondary impacts. */
  measured: string[];
  /** Per scenario (plans[1…]): the index in `measured` of the series it addresses. */
  addressed: number[];
  /** Per scenario: its "enough" goal, or null. */
  goals: (ResolvedGoal | null)[];
  /** The parameters each scenario sets itself: they win over the world's. */
  overrides: Map<string, Record<string, number>>;
  /** Per scenario: it keeps the actual timeline (changes parameters only). */
  sameTimeline: boolean[];
}

/** A scenario's change against the actual replay of the same world (scenario − actual). */
export interface WorldBenefit {
  area: number;
  peak: number;
  /** In % of the actual's impact area and peak. */
  areaPercent: number;
  peakPercent: number;
}

/** On the series the scenario addresses, then on every measured series; the search, if it has a goal. */
export interface WorldScenario extends WorldBenefit {
  bySeries: WorldBenefit[];
  enough: EnoughOutcome | null;
}

/** The series benefits are measured on, in a stable order: primary, addressed, secondary impacts. */
export function measuredSeries(incident: Incident, kind: ModelKind<any>): string[] {
  const primary = kind.primarySeries ?? Object.keys(kind.series)[0]!;
  const named = [
    primary,
    ...(incident.scenarios ?? []).flatMap((s) => [s.series, s.enough ? s.enough.series : undefined]),
    ...(incident.actionItems ?? []).map((a) => a.series),
    ...Object.entries(kind.series).flatMap(([name, spec]) => (spec.impact ? [name] : [])),
  ];
  return named.filter((n, i): n is string => n !== undefined && n in kind.series && named.indexOf(n) === i);
}

export function worldStateFor(incident: Incident, kind: ModelKind<any>, plans: ReplayPlan[], goals: (ResolvedGoal | null)[] = []): WorldState {
  const measured = measuredSeries(incident, kind);
  const scenarioOf = (plan: ReplayPlan) => incident.scenarios?.find((s) => s.id === plan.scenarioId);
  return {
    incident,
    kind,
    plans,
    seriesName: measured[0]!,
    measured,
    addressed: plans.slice(1).map((plan) => Math.max(0, measured.indexOf(scenarioOf(plan)?.series ?? measured[0]!))),
    goals: plans.slice(1).map((_, i) => goals[i] ?? null),
    overrides: new Map(plans.map((plan) => [plan.scenarioId, scenarioOf(plan)?.parameters ?? {}])),
    sameTimeline: plans.slice(1).map((plan) => scenarioOf(plan)?.timeline === undefined),
  };
}

const percentOf = (change: number, base: number) => (base !== 0 ? (100 * change) / Math.abs(base) : change === 0 ? 0 : Number.NaN);

function replayIn(state: WorldState, plan: ReplayPlan, world: Readonly<Record<string, number>>, set?: Readonly<Record<string, number>>): SeriesSet {
  const own = state.overrides.get(plan.scenarioId) ?? {};
  const params = { ...plan.params };
  for (const [name, value] of Object.entries(world)) if (!Object.hasOwn(own, name)) params[name] = value;
  if (set) Object.assign(params, set);
  return runReplay(state.kind, { ...plan, params });
}

export interface WorldResult {
  plausible: boolean;
  /** Empty in a world that is not plausible: nothing there is reported. */
  scenarios: WorldScenario[];
}

/** The world `world` (parameter values by name; `{}` is the file's own world). */
export function replayWorld(state: WorldState, world: Readonly<Record<string, number>>, options: { always?: boolean } = {}): WorldResult {
  const actual = replayIn(state, state.plans[0]!, world);
  let plausible: boolean;
  try {
    plausible = compareObserved(state.incident, actual).every((c) => c.within);
  } catch (error) {
    if (error instanceof ObservedError) throw new SensitivityError(error.message);
    throw error;
  }
  // Only plausible worlds are reported: the others cost one replay, not one per scenario.
  if (!plausible && !options.always) return { plausible, scenarios: [] };
  const lowerOf = (name: string) => state.kind.series[name]!.worse === 'lower';
  const baselines = state.measured.map((name) => actual.series[name]![0] ?? 0);
  const actuals = state.measured.map((name, k) => impactOf(actual.series[name]!, actual.stepMinutes, lowerOf(name), baselines[k]!));
  const scenarios = state.plans.slice(1).map((plan, i): WorldScenario => {
    const run = replayIn(state, plan, world);
    const bySeries = state.measured.map((name, k): WorldBenefit => {
      const s = impactOf(run.series[name]!, actual.stepMinutes, lowerOf(name), baselines[k]!);
      const a = actuals[k]!;
      return { area: s.area - a.area, peak: s.peak - a.peak, areaPercent: percentOf(s.area - a.area, a.area), peakPercent: percentOf(s.peak - a.peak, a.peak) };
    });
    const goal = state.goals[i];
    let enough: EnoughOutcome | null = null;
    if (goal) {
      const k = state.measured.indexOf(goal.series);
      const lower = lowerOf(goal.series);
      const from = Object.hasOwn(world, goal.parameter) ? world[goal.parameter]! : state.plans[0]!.params[goal.parameter]!;
      const meets = (values: ArrayLike<number>) => {
        const m = impactOf(values, actual.stepMinutes, lower, baselines[k]!);
        // A lower-is-worse series' peak is its lowest value: the goal is on its shortfall.
        const measure = goal.metric === 'area' ? m.area : lower ? baselines[k]! - m.peak : m.peak;
        return measure <= goal.below;
      };
      // The scenario's own replay is the search at its value; when the scenario changes nothing
      // else, the actual replay is the search at the world's value. Neither is replayed twice.
      const known = new Map<number, boolean>([[goal.to, meets(run.series[goal.series]!)]]);
      if (Object.keys(state.overrides.get(plan.scenarioId) ?? {}).length === 1 && state.sameTimeline[i]) {
        known.set(from, meets(actual.series[goal.series]!));
      }
      enough = findEnough({ from, to: goal.to, bound: goal.bound, integer: goal.integer, known }, (x) =>
        meets(replayIn(state, plan, world, { [goal.parameter]: x }).series[goal.series]!),
      );
    }
    return { ...bySeries[state.addressed[i]!]!, bySeries, enough };
  });
  return { plausible, scenarios };
}
