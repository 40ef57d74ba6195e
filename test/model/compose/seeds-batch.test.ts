// Monte Carlo seeds of a composed model run in batches (src/model/compose/seeds-batch.ts) must
// give, sample for sample, the bytes of the same seeds run one by one through the engine's
// cursors: the batched contracts of the components repeat the scalar arithmetic and draws. The
// comparison is of every sample of every series at every step, not only of the bands.
import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleCount } from '../../../src/model/engine.js';
import { advanceSeeds, startSeeds, type Chunk } from '../../../src/model/monte-carlo-lockstep.js';
import { runMonteCarlo } from '../../../src/model/monte-carlo.js';
import { retryStorm, retryStormComposition } from '../../../src/model/kinds/retry-storm.js';
import { compileComposition, type ComposedKind } from '../../../src/model/compose/compile-composition.js';
import { componentTypes } from '../../../src/model/compose/component-types.js';
import type { ReplayPlan } from '../../../src/model/plan.js';
import { planFor } from '../../support/kind-properties.js';
import { compile } from '../../support/compose.js';
import { composition, randomModel } from '../../support/random-compositions.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

type Effects = { t: number; action?: string; with?: Record<string, number | string | boolean>; set?: Record<string, number> }[];

function planOf(kind: ComposedKind, params: Record<string, number>, effects: Effects, minutes: number, stepMinutes = 1): ReplayPlan {
  return planFor(
    kind,
    params,
    effects.map((e, i) => ({ t: e.t, eventIndex: i, effect: e.set ? { set: e.set } : { action: e.action!, ...(e.with ? { with: e.with } : {}) } })),
    minutes,
    stepMinutes,
  );
}

/** Every sample of seeds `firstSeed …` (chunks of `chunkSteps`), batched or one by one, as the bytes of each series. */
function samples(kind: ComposedKind, plan: ReplayPlan, firstSeed: number, seeds: number, batch: boolean, chunkSteps = 17): Buffer[] {
  const length = sampleCount(plan);
  const names = Object.keys(kind.series);
  const out = names.map(() => new Float64Array(length * seeds));
  const chunk: Chunk = { columns: names.map(() => new Float64Array(chunkSteps * seeds)), seeds, steps: chunkSteps };
  const range = startSeeds(kind, plan, firstSeed, 0, seeds, { batch });
  for (let from = 0; from < length; from += chunkSteps) {
    const to = Math.min(length, from + chunkSteps);
    advanceSeeds(range, 0, chunk, to);
    names.forEach((_, k) => out[k]!.set(chunk.columns[k]!.subarray(0, (to - from) * seeds), from * seeds));
  }
  return out.map((a) => Buffer.from(a.buffer));
}

/** A storm with every action of retry-storm, a `set`, exponential backoff with jitter (sub-steps) and shedding. */
const stormEffects: Effects = [
  { t: 10, action: 'trigger', with: { capacityFactor: 0.5, forMinutes: 15 } },
  { t: 40, set: { load: 900 } },
  { t: 60, action: 'set-backoff', with: { policy: 'exponential', baseDelay: 0.5, maxDelay: 4, jitter: true, maxAttempts: 4 } },
  { t: 80, action: 'enable-load-shedding' },
  { t: 95, action: 'service.flush' },
  { t: 100, action: 'disable-load-shedding' },
  { t: 110, action: 'trigger', with: { capacityFactor: 0.3 } },
  { t: 120, action: 'add-capacity', with: { amount: 1500, overMinutes: 10 } },
  { t: 130, action: 'restore' },
  { t: 150, action: 'disable-retries' },
];

