// The threads of a Monte Carlo run coordinate through shared counters (monte-carlo-pipeline.ts).
// Parts run here as concurrent async tasks of one thread (`waitAsync` yields), so any schedule
// the counters allow can happen: the bytes must be those of one part doing everything, and a
// part that fails must stop the others instead of leaving them waiting.
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleCount } from '../../src/model/engine.js';
import { advanceSeeds, reduceRows, startSeeds, type Chunk, type Reduced, type SeedRange } from '../../src/model/monte-carlo-lockstep.js';
import { quantileList } from '../../src/model/monte-carlo.js';
import { abortPipeline, controlSize, PipelineAborted, runPipelinePart, waitAsync, type Pipeline } from '../../src/model/monte-carlo-pipeline.js';
import { retryStorm } from '../../src/model/kinds/retry-storm.js';
import { planFor } from '../support/kind-properties.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const storm = (minutes: number, effects: { t: number; action: string; with?: Record<string, number> }[] = []) =>
  planFor(
    retryStorm,
    { capacity: 1000, load: 700, timeout: 0.5, maxAttempts: 3 },
    [{ t: 10, action: 'trigger', with: { capacityFactor: 0.5, forMinutes: 15 } }, ...effects].map((e, i) => ({
      t: e.t,
      eventIndex: i,
      effect: { action: e.action, ...(e.with ? { with: e.with } : {}) },
    })),
    minutes,
  );

const names = Object.keys(retryStorm.series);
const qs = quantileList([0.25]);
const shared = (size: number) => new Float64Array(new SharedArrayBuffer(size * 8));

function pipelineFor(plan: ReturnType<typeof storm>, seeds: number, steps: number, threads: number, extents = true): Pipeline {
  const length = sampleCount(plan);
  const chunk = (): Chunk => ({
    columns: names.map(() => shared(steps * seeds)),
    seeds,
    steps,
    // Stale ranges left by an earlier run must not matter: every part writes its own (a NaN
    // left over would make every quantile NaN).
    ...(extents ? { extents: { lo: names.map(() => shared(steps * threads).fill(Number.NaN)), hi: names.map(() => shared(steps * threads).fill(Number.NaN)), parts: threads } } : {}),
  });
  const reduced: Reduced = { qs, out: Array.from({ length: names.length * qs.length }, () => shared(length)) };
  const control = new Int32Array(new SharedArrayBuffer(4 * controlSize(length, steps)));
  return { chunks: [chunk(), chunk()], reduced, series: names.length, length, threads, control };
}

/** The reference: one range, one buffer, every row reduced in order. */
function inOrder(plan: ReturnType<typeof storm>, seeds: number, steps: number): Float64Array[] {
  const length = sampleCount(plan);
  const chunk: Chunk = { columns: names.map(() => new Float64Array(steps * seeds)), seeds, steps };
  const reduced: Reduced = { qs, out: Array.from({ length: names.length * qs.length }, () => new Float64Array(length)) };
  const range = startSeeds(retryStorm, plan, 3, 0, seeds);
  for (let from = 0; from < length; from += steps) {
    const to = Math.min(length, from + steps);
    advanceSeeds(range, 0, chunk, to);
    reduceRows(chunk, reduced, from, to, 0, names.length * steps);
  }
  return reduced.out;
}

