// From a composition (plain data) to a ModelKind the engine runs: the layout binds every
// instance to its slots (layout-composition.ts), parameters and series are compiled once, then a
// step loop that allocates nothing. The engine (engine.ts) still owns time, effects and
// recording; this module owns the world of stocks.
import type { ActionArgumentSpec, ModelKind, SeriesSpec } from '../types.js';
import type { ComponentType, ParameterSpec } from './component.js';
import type { Composition } from './composition.js';
import { CompositionError, type CompositionProblem } from './composition-problem.js';
import { ExpressionError } from './expression.js';
import { compileProgram, runProgram, seriesRecorder, type Leaf, type Program } from './series-program.js';
import { InstanceApi, prefixedRandom, SOURCE } from './instance-api.js';
import { instanceStepper } from './instance-stepper.js';
import { spanStepper, stepWorld } from './span-stepper.js';
import { layoutComposition, type BoundInstance, type Env } from './layout-composition.js';
import { resolveArgs } from './resolve-action-args.js';
import { startSeedBatches, type SeedsCursor } from './seeds-batch.js';
import { seedsRecorder } from './seeds-recorder.js';
import { checkedSubsteps, checkInstanceParameters } from './world-checks.js';
import type { ReplayPlan } from '../plan.js';

export { CompositionError, type CompositionProblem } from './composition-problem.js';
export { boundsProblem } from './layout-composition.js';

/**
 * Time constants shorter than this (0.1 s) count as immediate: a retry "at once" needs no
 * sub-steps, and a delay of a few milliseconds would otherwise ask for millions of them.
 */
export const immediateMinutes = 1 / 600;

export interface CompileOptions {
  /**
   * Split a step longer than the model's fastest time constant into sub-steps no longer than
   * it (default true). Off, a model whose step is too long still runs, coarsely.
   */
  substep?: boolean;
}

export interface ComposedKind extends ModelKind<World> {
  composition: Composition;
  options: CompileOptions;
  /** What is legal but probably a mistake (a stock wired to nothing), for validate to show. */
  warnings: CompositionProblem[];
  /** Sub-steps a step of `dt` minutes takes under these parameters, and the time constant that sets it. */
  substeps(params: Readonly<Record<string, number>>, dt: number): { count: number; limit?: { instance: string; parameter: string; minutes: number } };
  /**
   * Monte Carlo seeds `firstSeed …` run in batches (seeds-batch.ts); present only when every
   * instance has the batched contract (`ComponentType.seeds`). `batchSize`: seeds per batch
   * (default `seedsPerBatch`).
   */
  startSeeds?(plan: ReplayPlan, firstSeed: number, count: number, batchSize?: number): SeedsCursor;
}

/** The run's world: stock amounts, flows of the current reporting step, each instance's state. */
export interface World {
  values: Float64Array;
  /** Amount moved on each flow during the last reporting step. */
  flows: Float64Array;
  /** Sum of the stocks of each unit at the start (conservation). */
  totals: Float64Array;
  apis: InstanceApi[];
  states: unknown[];
  /** Length of the last reporting step, for flows per minute. */
  dt: number;
  /** The model's parameters in force, by their order in the composition (for series). */
  params: Float64Array;
  /**
   * Sub-steps per step, fixed at the start from the parameters then (a component sizes its
   * rings of delays by the sub-step; a later \`set\` does not change it).
   */
  substeps: number;
}

/**
 * Compiles a composition into a ModelKind. Every problem found is collected; if any is an
 * error, throws a CompositionError listing them all (validate shows each at its place).
 */