describe('Monte Carlo seeds in batches', () => {
  it('retry-storm is batched: every component has the batched contract', () => {
    expect(retryStorm.startSeeds).toBeTypeOf('function');
  });

  it('gives every sample of the seeds run one by one, to the bit (every action, a set, jittered backoff, several batches)', () => {
    const plan = planOf(retryStorm, { capacity: 1000, load: 700, timeout: 0.5, maxAttempts: 3 }, stormEffects, 180, 2);
    const seeds = 300; // more than one batch of 256
    const one = samples(retryStorm, plan, 7, seeds, false);
    const batched = samples(retryStorm, plan, 7, seeds, true);
    batched.forEach((b, k) => expect(b.equals(one[k]!), Object.keys(retryStorm.series)[k]).toBe(true));
    // The seeds differ: the comparison is of many runs, not of one curve repeated.
    const queue = new Float64Array(one[Object.keys(retryStorm.series).indexOf('queue')]!.buffer.slice(0));
    expect(new Set(queue.subarray(30 * seeds, 31 * seeds)).size).toBeGreaterThan(10);
  });

  it('gives the same samples for any batch size', () => {
    const plan = planOf(retryStorm, { capacity: 1000, load: 700, timeout: 0.5, maxAttempts: 3 }, stormEffects, 160);
    const names = Object.keys(retryStorm.series);
    const length = sampleCount(plan);
    const run = (batchSize: number) => {
      const columns = names.map(() => new Float64Array(length * 20));
      const cursor = retryStorm.startSeeds!(plan, 3, 20, batchSize);
      cursor.advance(length, columns, 0, 20);
      return columns.map((c) => Buffer.from(c.buffer));
    };
    const whole = run(20);
    for (const size of [1, 7]) run(size).forEach((b, k) => expect(b.equals(whole[k]!)).toBe(true));
  });

  it('random compositions of batched components (cells, per-cell actions, any step) give the samples of their seeds one by one', () => {
    fc.assert(
      fc.property(randomModel(true), ({ c, effects, step, seed }) => {
        const kind = compile(c);
        expect(kind.startSeeds).toBeTypeOf('function');
        const plan = planOf(kind, {}, effects, 90, step);
        const one = samples(kind, plan, seed | 0, 5, false, 11);
        const batched = samples(kind, plan, seed | 0, 5, true, 11);
        batched.forEach((b, k) => expect(b.equals(one[k]!)).toBe(true));
      }),
      { numRuns: 60 },
    );
  });

  it('falls back to seed by seed when one component has no batched contract, with the same bands', async () => {
    const { seeds: _, ...scalarCapacity } = componentTypes.capacity!;
    const mixed = compileComposition(retryStormComposition, { ...componentTypes, capacity: scalarCapacity });
    expect(mixed.startSeeds).toBeUndefined();
    const closed = fc.sample(randomModel(false).filter(({ c }) => Object.values(c.components).some((i) => i.type === 'closed-clients')), { numRuns: 1, seed: 4 })[0]!;
    expect(compile(closed.c).startSeeds).toBeUndefined();

    const plan = planOf(retryStorm, { capacity: 1000, load: 700, timeout: 0.5, maxAttempts: 3 }, stormEffects, 120);
    const batched = await runMonteCarlo(retryStorm, plan, { seeds: 40, firstSeed: 3, workers: 1 });
    const fallback = await runMonteCarlo(mixed, plan, { seeds: 40, firstSeed: 3, workers: 1 });
    const oneByOne = await runMonteCarlo(retryStorm, plan, { seeds: 40, firstSeed: 3, workers: 1, batch: false });
    for (const { q, series } of batched.quantiles) {
      for (const [name, values] of Object.entries(series)) {
        expect(Buffer.from(values.buffer).equals(Buffer.from(fallback.quantiles.find((x) => x.q === q)!.series[name]!.buffer)), `${name} q${q}`).toBe(true);
        expect(Buffer.from(values.buffer).equals(Buffer.from(oneByOne.quantiles.find((x) => x.q === q)!.series[name]!.buffer)), `${name} q${q}`).toBe(true);
      }
    }
  });

  it('refuses what the scalar world refuses, with its message', () => {
    const plan = planOf(retryStorm, { capacity: 1000, load: 700, timeout: 0.5, maxAttempts: 3 }, [{ t: 5, action: 'add-capacity', with: {} }], 20);
    const message = (batch: boolean) => {
      try {
        samples(retryStorm, plan, 1, 3, batch);
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    };
    expect(message(true)).toBe(message(false));
    expect(message(true)).toContain('`add-capacity` needs argument `amount`');
  });
});

describe('Monte Carlo seeds in batches on worker threads (compiled dist/)', () => {
  beforeAll(() => {
    if (!existsSync(path.join(root, 'dist/model/monte-carlo-worker.js'))) {
      execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', root], { stdio: 'ignore' });
    }
  }, 120_000);

  // A service of open-clients (batched) beside one of closed-clients (not): the whole model falls back.
  const mixed = composition(
    [
      { clients: 'open-clients', perCell: false, params: { load: 700, maxAttempts: 3, backoff: 0, baseDelay: 0, maxDelay: 0, jitter: 0, capacity: 1000, timeout: 0.5, loadShedding: 0, wastedWork: 1, refuseAboveWait: 5 } },
      { clients: 'closed-clients', perCell: false, params: { clients: 5000, requestInterval: 5, retryInterval: 1, leaveOnTimeout: 0, capacity: 1000, timeout: 0.5, loadShedding: 0, wastedWork: 1, refuseAboveWait: 5 } },
    ],
    1,
  );
  const cases = [
    { name: 'retry-storm', c: retryStormComposition, params: { capacity: 1000, load: 700, timeout: 0.5, maxAttempts: 3 }, effects: stormEffects },
    { name: 'open and closed clients', c: mixed, params: {}, effects: [{ t: 10, action: 'scale0.trigger', with: { capacityFactor: 0.5, forMinutes: 15 } }, { t: 12, action: 'scale1.trigger', with: { capacityFactor: 0.4, forMinutes: 10 } }] },
  ];

  for (const { name, c, params, effects } of cases) {
    it(`${name}: the same bands on 2 workers, on 1 and in-process, batched or seed by seed`, async () => {
      const dist = (await import(path.join(root, 'dist/model/monte-carlo.js'))) as typeof import('../../../src/model/monte-carlo.js');
      const distCompose = (await import(path.join(root, 'dist/model/compose/compile-composition.js'))) as typeof import('../../../src/model/compose/compile-composition.js');
      const distTypes = (await import(path.join(root, 'dist/model/compose/component-types.js'))) as typeof import('../../../src/model/compose/component-types.js');
      const distKind = distCompose.compileComposition(c, distTypes.componentTypes);
      const kind = compile(c);
      expect(kind.startSeeds === undefined).toBe(c === mixed);
      const plan = planOf(kind, params, effects as Effects, 90);
      const options = { seeds: 30, firstSeed: 5 };
      const runs = [
        await dist.runMonteCarlo(distKind, plan, { ...options, workers: 2 }),
        await dist.runMonteCarlo(distKind, plan, { ...options, workers: 2, batch: false }),
        await dist.runMonteCarlo(distKind, plan, { ...options, workers: 1 }),
        await runMonteCarlo(kind, plan, { ...options, workers: 1, batch: false }),
      ];
      expect(runs[0]!.executedBy).toEqual({ mode: 'workers', workers: 2 });
      expect(runs[3]!.executedBy).toEqual({ mode: 'in-thread' });
      const bytes = (r: (typeof runs)[number]) => r.quantiles.flatMap(({ series }) => Object.values(series).map((v) => Buffer.from(v.buffer).toString('base64')));
      for (const r of runs.slice(1)) expect(bytes(r)).toEqual(bytes(runs[0]!));
      // Bands, not one curve: the seeds differ somewhere.
      expect(Object.values(runs[0]!.bands).some((b) => b.p90.some((v, i) => v > b.p10[i]!))).toBe(true);
    });
  }
});
