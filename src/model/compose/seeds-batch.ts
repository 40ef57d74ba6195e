// Monte Carlo seeds of a composed model run in batches: one world per batch whose stocks and
// flows carry a seed dimension (`values[slot · seeds + r]`), stepped by the components' batched
// contracts (seeds-component.ts). The plan (effects, `set`s, sub-steps, series) is worked through
// once per batch instead of once per seed, each component loops over the batch's seeds, and the
// series are written straight into the step-major chunk as contiguous runs.
//
// Every seed sees exactly what its own scalar replay (engine.ts `startReplay` over the compiled
// world of compile-composition.ts) would: the same effects at the same steps, the same
// arithmetic in the same order, the same named random streams. So the samples, and the bands,
// are the same bytes.
import { paramsWithDefaults, ReplayError, sampleCount } from '../engine.js';
import type { ReplayPlan } from '../plan.js';
import { SeededRandom } from '../random.js';
import type { ArgValue, ModelKind } from '../types.js';
import type { Env, Layout } from './layout-composition.js';
import { resolveArgs } from './resolve-action-args.js';
import { InstanceSeedsApi } from './seeds-component.js';
import type { SeedsRecorder } from './seeds-recorder.js';
import { checkedSubsteps, checkInstanceParameters, type SubstepCount } from './world-checks.js';

/**
 * Seeds per batch. A batch's world (about 35 rows of stocks, flows and retry rings for
 * `retry-storm`) stays within the L2 cache at this size while it runs a chunk of steps, and each
 * component's loop over the batch is long enough that the per-step work of the plan is negligible.
 */
export const seedsPerBatch = 256;

/** What the compiled composition shares with its batched runs. */
export interface SeedsParts {
  layout: Layout;
  env: Env;
  /** The model's parameters, by their order in the composition (for series). */
  paramVector(params: Readonly<Record<string, number>>, into: Float64Array): void;
  paramCount: number;
  /** An instance's parameters under `env.params`. */
  paramValues(inst: Layout['instances'][number], into: Record<string, number>): void;
  actionTargets: ReadonlyMap<string, readonly { inst: number[]; action: string }[]>;
  /** Sub-steps a step takes (a count of 1 when sub-stepping is off). */
  substeps(params: Readonly<Record<string, number>>, dt: number): SubstepCount;
  record: SeedsRecorder;
}

/**
 * Where a cursor writes the range of each step's samples: the least and the greatest value of
 * series k at step `next + s` over the cursor's seeds go to `lo[k][at + s · stride]` and
 * `hi[k][at + s · stride]` (NaN if any sample is NaN; ±Infinity, the empty range, if the
 * cursor has no seeds).
 */
export interface SeedsExtents {
  lo: Float64Array[];
  hi: Float64Array[];
  at: number;
  stride: number;
}

/**
 * Consecutive seeds advanced together: samples `next … to−1` of seed j are written at
 * `columns[k][at + j + (i − next) · stride]` (series k in the order of the kind's series), and
 * their range to `extents` when given.
 */
export interface SeedsCursor {
  readonly length: number;
  readonly next: number;
  advance(to: number, columns: Float64Array[], at: number, stride: number, extents?: SeedsExtents): void;
}

interface Batch {
  seeds: number;
  /** Index of the batch's first seed among the cursor's. */
  offset: number;
  values: Float64Array;
  flows: Float64Array;
  apis: InstanceSeedsApi[];
  states: unknown[];
  params: Record<string, number>;
  paramVector: Float64Array;
  dt: number;
  substeps: number;
  nextEffect: number;
}

/** Seeds `firstSeed … firstSeed + count − 1` of the plan, in batches of `seedsPerBatch`. */
export function startSeedBatches(parts: SeedsParts, kind: ModelKind<any>, plan: ReplayPlan, firstSeed: number, count: number, batchSize = seedsPerBatch): SeedsCursor {
  const dt = plan.stepMinutes;
  const length = sampleCount(plan);
  const batches: Batch[] = [];
  for (let offset = 0; offset < count; offset += batchSize) {
    batches.push(startBatch(parts, kind, plan, firstSeed + offset, Math.min(batchSize, count - offset), offset));
  }
  const effects = plan.effects;
  // Where the ranges go when the caller wants none: one entry, overwritten.
  const noExtents: SeedsExtents = { lo: [], hi: [], at: 0, stride: 0 };
  const cursor = {
    length,
    next: 0,
    advance(to: number, columns: Float64Array[], at: number, stride: number, extents?: SeedsExtents): void {
      const end = Math.min(to, length);
      const ext = extents ?? noExtents;
      if (!extents && noExtents.lo.length < columns.length) {
        noExtents.lo = columns.map(() => new Float64Array(1));
        noExtents.hi = columns.map(() => new Float64Array(1));
      }
      if (extents && batches.length === 0) {
        for (let i = cursor.next; i < end; i++) {
          const e = extents.at + (i - cursor.next) * extents.stride;
          for (let k = 0; k < columns.length; k++) {
            extents.lo[k]![e] = Number.POSITIVE_INFINITY;
            extents.hi[k]![e] = Number.NEGATIVE_INFINITY;
          }
        }
      }
      // Batch by batch, each through the whole chunk of steps: its world stays in cache.
      for (const b of batches) {
        for (let i = cursor.next, row = at + b.offset; i < end; i++, row += stride) {
          const t = i * dt;
          while (b.nextEffect < effects.length && effects[b.nextEffect]!.t <= t + 1e-9) {
            const { effect } = effects[b.nextEffect++]!;
            if (effect.set) {
              Object.assign(b.params, effect.set);
              onSet(parts, b);
            }
            if (effect.action) applyAction(parts, b, effect.action, effect.with ?? {}, t, dt);
          }
          const e = ext.at + (i - cursor.next) * ext.stride;
          parts.record(b.values, b.flows, 1 / b.dt, b.paramVector, columns, row, b.seeds, ext.lo, ext.hi, e, b.offset === 0);
          if (i < length - 1) step(parts, b, t, dt);
        }
      }
      cursor.next = Math.max(cursor.next, end);
    },
  };
  return cursor;
}