describe('runPipelinePart', () => {
  it('gives the bytes of one thread doing everything, for any split of the seeds and any chunk of steps, with ranges recorded or not', async () => {
    const plan = storm(100);
    const seeds = 41;
    const reference = inOrder(plan, seeds, 100);
    const cases = [
      [[20], 7, true, true],
      [[5, 6, 30], 13, true, true],
      [[13, 27], 1, true, false],
      [[], 200, false, true],
      // A part without seeds (more threads than seeds do this).
      [[20, 20], 9, true, true],
      [[0], 9, false, true],
      [[0, 41], 9, true, false],
    ] as const;
    for (const [splits, steps, extents, batch] of cases) {
      const bounds = [0, ...splits, seeds];
      const p = pipelineFor(plan, seeds, steps, bounds.length - 1, extents);
      const reducedByPart: number[] = [];
      await Promise.all(
        bounds.slice(1).map((to, i) => {
          const from = bounds[i]!;
          const range = startSeeds(retryStorm, plan, 3, from, to, { batch });
          return runPipelinePart(p, range, from, i, waitAsync, () => (reducedByPart[i] = (reducedByPart[i] ?? 0) + 1));
        }),
      );
      expect(p.reduced.out.map((a) => Array.from(a))).toEqual(reference.map((a) => Array.from(a)));
      // Every part saw every chunk through, each once.
      expect(reducedByPart).toEqual(bounds.slice(1).map(() => Math.ceil(sampleCount(plan) / steps)));
    }
  });

  it('stops every part when one fails, with that part’s error and PipelineAborted in the others', async () => {
    const plan = storm(100);
    const seeds = 30;
    const p = pipelineFor(plan, seeds, 9, 3);
    const failing = (range: SeedRange): SeedRange => ({
      advance(at, chunk, toStep) {
        if (toStep > 40) throw new Error('boom');
        range.advance(at, chunk, toStep);
      },
    });
    const results = await Promise.allSettled([
      runPipelinePart(p, startSeeds(retryStorm, plan, 3, 0, 10), 0, 0, waitAsync),
      runPipelinePart(p, failing(startSeeds(retryStorm, plan, 3, 10, 20)), 10, 1, waitAsync).catch((error) => {
        // What the run does with a part that fails (monte-carlo.ts, monte-carlo-worker.ts).
        abortPipeline(p.control);
        throw error;
      }),
      runPipelinePart(p, startSeeds(retryStorm, plan, 3, 20, 30), 20, 2, waitAsync),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    const reasons = results.map((r) => (r as PromiseRejectedResult).reason as Error);
    expect(reasons[1]!.message).toBe('boom');
    expect(reasons[0]).toBeInstanceOf(PipelineAborted);
    expect(reasons[2]).toBeInstanceOf(PipelineAborted);
  });
});

describe('runMonteCarlo on worker threads (built library; `npm test` builds first)', () => {
  it('reports a problem met in the middle of the run, on 2 and 3 threads, instead of waiting forever', async () => {
    const dist = (await import(path.join(root, 'dist/model/monte-carlo.js'))) as typeof import('../../src/model/monte-carlo.js');
    const distStorm = (await import(path.join(root, 'dist/model/kinds/retry-storm.js'))) as typeof import('../../src/model/kinds/retry-storm.js');
    const plan = storm(300, [{ t: 200, action: 'no-such-action' }]);
    for (const workers of [2, 3]) {
      await expect(dist.runMonteCarlo(distStorm.retryStorm, plan, { seeds: 40, workers })).rejects.toThrow('action `no-such-action` at minute 200: the model has no action `no-such-action`');
    }
    // The same in this thread.
    const { runMonteCarlo } = await import('../../src/model/monte-carlo.js');
    await expect(runMonteCarlo(retryStorm, plan, { seeds: 40, workers: 1 })).rejects.toThrow('the model has no action `no-such-action`');
  });
});

describe('workers started before the model is known (built library)', () => {
  it('give the bytes of workers started with their setup, and are stopped when the kind cannot use them', async () => {
    const dist = (await import(path.join(root, 'dist/model/monte-carlo.js'))) as typeof import('../../src/model/monte-carlo.js');
    const distStorm = (await import(path.join(root, 'dist/model/kinds/retry-storm.js'))) as typeof import('../../src/model/kinds/retry-storm.js');
    const plan = storm(400);
    const direct = await dist.runMonteCarlo(distStorm.retryStorm, plan, { seeds: 90, workers: 3, quantiles: [0.25] });
    const started = dist.startMonteCarloWorkers(3)!;
    expect(started.threads).toHaveLength(3);
    const runner = await dist.createMonteCarloRunner(distStorm.retryStorm, { workers: 3, started });
    try {
      for (let round = 0; round < 2; round++) {
        // The calling thread computes nothing: it reports each chunk as the workers reduce it.
        const progress: [number, number][] = [];
        const early = await runner.run(plan, 90, 1, [0.25], (done, steps) => progress.push([done, steps]));
        expect(early.executedBy).toEqual({ mode: 'workers', workers: 3 });
        expect(early.quantiles).toEqual(direct.quantiles);
        const length = early.median.length;
        expect(progress.length).toBe(Math.ceil(length / early.timings.chunkSteps));
        expect(progress.at(-1)).toEqual([length, length]);
        expect(progress.every(([done], i) => i === 0 || done > progress[i - 1]![0])).toBe(true);
        expect(early.timings.runMs).toBeGreaterThan(0);
      }
    } finally {
      await runner.close();
    }
    // A kind only this process knows (no composition a worker could compile) runs in this
    // thread: the started workers are stopped.
    const local = { ...distStorm.retryStorm, id: 'registered-in-process-only', composition: undefined };
    const unused = dist.startMonteCarloWorkers(2)!;
    const exits = unused.threads.map((w) => new Promise((resolve) => w.once('exit', resolve)));
    const inThread = await dist.createMonteCarloRunner(local, { workers: 2, started: unused });
    await Promise.all(exits);
    const result = await inThread.run(plan, 90, 1, [0.25]);
    await inThread.close();
    expect(result.executedBy).toEqual({ mode: 'in-thread' });
    expect(result.quantiles).toEqual(direct.quantiles);
    expect(dist.startMonteCarloWorkers(1)).toBeUndefined();
  });
});
