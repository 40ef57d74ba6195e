// From a composition (plain data) to a ModelKind the engine runs: stocks laid out in one
// Float64Array, every instance bound to its slots, parameters and series compiled to closures
// once, then a step loop that allocates nothing. The engine (engine.ts) still owns time,
// effects and recording; this module owns the world of stocks.
import type { ActionArgumentSpec, ArgValue, ModelKind, RandomSource, SeriesSpec, StepContext } from '../types.js';
import type { ComponentType, ParameterSpec, StepApi } from './component.js';
import type { Composition, NumberOrExpression } from './composition.js';
import { compileExpression, compileProgram, ExpressionError, runProgram, seriesRecorder, type Compiled, type Leaf, type Program } from './expression.js';
import { ReplayError } from '../engine.js';

/** A problem in a composition, with the path of the offending value inside it. */
export interface CompositionProblem {
  path: (string | number)[];
  message: string;
  hint?: string;
  /** Offset inside an expression string, when the problem is in one. */
  offset?: number;
  severity?: 'error' | 'warning';
}

export class CompositionError extends Error {
  constructor(readonly problems: CompositionProblem[]) {
    super(problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; '));
  }
}

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
  /** Sub-steps a step of `dt` minutes takes under these parameters, and the time constant that sets it. */
  substeps(params: Readonly<Record<string, number>>, dt: number): { count: number; limit?: { instance: string; parameter: string; minutes: number } };
}

const SOURCE = 1;
const SINK = 2;

/** One instance of a component (one per cell for a per-cell instance), bound to slots. */
interface BoundInstance {
  name: string;
  /** The instance's key in `components` (without the cell). */
  key: string;
  type: ComponentType;
  cell: number;
  share: number;
  port: Record<string, number>;
  flow: Record<string, number>;
  params: Record<string, Compiled>;
}