/** The compiled world's `init`, for a batch of seeds. */
function startBatch(parts: SeedsParts, kind: ModelKind<any>, plan: ReplayPlan, firstSeed: number, seeds: number, offset: number): Batch {
  const L = parts.layout;
  const dt = plan.stepMinutes;
  const params = paramsWithDefaults(kind, plan.params);
  parts.env.params = params;
  const slots = L.slotNames.length;
  const values = new Float64Array(slots * seeds);
  for (let i = 0; i < slots; i++) values.fill(L.slotInitial[i]!(), i * seeds, (i + 1) * seeds);
  const flows = new Float64Array(L.flowNames.length * seeds);
  const substeps = checkedSubsteps(parts.substeps(params, dt), dt);
  const paramVector = new Float64Array(parts.paramCount);
  parts.paramVector(params, paramVector);
  const randoms = Array.from({ length: seeds }, (_, r) => new SeededRandom(firstSeed + r));
  const apis = L.instances.map((inst) => {
    const api = new InstanceSeedsApi(inst.name, inst.cell, inst.share, inst.port, inst.flow, seeds, values, flows, L.slotRoles, randoms);
    parts.paramValues(inst, api.p);
    api.dt = dt / substeps;
    return api;
  });
  const states: unknown[] = [];
  L.instances.forEach((inst, k) => {
    checkInstanceParameters(inst, apis[k]!.p);
    states.push(inst.type.seeds!.init(apis[k]!));
  });
  flows.fill(0);
  return { seeds, offset, values, flows, apis, states, params, paramVector, dt, substeps, nextEffect: 0 };
}

/** The compiled world's `onSet`: parameters changed by a `set` effect. */
function onSet(parts: SeedsParts, b: Batch): void {
  parts.env.params = b.params;
  parts.paramVector(b.params, b.paramVector);
  parts.layout.instances.forEach((inst, k) => {
    const api = b.apis[k]!;
    const previous = { ...api.p };
    parts.paramValues(inst, api.p);
    inst.type.seeds!.update?.(b.states[k], api, previous);
  });
}

/** The compiled world's `apply`, with the engine's message for arguments the model rejects. */
function applyAction(parts: SeedsParts, b: Batch, action: string, args: Readonly<Record<string, ArgValue>>, t: number, dt: number): void {
  try {
    const targets = parts.actionTargets.get(action) ?? [];
    if (targets.length === 0) throw new Error(`the model has no action \`${action}\``);
    parts.env.params = b.params;
    for (const target of targets) {
      for (const k of target.inst) {
        const inst = parts.layout.instances[k]!;
        const spec = inst.type.actions[target.action]!;
        const api = b.apis[k]!;
        api.t = t;
        api.dt = dt / b.substeps;
        const resolved = resolveArgs(spec.args ?? {}, args, b.params, action);
        if (target.inst.length > 1) {
          for (const [name, a] of Object.entries(spec.args ?? {})) {
            if (a.extensive && typeof resolved[name] === 'number') resolved[name] = (resolved[name] as number) * inst.share;
          }
        }
        const apply = inst.type.seeds!.apply;
        if (!apply) throw new Error(`\`${inst.type.type}\` does not implement its action \`${target.action}\``);
        apply(b.states[k], target.action, resolved, api);
      }
    }
  } catch (error) {
    if (error instanceof ReplayError) throw error;
    throw new ReplayError(`action \`${action}\` at minute ${t}: ${(error as Error)?.message ?? String(error)}`);
  }
}

/** The compiled world's `step`: every instance, in order, for every sub-step. */
function step(parts: SeedsParts, b: Batch, t: number, dt: number): void {
  // Thousands of flows (every flow of every seed of the batch): `fill` is a memset.
  b.flows.fill(0);
  b.dt = dt;
  const count = b.substeps;
  const h = dt / count;
  const instances = parts.layout.instances;
  for (let sub = 0; sub < count; sub++) {
    for (let k = 0; k < instances.length; k++) {
      const api = b.apis[k]!;
      api.t = t + sub * h;
      api.dt = h;
      instances[k]!.type.seeds!.step(b.states[k], api);
    }
  }
}