export function compileComposition(
  c: Composition,
  registry: Readonly<Record<string, ComponentType>>,
  options: CompileOptions = {},
): ComposedKind {
  const problems: CompositionProblem[] = [];
  const env: Env = { params: {} };
  const L = layoutComposition(c, registry, env, problems);
  const substepOn = options.substep !== false;

  // Series: stocks by name (a per-cell stock sums its cells), `stock[i]`, instance ports
  // (`service.queue`), flows per minute (`service.timedOut`, summed over cells), parameters.
  const slotByName = new Map(L.slotNames.map((n, i) => [n, i]));
  // Series read parameters from an array refreshed at the start and at every `set`.
  const paramNames = Object.keys(c.parameters);
  const paramVector = (params: Readonly<Record<string, number>>, into: Float64Array) => {
    for (let i = 0; i < paramNames.length; i++) into[i] = params[paramNames[i]!] ?? Number.NaN;
  };
  /** A name in a series expression: stock slots (summed), flow slots (summed, per minute) or a parameter. */
  const resolveSeriesName = (name: string): Leaf | string => {
    // A declared stock (all its cells), or one slot by its own name (`queue[1]`).
    const stock = L.stockSlots.get(name) ?? (slotByName.has(name) ? [slotByName.get(name)!] : undefined);
    if (stock) return { values: stock };
    const dot = name.lastIndexOf('.');
    if (dot > 0) {
      const owner = name.slice(0, dot);
      const member = name.slice(dot + 1);
      if (L.untyped.has(owner.replace(/\[\d+\]$/, ''))) return { get: () => Number.NaN };
      const insts = L.byName.get(owner);
      if (insts && insts.length > 0) {
        const type = L.instances[insts[0]!]!.type;
        if (Object.hasOwn(type.flows, member)) return { flows: insts.map((i) => L.instances[i]!.flow[member]!) };
        if (Object.hasOwn(type.stocks, member)) return { values: insts.map((i) => L.instances[i]!.port[member]!) };
        return `\`${owner}\` (${type.type}) has no flow or stock port \`${member}\`; its flows are ${Object.keys(type.flows).join(', ')}`;
      }
    }
    if (Object.hasOwn(c.parameters, name)) return { param: paramNames.indexOf(name) };
    return `unknown name \`${name}\`: not a stock, an instance's flow or port, or a model parameter`;
  };
  const programs: Record<string, Program> = {};
  const flowSeries: string[] = [];
  for (const [name, s] of Object.entries(c.series)) {
    try {
      programs[name] = compileProgram(s.expr, resolveSeriesName);
      if (programs[name].readsFlows) flowSeries.push(name);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      problems.push({ path: ['series', name, 'expr'], message: error.message, offset: error.offset });
    }
  }
  for (const [key, names] of [['series', c.mechanism?.series ?? []], ['right', c.mechanism?.right ?? []]] as const) {
    names.forEach((name, i) => {
      if (!Object.hasOwn(c.series, name)) {
        problems.push({ path: ['mechanism', key, i], message: `mechanism series \`${name}\` is not one of the series: ${Object.keys(c.series).join(', ')}` });
      }
    });
  }
  if (!Object.hasOwn(c.series, c.primarySeries)) {
    problems.push({ path: ['primarySeries'], message: `primary series \`${c.primarySeries}\` is not one of the series: ${Object.keys(c.series).join(', ')}` });
  }

  // Actions: `instance.action`, `instance[i].action`, and the composition's own names.
  const actionTargets = new Map<string, { inst: number[]; action: string }[]>();
  for (const [key, idx] of L.byName) {
    const type = L.instances[idx[0]!]!.type;
    for (const action of Object.keys(type.actions)) actionTargets.set(`${key}.${action}`, [{ inst: idx, action }]);
  }
  for (const [name, a] of Object.entries(c.actions ?? {})) {
    const targets: { inst: number[]; action: string }[] = [];
    for (const target of a.targets) {
      const t = actionTargets.get(target);
      if (!t && L.untyped.has(target.slice(0, target.lastIndexOf('.')).replace(/\[\d+\]$/, ''))) continue;
      if (!t) problems.push({ path: ['actions', name, 'targets'], message: `unknown instance action \`${target}\`` });
      else targets.push(...t);
    }
    actionTargets.set(name, targets);
  }
  const actions: ModelKind['actions'] = {};
  for (const [name, targets] of actionTargets) {
    const alias = c.actions?.[name];
    const first = targets[0];
    const args: Record<string, ActionArgumentSpec> = {};
    for (const t of targets) {
      const spec = L.instances[t.inst[0]!]!.type.actions[t.action]!;
      for (const [arg, a] of Object.entries(spec.args ?? {})) args[arg] ??= a;
    }
    actions[name] = {
      description: alias?.description ?? (first ? L.instances[first.inst[0]!]!.type.actions[first.action]!.description : ''),
      ...(Object.keys(args).length > 0 ? { args } : {}),
    };
  }

  const errors = problems.filter((p) => p.severity !== 'warning');
  if (errors.length > 0) throw new CompositionError(problems);
  const warnings = problems.filter((p) => p.severity === 'warning');

  const seriesNames = Object.keys(c.series);
  const seriesPrograms = seriesNames.map((name) => programs[name]!);
  const recordSeries = seriesRecorder(seriesPrograms);
  const seriesSpecs: Record<string, SeriesSpec> = {};
  for (const [name, s] of Object.entries(c.series)) {
    const { expr: _expr, ...spec } = s;
    seriesSpecs[name] = spec;
  }

  const paramValues = (inst: BoundInstance, into: Record<string, number>) => {
    for (const [name, f] of Object.entries(inst.params)) into[name] = f();
  };

  const substeps = (params: Readonly<Record<string, number>>, dt: number) => {
    const saved = env.params;
    env.params = params;
    let limit: { instance: string; parameter: string; minutes: number } | undefined;
    const p: Record<string, number> = {};
    for (const inst of L.instances) {
      if (!inst.type.timeConstants) continue;
      paramValues(inst, p);
      for (const tc of inst.type.timeConstants(p)) {
        if (tc.minutes >= immediateMinutes && Number.isFinite(tc.minutes) && (!limit || tc.minutes < limit.minutes)) {
          limit = { instance: inst.name, parameter: tc.parameter, minutes: tc.minutes };
        }
      }
    }
    env.params = saved;
    // A step no longer than the fastest time constant needs no split; otherwise split it
    // into the fewest equal parts that are.
    const count = limit && dt > limit.minutes * (1 + 1e-9) ? Math.ceil(dt / limit.minutes - 1e-9) : 1;
    return { count, ...(limit ? { limit } : {}) };
  };

  const stepInstances = instanceStepper(L.instances.map((inst) => inst.type));
  const stepSpan = spanStepper(L.instances.map((inst) => inst.type), L.flowNames.length, seriesPrograms, recordSeries, undefined, {
    instances: L.instances,
    roles: L.slotRoles,
  });

  const kind: ComposedKind = {
    id: c.id,
    description: c.description,
    composition: c,
    options,
    warnings,
    substeps,
    parameters: modelParameterBounds(c, registry),
    series: seriesSpecs,
    primarySeries: c.primarySeries,
    ...(c.mechanism ? { mechanism: c.mechanism } : {}),
    actions,
    backfillFirstSample: flowSeries,

    init(ctx) {
      env.params = ctx.params;
      const n = L.slotNames.length;
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = L.slotInitial[i]!();
      const flows = new Float64Array(L.flowNames.length);
      const count = checkedSubsteps(substepOn ? substeps(ctx.params, ctx.dt) : { count: 1 }, ctx.dt);
      const world: World = { values, flows, totals: new Float64Array(L.units.length), apis: [], states: [], dt: ctx.dt, substeps: count, params: new Float64Array(paramNames.length) };
      paramVector(ctx.params, world.params);
      for (const inst of L.instances) {
        const api = new InstanceApi(inst.name, inst.cell, inst.share, inst.port, inst.flow, values, flows, L.slotRoles);
        paramValues(inst, api.p);
        api.dt = ctx.dt / count;
        api.random = ctx.random ? prefixedRandom(ctx.random, inst.name) : null;
        world.apis.push(api);
      }
      for (let k = 0; k < L.instances.length; k++) {
        const inst = L.instances[k]!;
        checkInstanceParameters(inst, world.apis[k]!.p);
        world.states.push(inst.type.init(world.apis[k]!));
      }
      for (let i = 0; i < n; i++) world.totals[L.unitOfSlot[i]!]! += values[i]!;
      flows.fill(0);
      return world;
    },

    apply(world, action, args, ctx) {
      const targets = actionTargets.get(action) ?? [];
      if (targets.length === 0) throw new Error(`the model has no action \`${action}\``);
      env.params = ctx.params;
      for (const t of targets) {
        for (const k of t.inst) {
          const inst = L.instances[k]!;
          const spec = inst.type.actions[t.action]!;
          const api = world.apis[k]!;
          api.t = ctx.t;
          api.dt = ctx.dt / world.substeps;
          const resolved = resolveArgs(spec.args ?? {}, args, ctx.params, action);
          // Addressed to every cell, an amount is the total: each cell takes its share.
          if (t.inst.length > 1) {
            for (const [name, a] of Object.entries(spec.args ?? {})) {
              if (a.extensive && typeof resolved[name] === 'number') resolved[name] = (resolved[name] as number) * inst.share;
            }
          }
          if (!inst.type.apply) throw new Error(`\`${inst.type.type}\` does not implement its action \`${t.action}\``);
          inst.type.apply(world.states[k], t.action, resolved, api);
        }
      }
    },

    onSet(world, ctx) {
      env.params = ctx.params;
      paramVector(ctx.params, world.params);
      for (let k = 0; k < L.instances.length; k++) {
        const inst = L.instances[k]!;
        const api = world.apis[k]!;
        const previous = { ...api.p };
        paramValues(inst, api.p);
        inst.type.update?.(world.states[k], api, previous);
      }
    },

    step(world, ctx) {
      stepWorld(world, stepInstances, ctx.t, ctx.dt);
    },

    advanceSpan(world, dt, from, to, last, columns, at, stride) {
      stepSpan(world, dt, from, to, last, columns, at, stride);
    },

    observe(world, _ctx, out) {
      const perMinute = 1 / world.dt;
      for (let k = 0; k < seriesNames.length; k++) out[seriesNames[k]!] = runProgram(seriesPrograms[k]!, world.values, world.flows, perMinute, world.params);
    },

    record(world, _ctx, columns, at) {
      const perMinute = 1 / world.dt;
      recordSeries(world.values, world.flows, perMinute, world.params, columns, at);
    },

    invariants(world) {
      const problems: string[] = [];
      const sums = new Float64Array(L.units.length);
      let scale = 1;
      for (let i = 0; i < world.values.length; i++) {
        const v = world.values[i]!;
        sums[L.unitOfSlot[i]!]! += v;
        scale = Math.max(scale, Math.abs(v));
        if (L.slotRoles[i] !== SOURCE && !(v >= -1e-9 * scale)) problems.push(`stock \`${L.slotNames[i]}\` is ${v}, expected ≥ 0`);
      }
      for (let u = 0; u < L.units.length; u++) {
        if (Math.abs(sums[u]! - world.totals[u]!) > 1e-9 * scale * world.values.length) {
          problems.push(`${L.units[u]} not conserved: the stocks sum to ${sums[u]}, they started at ${world.totals[u]}`);
        }
      }
      return problems;
    },
  };
  const recordSeeds = L.instances.every((inst) => inst.type.seeds) ? seedsRecorder(seriesPrograms) : undefined;
  if (recordSeeds) {
    const parts = {
      layout: L,
      env,
      paramVector,
      paramCount: paramNames.length,
      paramValues,
      actionTargets,
      substeps: (params: Readonly<Record<string, number>>, dt: number) => (substepOn ? substeps(params, dt) : { count: 1 }),
      record: recordSeeds,
    };
    kind.startSeeds = (plan, firstSeed, count, batchSize) => startSeedBatches(parts, kind, plan, firstSeed, count, batchSize);
  }
  return kind;
}

