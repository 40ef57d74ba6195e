// Calibration: tune `assumed` parameters of an incident's model so the actual replay meets the
// published figures. Published and derived parameters are facts and are never tuned.
//
// The optimiser (fmin's Nelder–Mead) works on scaled coordinates u, value = start + u·scale,
// so one unit is a sensible step for every parameter whatever its magnitude: a quarter of the
// [min, max] range when both bounds are given, else half the starting value. Bounds are kept by
// evaluating the model at the clamped value and adding a steep penalty outside, so the simplex
// walks back in; the result is clamped. The objective weighs each point's error by its
// tolerance, Σ (error / tolerance)², so figures in different units count alike; the report gives
// RMSE and max |error| in the figures' own units.
import type { Incident, Parameter } from '../incident/schema.js';
import { actualScenarioId, planReplay, PlanError } from '../model/plan.js';
import { planProblems, runReplay, ReplayError } from '../model/engine.js';
import type { ModelKind } from '../model/types.js';
import type { ObservedComparison } from '../replay/types.js';
import { compareObserved, errorSummary, ObservedError } from './observed.js';
import { loadNelderMead } from './nelder-mead.js';

/** A request `fit` refuses: unknown or non-assumed parameter, nothing to fit against. */
export class FitError extends Error {}

export interface FitOptions {
  /** Names of `assumed` parameters to tune. */
  params: string[];
  stepMinutes?: number;
  /** Nelder–Mead iterations; default 200 per parameter. */
  maxIterations?: number;
}

export interface FittedParameter {
  name: string;
  unit: string;
  before: number;
  after: number;
  min?: number;
  max?: number;
}

export interface FitErrors {
  rmse: number;
  maxAbsError: number;
  /** What the optimiser minimises: Σ (error / tolerance)². */
  objective: number;
  /** Points within their tolerance. */
  within: number;
}

export interface FitResult {
  parameters: FittedParameter[];
  before: FitErrors;
  after: FitErrors;
  /** Observed points fitted against. */
  points: number;
  /** Replays run by the optimiser. */
  evaluations: number;
  comparisonsBefore: ObservedComparison[];
  comparisonsAfter: ObservedComparison[];
}

/** The parameters that can be fitted, or a FitError saying why one cannot. */
export function checkFitParameters(incident: Incident, names: readonly string[]): [string, Parameter][] {
  const model = incident.model;
  if (!model) throw new FitError(`incident ${incident.id} has no \`model:\` to fit`);
  if (names.length === 0) throw new FitError('name the parameters to fit, e.g. `--params capacity,timeout`');
  const assumed = Object.entries(model.parameters)
    .filter(([, p]) => p.provenance === 'assumed')
    .map(([n]) => n);
  const hint = assumed.length > 0 ? `its assumed parameters are ${assumed.map((n) => `\`${n}\``).join(', ')}` : 'it has no assumed parameters';
  return names.map((name) => {
    const p = model.parameters[name];
    if (!p) throw new FitError(`model.parameters has no \`${name}\`; ${hint}`);
    if (p.provenance !== 'assumed') {
      throw new FitError(
        `parameter \`${name}\` is ${p.provenance}${p.source ? ` (source \`${p.source}\`)` : ''}: fit only tunes assumed parameters, ` +
          `since a ${p.provenance} value is a fact the model must respect; ${hint}`,
      );
    }
    if (p.min !== undefined && p.max !== undefined && p.min > p.max) {
      throw new FitError(`parameter \`${name}\` has min ${p.min} above max ${p.max}`);
    }
    return [name, p];
  });
}

