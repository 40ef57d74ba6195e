// Replay an incident: the actual timeline and each counterfactual scenario through the model,
// deterministically or as a Monte Carlo median with a 10–90% band, then the impact metrics of
// every series, the difference of each scenario from the actual replay, and the actual replay
// against every published figure.
import type { Incident } from '../incident/schema.js';
import { PlanError, actualScenarioId, planReplay, type ReplayPlan } from '../model/plan.js';
import { ReplayError, planProblems, runReplay, sampleCount, type SeriesSet } from '../model/engine.js';
import { getKind, kindIds } from '../model/registry.js';
import { KindModuleError, loadKindModule, resolveKindModule } from '../model/load-kind-module.js';
import { createMonteCarloRunner, type MonteCarloRunner } from '../model/monte-carlo.js';
import type { ModelKind } from '../model/types.js';
import { composedKindFor } from '../model/compose/composition-from-model.js';
import { CompositionError, type ComposedKind } from '../model/compose/compile-composition.js';
import { withoutSubsteps } from '../model/compose/without-substeps.js';
import { defaultLowerThreshold, defaultThreshold, metricDiff, seriesMetrics } from '../analysis/metrics.js';
import { ObservedError, compareObserved } from '../analysis/observed.js';
import { keyMoments } from './key-moments.js';
import { momentProvenance } from '../incident/moment-provenance.js';
import type { IncidentReplay, ReplayOptions, ScenarioReplay, SeriesMetrics } from './types.js';

export { ReplayError };

/** The kind an incident's model names, loading `model.module` first when it has one. */
export async function kindForIncident(incident: Incident, incidentFile?: string): Promise<ModelKind<any>> {
  const model = incident.model;
  if (!model) throw new ReplayError(`incident ${incident.id} has no \`model:\` to replay`);
  const options = model.substep === 'off' ? { substep: false } : {};
  if (model.components !== undefined) {
    try {
      return composedKindFor(incident.id, model, options);
    } catch (error) {
      if (error instanceof CompositionError) throw new ReplayError(`the composed model: ${error.message}`);
      throw error;
    }
  }
  if (model.kind === undefined) throw new ReplayError(`incident ${incident.id} has a model with neither \`kind\` nor \`components\``);
  await import('../model/kinds/index.js');
  try {
    if (model.module !== undefined) return await loadKindModule(model.module, incidentFile ?? 'incident.yaml', model.kind);
  } catch (error) {
    if (error instanceof KindModuleError) throw new ReplayError(error.message);
    throw error;
  }
  const kind = getKind(model.kind);
  if (!kind) throw new ReplayError(`unknown model kind \`${model.kind}\`; known kinds: ${kindIds().join(', ')}`);
  // A built-in composition with sub-stepping switched off is compiled again without it.
  const composition = (kind as Partial<ComposedKind>).composition;
  if (composition && model.substep === 'off') return withoutSubsteps(kind as ComposedKind);
  return kind;
}

/** The plans of `actual` and the scenarios asked for, checked against the kind. */
export function plansForIncident(incident: Incident, kind: ModelKind<any>, options: ReplayOptions = {}): ReplayPlan[] {
  const ids = [actualScenarioId, ...(options.scenarios ?? (incident.scenarios ?? []).map((s) => s.id))].filter(
    (id, i, all) => all.indexOf(id) === i,
  );
  return ids.map((id) => {
    let plan: ReplayPlan;
    try {
      plan = planReplay(incident, id, options.stepMinutes !== undefined ? { stepMinutes: options.stepMinutes } : {});
    } catch (error) {
      if (error instanceof PlanError) throw new ReplayError(error.message);
      throw error;
    }
    const problems = planProblems(kind, plan);
    if (problems.length > 0) throw new ReplayError(`cannot replay scenario \`${id}\`: ${problems.join('; ')}`);
    return plan;
  });
}