/**
 * The model's parameters with valid bounds: a parameter handed as it is to a component
 * parameter (`timeout: timeout`) takes that parameter's bounds too, so `fit` and `validate`
 * keep it where the component can use it.
 */
function modelParameterBounds(c: Composition, registry: Readonly<Record<string, ComponentType>>): Record<string, ParameterSpec> {
  const out: Record<string, ParameterSpec> = {};
  for (const [name, spec] of Object.entries(c.parameters)) out[name] = { ...spec };
  for (const inst of Object.values(c.components)) {
    const type = Object.hasOwn(registry, inst.type) ? registry[inst.type] : undefined;
    if (!type) continue;
    for (const [pName, value] of Object.entries(inst.parameters ?? {})) {
      const target = typeof value === 'string' && Object.hasOwn(out, value.trim()) ? out[value.trim()] : undefined;
      const spec = Object.hasOwn(type.parameters, pName) ? type.parameters[pName] : undefined;
      if (!target || !spec) continue;
      if (spec.min !== undefined) target.min = Math.max(target.min ?? Number.NEGATIVE_INFINITY, spec.min);
      if (spec.max !== undefined) target.max = Math.min(target.max ?? Number.POSITIVE_INFINITY, spec.max);
      if (spec.integer) target.integer = true;
    }
  }
  return out;
}
