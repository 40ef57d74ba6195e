// The layout of a composition: every stock (and each cell of a per-cell stock) a slot of one
// Float64Array, every instance (one per cell for a per-cell instance) bound to its slots, flows
// and parameters, with every wiring problem collected on the way.
import type { ComponentType, ParameterSpec } from './component.js';
import type { Composition, NumberOrExpression } from './composition.js';
import type { CompositionProblem } from './composition-problem.js';
import { compileExpression, ExpressionError, type Compiled } from './expression.js';
import { SINK, SOURCE } from './instance-api.js';

/** The mutable environment compiled closures read: the params of the run in progress. */
export interface Env {
  params: Readonly<Record<string, number>>;
}

/** One instance of a component (one per cell for a per-cell instance), bound to slots. */
export interface BoundInstance {
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

export interface Layout {
  slotNames: string[];
  slotUnits: string[];
  slotRoles: Uint8Array;
  slotInitial: Compiled[];
  flowNames: string[];
  /** Declared stock → its slot, or one slot per cell. */
  stockSlots: Map<string, number[]>;
  instances: BoundInstance[];
  /** Instance (or instance[cell]) name → indices in `instances`. */
  byName: Map<string, number[]>;
  /** Instances whose type is unknown: names under them are not reported again. */
  untyped: Set<string>;
  units: string[];
  unitOfSlot: Int32Array;
}

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

export function layoutComposition(c: Composition, registry: Readonly<Record<string, ComponentType>>, env: Env, problems: CompositionProblem[]): Layout {
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
    if (s.perCell && !c.cells) {
      problems.push({ path: ['stocks', name, 'perCell'], message: `stock \`${name}\` is per cell, but the model declares no \`cells\``, hint: 'add `cells: { count: N }` to the model, or remove `perCell`' });
    }
    if (paramNames.has(name)) {
      problems.push({
        path: ['stocks', name],
        severity: 'warning',
        message: `\`${name}\` names both a stock and a model parameter: in a series it reads the stock`,
        hint: 'rename one of them if a series should read the parameter',
      });
    }
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
    if (inst.perCell && !c.cells) {
      problems.push({ path: [...base, 'perCell'], message: `\`${key}\` is per cell, but the model declares no \`cells\``, hint: 'add `cells: { count: N }` to the model, or remove `perCell`' });
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
  const wired = new Set(Object.values(c.components).flatMap((inst) => Object.values(inst.stocks ?? {})));
  for (const name of Object.keys(c.stocks)) {
    if (!wired.has(name)) {
      problems.push({ path: ['stocks', name], severity: 'warning', message: `stock \`${name}\` is wired to no component: it stays at its initial amount`, hint: 'wire it to a port, or remove it' });
    }
  }
  const units = [...new Set(slotUnits)];
  const unitOfSlot = Int32Array.from(slotUnits, (u) => units.indexOf(u));
  return { slotNames, slotUnits, slotRoles: Uint8Array.from(roles), slotInitial, flowNames, stockSlots, instances, byName, untyped, units, unitOfSlot };
}