export async function fitIncident(incident: Incident, kind: ModelKind<any>, options: FitOptions): Promise<FitResult> {
  const chosen = checkFitParameters(incident, options.params);
  const points = incident.observed ?? [];
  if (points.length === 0) throw new FitError('the incident has no `observed:` points to fit against');
  let plan;
  try {
    plan = planReplay(incident, actualScenarioId, options.stepMinutes !== undefined ? { stepMinutes: options.stepMinutes } : {});
  } catch (error) {
    if (error instanceof PlanError) throw new FitError(error.message);
    throw error;
  }
  const problems = planProblems(kind, plan);
  if (problems.length > 0) throw new FitError(problems.join('; '));

  // The file's fitting range, narrowed to the values the model can use (its declared bounds).
  const chosenBounded = chosen.map(([name, p]): [string, Parameter] => {
    const spec = kind.parameters[name];
    const min = Math.max(p.min ?? Number.NEGATIVE_INFINITY, spec?.min ?? Number.NEGATIVE_INFINITY);
    const max = Math.min(p.max ?? Number.POSITIVE_INFINITY, spec?.max ?? Number.POSITIVE_INFINITY);
    return [name, { ...p, ...(Number.isFinite(min) ? { min } : {}), ...(Number.isFinite(max) ? { max } : {}) }];
  });
  const start = chosen.map(([, p]) => p.value);
  const scale = chosenBounded.map(([, p], i) => {
    if (p.min !== undefined && p.max !== undefined && p.max > p.min) return (p.max - p.min) / 4;
    return Math.abs(start[i]!) > 0 ? Math.abs(start[i]!) / 2 : 1;
  });
  const clamp = (v: number, p: Parameter) => Math.min(p.max ?? Number.POSITIVE_INFINITY, Math.max(p.min ?? Number.NEGATIVE_INFINITY, v));
  const integer = chosen.map(([name]) => kind.parameters[name]?.integer === true);
  const valuesOf = (u: number[]) =>
    chosenBounded.map(([, p], i) => {
      const v = clamp(start[i]! + u[i]! * scale[i]!, p);
      return integer[i] ? Math.round(v) : v;
    });

  const compare = (values: number[]): ObservedComparison[] => {
    const params = { ...plan.params };
    chosen.forEach(([name], i) => (params[name] = values[i]!));
    try {
      return compareObserved(incident, runReplay(kind, { ...plan, params }));
    } catch (error) {
      if (error instanceof ObservedError || error instanceof ReplayError) throw new FitError(error.message);
      throw error;
    }
  };
  let evaluations = 0;
  const objective = (u: number[]): number => {
    evaluations++;
    const values = valuesOf(u);
    let penalty = 0;
    chosenBounded.forEach(([, p], i) => {
      // Outside the bounds only: rounding an integer parameter is not a penalty.
      const raw = start[i]! + u[i]! * scale[i]!;
      penalty += ((raw - clamp(raw, p)) / scale[i]!) ** 2;
    });
    return weightedError(compare(values)) + 1e6 * penalty;
  };

  const nelderMead = await loadNelderMead();
  const comparisonsBefore = compare(start);
  const result = nelderMead(objective, chosen.map(() => 0), {
    maxIterations: options.maxIterations ?? 200 * chosen.length,
    zeroDelta: 1,
    minErrorDelta: 1e-10,
  });
  let best = valuesOf(result.x);
  let comparisonsAfter = compare(best);
  // Never report a fit worse than the start (a flat objective can leave the simplex anywhere).
  if (objective(result.x) > objective(chosen.map(() => 0))) {
    best = start;
    comparisonsAfter = comparisonsBefore;
  }
  return {
    parameters: chosen.map(([name, p], i) => ({
      name,
      unit: p.unit,
      before: start[i]!,
      after: best[i]!,
      ...(p.min !== undefined ? { min: p.min } : {}),
      ...(p.max !== undefined ? { max: p.max } : {}),
    })),
    before: summarise(comparisonsBefore),
    after: summarise(comparisonsAfter),
    points: points.length,
    evaluations,
    comparisonsBefore,
    comparisonsAfter,
  };
}

/** Σ (error / tolerance)², a tolerance of 0 counting as 1. */
export function weightedError(comparisons: readonly ObservedComparison[]): number {
  let sum = 0;
  for (const c of comparisons) {
    const e = c.error / (c.tolerance > 0 ? c.tolerance : 1);
    // A replay that produces NaN or ∞ at a point is as bad as it gets, not a free pass.
    sum += Number.isFinite(e) ? e * e : 1e12;
  }
  return sum;
}

function summarise(comparisons: readonly ObservedComparison[]): FitErrors {
  return {
    ...errorSummary(comparisons),
    objective: weightedError(comparisons),
    within: comparisons.filter((c) => c.within).length,
  };
}