interface Layout {
  slotNames: string[];
  slotUnits: string[];
  slotRoles: Uint8Array;
  slotInitial: Compiled[];
  flowNames: string[];
  instances: BoundInstance[];
  /** Instance (or instance[cell]) name → indices in `instances`. */
  byName: Map<string, number[]>;
  /** Instances whose type is unknown: names under them are not reported again. */
  untyped: Set<string>;
  units: string[];
  unitOfSlot: Int32Array;
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

/** The mutable environment compiled closures read: the params of the run in progress. */
interface Env {
  params: Readonly<Record<string, number>>;
}

class InstanceApi implements StepApi {
  t = 0;
  dt = 1;
  random: RandomSource | null = null;
  p: Record<string, number> = {};
  constructor(
    readonly name: string,
    readonly cell: number,
    readonly share: number,
    readonly port: Readonly<Record<string, number>>,
    readonly flow: Readonly<Record<string, number>>,
    readonly values: Float64Array,
    private readonly flows: Float64Array,
    private readonly roles: Uint8Array,
  ) {}
  move(from: number, to: number, amount: number, flow: number): number {
    if (!(amount > 0)) return 0;
    const v = this.values;
    if (this.roles[from] !== SOURCE) {
      const have = v[from]!;
      if (amount > have) amount = have > 0 ? have : 0;
    }
    v[from]! -= amount;
    v[to]! += amount;
    this.flows[flow]! += amount;
    return amount;
  }
  count(flow: number, amount: number): void {
    this.flows[flow]! += amount;
  }
}

/** Streams named after the instance, so two instances of one component draw independently. */
function prefixedRandom(random: RandomSource, prefix: string): RandomSource {
  const names = new Map<string, string>();
  const full = (name: string) => {
    let n = names.get(name);
    if (n === undefined) names.set(name, (n = `${prefix}.${name}`));
    return n;
  };
  return {
    uniform: (name) => random.uniform(full(name)),
    binomial: (name, n, p) => random.binomial(full(name), n, p),
    poisson: (name, mean) => random.poisson(full(name), mean),
  };
}

/**
 * Time constants shorter than this (0.1 s) count as immediate: a retry "at once" needs no
 * sub-steps, and a delay of a few milliseconds would otherwise ask for millions of them.
 */
export const immediateMinutes = 1 / 600;

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Checks a parameter value against its declared bounds; returns a message or undefined. */
export function boundsProblem(spec: ParameterSpec, value: number): string | undefined {
  // A default may be infinite (`refuseAboveWait`: never); a given value may not.
  if (value === spec.default) return undefined;
  if (!Number.isFinite(value)) return `is ${value}, expected a finite number`;
  if (spec.min !== undefined && value < spec.min) return `is ${value}, below its smallest valid value ${spec.min} ${spec.unit}`;
  if (spec.max !== undefined && value > spec.max) return `is ${value}, above its largest valid value ${spec.max} ${spec.unit}`;
  if (spec.integer && !Number.isInteger(value)) return `is ${value}, expected a whole number`;
  return undefined;
}

function layout(c: Composition, registry: Readonly<Record<string, ComponentType>>, env: Env, problems: CompositionProblem[]): Layout {
  const cellCount = c.cells ? Math.max(1, Math.floor(c.cells.count)) : 1;
  const shares = c.cells?.shares ?? Array.from({ length: cellCount }, () => 1 / cellCount);
  if (c.cells) {
    if (!(c.cells.count >= 1 && Number.isInteger(c.cells.count) && c.cells.count <= 10_000)) {
      problems.push({ path: ['cells', 'count'], message: `is ${c.cells.count}, expected a whole number from 1 to 10000` });
    }
    if (shares.length !== cellCount) {
      problems.push({ path: ['cells', 'shares'], message: `lists ${shares.length} shares for ${cellCount} cells`, hint: 'give one share per cell' });
    }
    const sum = shares.reduce((a, b) => a + b, 0);
    if (shares.some((s) => !(s >= 0)) || Math.abs(sum - 1) > 1e-6) {
      problems.push({ path: ['cells', 'shares'], message: `shares must be non-negative and sum to 1 (they sum to ${sum})` });
    }
  }
  const paramNames = new Set(Object.keys(c.parameters));
  const paramExpr = (value: NumberOrExpression, path: (string | number)[]): Compiled => {
    if (typeof value === 'number') return () => value;
    try {
      return compileExpression(value, (name) =>
        paramNames.has(name) ? () => env.params[name]! : `\`${name}\` is not a parameter of the model; known: ${[...paramNames].join(', ') || 'none'}`,
      );
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      problems.push({ path, message: error.message, offset: error.offset, hint: 'an expression may use numbers, the model’s parameters, + − * / ^ and functions such as min and max' });
      return () => Number.NaN;
    }
  };

  const slotNames: string[] = [];
  const slotUnits: string[] = [];
  const roles: number[] = [];
  const slotInitial: Compiled[] = [];
  const stockSlots = new Map<string, number[]>();
  const addSlot = (name: string, unit: string, role: number, initial: Compiled) => {
    slotNames.push(name);
    slotUnits.push(unit);
    roles.push(role);
    slotInitial.push(initial);
    return slotNames.length - 1;
  };
  for (const [name, s] of Object.entries(c.stocks)) {
    if (!identifier.test(name)) {
      problems.push({ path: ['stocks', name], message: `\`${name}\` is not a valid stock name`, hint: 'use letters, digits and _ (camelCase), starting with a letter' });
    }
    const role = s.role === 'source' ? SOURCE : s.role === 'sink' ? SINK : 0;
    const initial = paramExpr(s.initial ?? 0, ['stocks', name, 'initial']);
    if (s.perCell && cellCount > 1) {
      stockSlots.set(
        name,
        shares.map((share, i) => addSlot(`${name}[${i}]`, s.unit, role, () => initial() * share)),
      );
    } else {
      stockSlots.set(name, [addSlot(name, s.unit, role, initial)]);
    }
  }

  const flowNames: string[] = [];
  const instances: BoundInstance[] = [];
  const byName = new Map<string, number[]>();
  const untyped = new Set<string>();
  const written = new Set<string>();
  const readers = new Map<string, string>();
  for (const [key, inst] of Object.entries(c.components)) {
    const base = ['components', key];
    if (!identifier.test(key)) {
      problems.push({ path: base, message: `\`${key}\` is not a valid instance name`, hint: 'use letters, digits and _ (camelCase), starting with a letter' });
    }
    if (stockSlots.has(key)) problems.push({ path: base, message: `\`${key}\` names both a stock and a component instance`, hint: 'rename one of them' });
    const type = Object.hasOwn(registry, inst.type) ? registry[inst.type] : undefined;
    if (!type) {
      problems.push({
        path: [...base, 'type'],
        message: `unknown component type \`${inst.type}\`; known: ${Object.keys(registry).sort().join(', ')}`,
      });
      untyped.add(key);
      continue;
    }
    for (const name of Object.keys(inst.parameters ?? {})) {
      if (!Object.hasOwn(type.parameters, name)) {
        problems.push({
          path: [...base, 'parameters', name],
          message: `\`${inst.type}\` has no parameter \`${name}\`; its parameters are ${Object.keys(type.parameters).join(', ') || 'none'}`,
        });
      }
    }
    for (const port of Object.keys(inst.stocks ?? {})) {
      if (!Object.hasOwn(type.stocks, port)) {
        problems.push({
          path: [...base, 'stocks', port],
          message: `\`${inst.type}\` has no stock port \`${port}\`; its ports are ${Object.keys(type.stocks).join(', ')}`,
        });
      }
    }
    const copies = inst.perCell && cellCount > 1 ? cellCount : 1;
    const indices: number[] = [];
    // The whole instance is listed before its cells, so messages list `x.act` before `x[0].act`.
    byName.set(key, indices);
    for (let cell = 0; cell < copies; cell++) {
      const share = copies > 1 ? shares[cell]! : 1;
      const name = copies > 1 ? `${key}[${cell}]` : key;
      const port: Record<string, number> = {};
      for (const [portName, spec] of Object.entries(type.stocks)) {
        const stock = inst.stocks?.[portName];
        if (stock === undefined) {
          if (!spec.optional) {
            problems.push({
              path: [...base, 'stocks'],
              message: `\`${key}\` (${inst.type}) needs its \`${portName}\` port wired to a stock (${spec.description}, in ${spec.unit})`,
              hint: `add \`${portName}: <stock>\` under \`stocks:\`, and declare the stock under \`model.stocks\``,
            });
          }
          // An unwired port is a private stock of the instance.
          port[portName] = addSlot(`${name}.${portName}`, spec.unit, spec.role === 'source' ? SOURCE : spec.role === 'sink' ? SINK : 0, () => 0);
          continue;
        }
        const slots = stockSlots.get(stock);
        if (!slots) {
          if (cell === 0) {
            problems.push({
              path: [...base, 'stocks', portName],
              message: `unknown stock \`${stock}\`; declared: ${[...stockSlots.keys()].join(', ') || 'none'}`,
              hint: `declare it under \`model.stocks\` with \`unit: ${spec.unit}\``,
            });
          }
          port[portName] = addSlot(`${name}.${portName}`, spec.unit, 0, () => 0);
          continue;
        }
        const declared = c.stocks[stock]!;
        if (cell === 0 && declared.unit !== spec.unit) {
          problems.push({
            path: [...base, 'stocks', portName],
            message: `unit mismatch: port \`${portName}\` of \`${inst.type}\` is in ${spec.unit}, stock \`${stock}\` in ${declared.unit}`,
            hint: `wire it to a stock in ${spec.unit}`,
          });
        }
        port[portName] = slots.length > 1 ? (copies > 1 ? slots[cell]! : -2) : slots[0]!;
        if (port[portName] === -2) {
          if (cell === 0) {
            problems.push({
              path: [...base, 'stocks', portName],
              message: `stock \`${stock}\` has one amount per cell but \`${key}\` is a single instance`,
              hint: 'set `perCell: true` on the instance, or make the stock a single amount',
            });
          }
          port[portName] = slots[0]!;
        }
        if (spec.access === 'write') written.add(stock);
        else if (!readers.has(stock)) readers.set(stock, `${key}.${portName}`);
      }
      const flow: Record<string, number> = {};
      for (const f of Object.keys(type.flows)) {
        flowNames.push(`${name}.${f}`);
        flow[f] = flowNames.length - 1;
      }
      const params: Record<string, Compiled> = {};
      for (const [pName, spec] of Object.entries(type.parameters)) {
        const given = inst.parameters?.[pName];
        if (given === undefined && spec.default === undefined) {
          if (cell === 0) {
            problems.push({
              path: [...base, 'parameters'],
              message: `\`${key}\` (${inst.type}) needs parameter \`${pName}\` (${spec.description}, in ${spec.unit})`,
              hint: `add \`${pName}: <number or parameter name>\` under \`parameters:\``,
            });
          }
          params[pName] = () => Number.NaN;
          continue;
        }
        if (cell === 0 && typeof given === 'number') {
          const bad = boundsProblem(spec, given);
          if (bad) problems.push({ path: [...base, 'parameters', pName], message: `\`${key}.${pName}\` ${bad}`, hint: `see \`incident-replay components ${inst.type}\`` });
        }
        const value = given === undefined ? () => spec.default! : paramExpr(given, [...base, 'parameters', pName]);
        params[pName] = spec.extensive && share !== 1 ? () => value() * share : value;
      }
      instances.push({ name, key, type, cell, share, port, flow, params });
      indices.push(instances.length - 1);
      if (copies > 1) byName.set(name, [instances.length - 1]);
    }
  }
  for (const [stock, reader] of readers) {
    const d = c.stocks[stock]!;
    if (!written.has(stock) && d.role !== 'source' && (d.initial === undefined || d.initial === 0)) {
      problems.push({
        path: ['stocks', stock],
        message: `stock \`${stock}\` is read by \`${reader}\` but no component writes it and it starts at 0, so it is always 0`,
        hint: 'wire a component that fills it, or give it an `initial:` amount',
      });
    }
  }
  const units = [...new Set(slotUnits)];
  const unitOfSlot = Int32Array.from(slotUnits, (u) => units.indexOf(u));
  return { slotNames, slotUnits, slotRoles: Uint8Array.from(roles), slotInitial, flowNames, instances, byName, untyped, units, unitOfSlot };
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
  const L = layout(c, registry, env, problems);
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
    const cellSlots = (stock: string) => {
      const whole = slotByName.get(stock);
      if (whole !== undefined) return [whole];
      const parts: number[] = [];
      for (let i = 0; slotByName.has(`${stock}[${i}]`); i++) parts.push(slotByName.get(`${stock}[${i}]`)!);
      return parts.length > 0 ? parts : undefined;
    };
    const stock = cellSlots(name);
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
  if (errors.length > 0) throw new CompositionError(errors);

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

  /** Most sub-steps one step may take: beyond it the model is refused with the time constant named. */
  const maxSubsteps = 100_000;

  const kind: ComposedKind = {
    id: c.id,
    description: c.description,
    composition: c,
    options,
    substeps,
    parameters: modelParameterBounds(c, registry),
    series: seriesSpecs,
    primarySeries: c.primarySeries,
    actions,
    backfillFirstSample: flowSeries,

    init(ctx) {
      env.params = ctx.params;
      const n = L.slotNames.length;
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = L.slotInitial[i]!();
      const flows = new Float64Array(L.flowNames.length);
      const { count, limit } = substepOn ? substeps(ctx.params, ctx.dt) : { count: 1, limit: undefined };
      if (count > maxSubsteps) {
        throw new ReplayError(
          `a step of ${ctx.dt} min would need ${count} sub-steps to resolve \`${limit!.instance}.${limit!.parameter}\` ` +
            `(${limit!.minutes} min); use a shorter step (\`model.step\`), or a longer ${limit!.parameter}`,
        );
      }
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
        for (const [name, spec] of Object.entries(inst.type.parameters)) {
          const problem = boundsProblem(spec, world.apis[k]!.p[name]!);
          if (problem) throw new ReplayError(`parameter \`${name}\` of \`${inst.name}\` (${inst.type.type}) ${problem}`);
        }
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
      env.params = ctx.params;
      world.flows.fill(0);
      world.dt = ctx.dt;
      const count = world.substeps;
      const h = ctx.dt / count;
      const instances = L.instances;
      const apis = world.apis;
      const states = world.states;
      for (let sub = 0; sub < count; sub++) {
        const t = ctx.t + sub * h;
        for (let k = 0; k < instances.length; k++) {
          const api = apis[k]!;
          api.t = t;
          api.dt = h;
          instances[k]!.type.step(states[k], api);
        }
      }
    },

    observe(world, ctx, out) {
      env.params = ctx.params;
      const perMinute = 1 / world.dt;
      for (let k = 0; k < seriesNames.length; k++) out[seriesNames[k]!] = runProgram(seriesPrograms[k]!, world.values, world.flows, perMinute, world.params);
    },

    record(world, ctx, columns, at) {
      env.params = ctx.params;
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
    const type = registry[inst.type];
    if (!type) continue;
    for (const [pName, value] of Object.entries(inst.parameters ?? {})) {
      const target = typeof value === 'string' ? out[value.trim()] : undefined;
      const spec = type.parameters[pName];
      if (!target || !spec) continue;
      if (spec.min !== undefined) target.min = Math.max(target.min ?? Number.NEGATIVE_INFINITY, spec.min);
      if (spec.max !== undefined) target.max = Math.min(target.max ?? Number.POSITIVE_INFINITY, spec.max);
      if (spec.integer) target.integer = true;
    }
  }
  return out;
}

/** An action's arguments checked against its spec; numeric expressions evaluated now. */
function resolveArgs(
  specs: Readonly<Record<string, { type?: string; required?: boolean; min?: number; max?: number; values?: readonly string[] }>>,
  args: Readonly<Record<string, ArgValue>>,
  params: Readonly<Record<string, number>>,
  action: string,
): Record<string, ArgValue> {
  const out: Record<string, ArgValue> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const given = args[name];
    if (given === undefined) {
      if (spec.required) throw new Error(`\`${action}\` needs argument \`${name}\``);
      continue;
    }
    const type = spec.type ?? 'number';
    if (type === 'number') {
      let value: number;
      if (typeof given === 'number') value = given;
      else if (typeof given === 'string') {
        try {
          value = compileExpression(given, (n) => (Object.hasOwn(params, n) ? () => params[n]! : `\`${n}\` is not a parameter of the model`))();
        } catch (error) {
          throw new Error(`argument \`${name}\`: ${(error as Error).message}`);
        }
      } else throw new Error(`argument \`${name}\` is ${given}, expected a number or a parameter expression`);
      if (spec.min !== undefined && value < spec.min) throw new Error(`argument \`${name}\` is ${value}, below its smallest valid value ${spec.min}`);
      if (spec.max !== undefined && value > spec.max) throw new Error(`argument \`${name}\` is ${value}, above its largest valid value ${spec.max}`);
      out[name] = value;
    } else if (type === 'boolean') {
      if (typeof given !== 'boolean') throw new Error(`argument \`${name}\` is ${JSON.stringify(given)}, expected true or false`);
      out[name] = given;
    } else {
      if (typeof given !== 'string' || (spec.values && !spec.values.includes(given))) {
        throw new Error(`argument \`${name}\` is ${JSON.stringify(given)}, expected ${spec.values ? `one of ${spec.values.join(', ')}` : 'a string'}`);
      }
      out[name] = given;
    }
  }
  return out;
}
