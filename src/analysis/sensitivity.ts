// How far a conclusion holds: sample the plausible ranges of the assumed and derived parameters
// with a Latin hypercube, replay the actual timeline and every scenario deterministically in each
// sampled world, keep the worlds whose actual replay still meets every published figure within
// its tolerance, and describe each scenario's benefit over those worlds: its median and 10–90 %
// interval, and which ranged parameters drive it (partial rank correlation).
//
// Deterministic replays only: Monte Carlo noise is a separate band (`simulate --seeds`). A
// scenario's own parameter values win over the sample (`spare-capacity` sets the buffer it asks
// for), so a scenario's benefit varies with the world it is applied to, not with its own choice.
import type { Incident } from '../incident/schema.js';
import { createRandomSource } from '../model/random.js';
import type { ModelKind } from '../model/types.js';
import { plansForIncident } from '../replay/replay-incident.js';
import { runReplay } from '../model/engine.js';
import { replayWorld, worldStateFor, type WorldScenario } from './replay-world.js';
import { resolveGoals, type ResolvedGoal } from './resolve-goals.js';
import { summariseEnough, type EnoughSummary } from './summarise-enough.js';
import { replayWorlds } from './replay-worlds.js';
import { latinHypercube } from './latin-hypercube.js';
import { partialRankCorrelation } from './partial-rank-correlation.js';
import { SensitivityError } from './sensitivity-error.js';
import { percentile } from './sensitivity-percentile.js';

export { SensitivityError };

export interface SensitivityOptions {
  /** Latin hypercube samples (default 64). */
  samples?: number;
  /** Seed of the design (default 1). */
  seed?: number;
  stepMinutes?: number;
  /** Worker threads for the worlds; 0 or 1 (default): this thread. */
  workers?: number;
  /** Absolute path of the kind's module when it is not a built-in kind (for the workers). */
  kindModule?: string;
  /** Sampled worlds replayed so far (the progress line of the CLI). */
  onProgress?: (done: number, total: number) => void;
}

export interface RangedParameter {
  name: string;
  unit: string;
  value: number;
  low: number;
  high: number;
  note?: string;
}

/** 10th, 50th and 90th percentiles, and the extremes; null when no world was kept. */
export interface Spread {
  p10: number | null;
  median: number | null;
  p90: number | null;
  min: number | null;
  max: number | null;
}

/** A scenario's benefit on one series over the plausible worlds. */
export interface SeriesBenefit {
  series: string;
  unit: string;
  areaChangePercent: Spread;
  peakChangePercent: Spread;
  /** The relative change of impact area in each plausible world, in the worlds' order, to the 0.1 % it is printed with. */
  areaChangePercentByWorld: (number | null)[];
  atFileValues: { areaChangePercent: number | null; peakChangePercent: number | null };
}

export interface ScenarioSensitivity {
  id: string;
  title: string;
  /** The series the scenario addresses (its `series:`, else the primary series): the fields below are on it. */
  series: string;
  unit: string;
  /** Change of the addressed series' impact area, scenario − actual, in % of the actual's (and absolute). */
  areaChangePercent: Spread;
  areaChange: Spread;
  /** Change of the primary series' peak (worst value), scenario − actual, in % of the actual's (and absolute). */
  peakChangePercent: Spread;
  peakChange: Spread;
  /** At the file's own values, for comparison. */
  atFileValues: { areaChangePercent: number | null; peakChangePercent: number | null };
  /** PRCC of each ranged parameter with the relative change in impact area, over the plausible worlds. */
  drivers: { name: string; prcc: number | null }[];
  /** On every measured series (the addressed one first). */
  bySeries: SeriesBenefit[];
  /** "How much would have been enough", when the scenario has a goal. */
  enough: EnoughSummary | null;
}

export interface SensitivityResult {
  incident: string;
  /** The primary series. */
  series: string;
  unit: string;
  samples: number;
  seed: number;
  /** Worlds whose actual replay meets every published figure within its tolerance. */
  kept: number;
  /** Figures the actual replay is compared with. */
  figures: number;
  parameters: RangedParameter[];
  scenarios: ScenarioSensitivity[];
}

/** The parameters of the incident that carry a plausible `range`, in file order. */
export function rangedParameters(incident: Incident): RangedParameter[] {
  return Object.entries(incident.model?.parameters ?? {}).flatMap(([name, p]) =>
    p.range ? [{ name, unit: p.unit, value: p.value, low: p.range[0], high: p.range[1], ...(p.rangeNote ? { note: p.rangeNote } : {}) }] : [],
  );
}

export function spread(values: readonly number[]): Spread {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return {
    p10: percentile(sorted, 0.1),
    median: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    min: sorted.length > 0 ? sorted[0]! : null,
    max: sorted.length > 0 ? sorted[sorted.length - 1]! : null,
  };
}