export async function replayIncident(incident: Incident, options: ReplayOptions = {}): Promise<IncidentReplay> {
  const kind = await kindForIncident(incident, options.incidentFile);
  const plans = plansForIncident(incident, kind, options);
  const seeds = Math.max(0, Math.floor(options.seeds ?? 0));
  let runner: MonteCarloRunner | undefined;
  if (seeds > 0) {
    runner = await createMonteCarloRunner(kind, {
      workers: options.workers,
      ...(options.startedWorkers ? { started: options.startedWorkers } : {}),
      kindModule:
        incident.model!.module !== undefined
          ? resolveKindModule(incident.model!.module, options.incidentFile ?? 'incident.yaml')
          : undefined,
    });
  }
  const runs: { plan: ReplayPlan; series: SeriesSet; bands?: ScenarioReplay['bands']; quantiles?: ScenarioReplay['quantiles'] }[] = [];
  const extra = options.quantiles ?? [];
  // Progress counts the steps of every plan, so the line runs once from 0 to 100 %.
  const steps = plans.map((plan) => sampleCount(plan));
  const totalSteps = steps.reduce((a, b) => a + b, 0);
  try {
    for (const [i, plan] of plans.entries()) {
      if (runner) {
        const before = steps.slice(0, i).reduce((a, b) => a + b, 0);
        const onStep = options.onProgress && ((done: number) => options.onProgress!(before + done, totalSteps));
        const mc = await runner.run(plan, seeds, options.firstSeed ?? 1, extra, onStep);
        // Only the quantiles asked for travel on: the median and the band have their own places.
        const asked = extra.length > 0 ? mc.quantiles.filter((x) => extra.includes(x.q)) : undefined;
        runs.push({ plan, series: mc.median, bands: mc.bands, ...(asked ? { quantiles: asked } : {}) });
      } else {
        runs.push({ plan, series: runReplay(kind, plan) });
      }
    }
  } finally {
    await runner?.close();
  }

  const zone = incident.timezone;
  const { moments, durations } = keyMoments(incident);
  // Every time to recover counts from the trigger (analysis/incident-durations.ts).
  const originMs = moments.trigger !== undefined ? Date.parse(moments.trigger) : undefined;
  const actualRun = runs[0]!;
  // Thresholds are fixed by the actual replay so every scenario is measured against the same line.
  const levels: Record<string, { threshold: number; recoveryLevel: number; worse?: 'higher' | 'lower'; baseline?: number }> = {};
  for (const [name, spec] of Object.entries(kind.series)) {
    const values = actualRun.series.series[name]!;
    if (spec.worse === 'lower') {
      // The healthy level is where the actual replay starts, before anything happened.
      const baseline = values[0] ?? 0;
      const threshold = spec.threshold ?? defaultLowerThreshold(baseline);
      levels[name] = { threshold, recoveryLevel: spec.recoveryLevel ?? threshold, worse: 'lower', baseline };
    } else {
      const threshold = spec.threshold ?? defaultThreshold(peakOf(values));
      levels[name] = { threshold, recoveryLevel: spec.recoveryLevel ?? threshold };
    }
  }
  const metricsOf = (set: SeriesSet): Record<string, SeriesMetrics> => {
    const metrics: Record<string, SeriesMetrics> = {};
    for (const [name, spec] of Object.entries(kind.series)) {
      metrics[name] = seriesMetrics(set.series[name]!, {
        startMs: set.startMs,
        stepMinutes: set.stepMinutes,
        zone,
        unit: spec.unit,
        ...(originMs !== undefined ? { originMs } : {}),
        ...levels[name]!,
      });
    }
    return metrics;
  };

  const actualMetrics = metricsOf(actualRun.series);
  const scenarios: ScenarioReplay[] = runs.map((run) => {
    const isActual = run.plan.scenarioId === actualScenarioId;
    const scenario = incident.scenarios?.find((s) => s.id === run.plan.scenarioId);
    const metrics = isActual ? actualMetrics : metricsOf(run.series);
    const replay: ScenarioReplay = {
      id: run.plan.scenarioId,
      title: scenario?.title ?? 'What happened',
      ...(scenario?.rationale ? { rationale: scenario.rationale } : {}),
      plan: run.plan,
      series: run.series,
      ...(run.bands ? { bands: run.bands } : {}),
      ...(run.quantiles ? { quantiles: run.quantiles } : {}),
      metrics,
    };
    if (!isActual) {
      replay.diff = {};
      for (const name of Object.keys(metrics)) replay.diff[name] = metricDiff(metrics[name]!, actualMetrics[name]!);
    }
    return replay;
  });

  let observed;
  try {
    observed = compareObserved(incident, actualRun.series);
  } catch (error) {
    if (error instanceof ObservedError) throw new ReplayError(error.message);
    throw error;
  }

  return { incident, scenarios, observed, moments, momentProvenance: momentProvenance(incident), durations, seeds };
}

/**
 * The highest sample. A function of its own, not a loop in `replayIncident`: V8 does not compile
 * a loop in an async function while it runs (no on-stack replacement), and at 1 s steps the
 * loop runs hundreds of thousands of times in the interpreter (60 ms of EBS 2011's replay). An
 * index, not an iterator, for the same reason.
 */
function peakOf(values: Float64Array): number {
  let peak = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) if (values[i]! > peak) peak = values[i]!;
  return peak;
}