/** To the 0.1 % a relative change is printed with: −99.998 % against −99.997 % is not a difference. */
const tenth = (x: number) => (Number.isFinite(x) ? Math.round(x * 10) / 10 + 0 : null);

export async function sensitivityOf(incident: Incident, kind: ModelKind<any>, options: SensitivityOptions = {}): Promise<SensitivityResult> {
  const samples = Math.max(1, Math.floor(options.samples ?? 64));
  const seed = Math.floor(options.seed ?? 1);
  const ranged = rangedParameters(incident);
  if (ranged.length === 0) {
    throw new SensitivityError(
      'no parameter has a plausible `range: [low, high]`: give some `assumed` or `derived` parameters one (README, “Sensitivity”)',
    );
  }
  // One plan per scenario, shared by every sample: only its parameters change.
  const plans = plansForIncident(incident, kind, options.stepMinutes !== undefined ? { stepMinutes: options.stepMinutes } : {});
  const goals = resolveGoals(incident, kind, plans.slice(1).map((p) => p.scenarioId), runReplay(kind, plans[0]!));
  const state = worldStateFor(incident, kind, plans, goals);
  const spec = kind.series[state.seriesName]!;

  const design = latinHypercube(samples, ranged.map((p) => p.name), createRandomSource(seed));
  const sampled = design.map((point) =>
    ranged.map((p, d) => {
      const v = p.low + point[d]! * (p.high - p.low);
      return kind.parameters[p.name]?.integer ? Math.round(v) : v;
    }),
  );
  const worlds = sampled.map((values) => Object.fromEntries(ranged.map((p, d) => [p.name, values[d]!])));
  const { results } = await replayWorlds(state, worlds, {
    workers: options.workers,
    kindModule: options.kindModule,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const keptWorlds: number[][] = [];
  const keptBenefits: WorldScenario[][] = [];
  results.forEach(({ plausible, scenarios }, i) => {
    if (!plausible) return;
    keptWorlds.push(sampled[i]!);
    keptBenefits.push(scenarios);
  });

  const atFile = replayWorld(state, {}, { always: true }).scenarios;
  const scenarios: ScenarioSensitivity[] = plans.slice(1).map((plan, i) => {
    const of = (key: 'area' | 'peak' | 'areaPercent' | 'peakPercent') => keptBenefits.map((b) => b[i]![key]);
    // On the relative change, to the 0.1 % it is printed with: a fix that removes the whole
    // impact in every world has no driver, and −99.998 % against −99.997 % is not a difference.
    // A world whose actual replay has no impact has no relative change: it is left out here, as
    // it is from the percentiles.
    const rows = of('areaPercent').flatMap((x, w) => (Number.isFinite(x) ? [{ world: keptWorlds[w]!, change: tenth(x)! }] : []));
    const prcc = partialRankCorrelation(rows.map((r) => r.world), rows.map((r) => r.change));
    const scenario = incident.scenarios?.find((s) => s.id === plan.scenarioId);
    const finite = (x: number) => (Number.isFinite(x) ? x : null);
    const bySeries = state.measured.map((name, k): SeriesBenefit => {
      const on = keptBenefits.map((b) => b[i]!.bySeries[k]!);
      return {
        series: name,
        unit: kind.series[name]!.unit,
        areaChangePercent: spread(on.map((b) => b.areaPercent)),
        peakChangePercent: spread(on.map((b) => b.peakPercent)),
        areaChangePercentByWorld: on.map((b) => tenth(b.areaPercent)),
        atFileValues: { areaChangePercent: finite(atFile[i]!.bySeries[k]!.areaPercent), peakChangePercent: finite(atFile[i]!.bySeries[k]!.peakPercent) },
      };
    });
    const addressed = state.measured[state.addressed[i]!]!;
    const goal: ResolvedGoal | null = state.goals[i] ?? null;
    return {
      id: plan.scenarioId,
      title: scenario?.title ?? plan.scenarioId,
      series: addressed,
      unit: kind.series[addressed]!.unit,
      areaChangePercent: spread(of('areaPercent')),
      areaChange: spread(of('area')),
      peakChangePercent: spread(of('peakPercent')),
      peakChange: spread(of('peak')),
      atFileValues: { areaChangePercent: finite(atFile[i]!.areaPercent), peakChangePercent: finite(atFile[i]!.peakPercent) },
      drivers: ranged.map((p, d) => ({ name: p.name, prcc: prcc[d] ?? null })),
      bySeries: [bySeries[state.addressed[i]!]!, ...bySeries.filter((_, k) => k !== state.addressed[i])],
      enough: goal ? summariseEnough(goal, keptBenefits.map((b) => b[i]!.enough!), atFile[i]!.enough!) : null,
    };
  });

  return {
    incident: incident.id,
    series: state.seriesName,
    unit: spec.unit,
    samples,
    seed,
    kept: keptWorlds.length,
    figures: incident.observed?.length ?? 0,
    parameters: ranged,
    scenarios,
  };
}
