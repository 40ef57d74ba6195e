// Monte Carlo in lockstep, checked against the matrix implementation it replaced (kept in
// test/support/monte-carlo-matrix.ts): both run every seed through the same runReplay steps
// on the same random streams and take exact type-7 quantiles, so the bands must agree to the
// bit, not only within sampling error. Any split of the seeds between workers, and any chunk
// of steps, must give those same bytes.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { quantilesByBins, quantilesInPlace } from '../../src/model/monte-carlo-quantiles.js';
import { advanceSeeds, reduceRows, startSeeds, type Chunk, type Reduced } from '../../src/model/monte-carlo-lockstep.js';
import { chunkStepsFor, quantileList, runMonteCarlo } from '../../src/model/monte-carlo.js';
import { sampleCount } from '../../src/model/engine.js';
import { retryStorm } from '../../src/model/kinds/retry-storm.js';
import { planFor } from '../support/kind-properties.js';
import { percentileRange, runSeedRange, type Percentiles, type SampleMatrix } from '../support/monte-carlo-matrix.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.resolve(here, '../../dist/cli/bin.js');
const fixture = path.resolve(here, '../replay/fixtures/retry-storm.yaml');

/** Type-7 quantile by sorting: the reference. */
function reference(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return lo + 1 < s.length && h > lo ? s[lo]! + (h - lo) * (s[lo + 1]! - s[lo]!) : s[lo]!;
}

/** A metastable storm: half the capacity lost for 15 minutes, immediate retries, capacity added at minute 150. */
const storm = (minutes: number) =>
  planFor(
    retryStorm,
    { capacity: 1000, load: 700, timeout: 0.5, maxAttempts: 3 },
    [
      { t: 10, eventIndex: 0, effect: { action: 'trigger', with: { capacityFactor: 0.5, forMinutes: 15 } } },
      { t: 150, eventIndex: 1, effect: { action: 'add-capacity', with: { amount: 1500, overMinutes: 10 } } },
    ],
    minutes,
  );

/** The old way: every sample in a matrix, then percentiles step by step. */
function matrixBands(plan: ReturnType<typeof storm>, seeds: number, firstSeed: number): Record<string, Percentiles> {
  const length = sampleCount(plan);
  const matrix: SampleMatrix = {};
  const out: Record<string, Percentiles> = {};
  for (const name of Object.keys(retryStorm.series)) {
    matrix[name] = new Float64Array(length * seeds);
    out[name] = { p10: new Float64Array(length), p50: new Float64Array(length), p90: new Float64Array(length) };
  }
  runSeedRange(retryStorm, plan, matrix, seeds, firstSeed, 0, seeds);
  percentileRange(matrix, out, seeds, 0, length);
  return out;
}

describe('quantilesInPlace', () => {
  it('gives the type-7 quantiles of sorting, for any list of quantiles, ties included', () => {
    const out = new Float64Array(3);
    quantilesInPlace(Float64Array.from([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]), 10, [0.1, 0.5, 0.9], out, new Int32Array(6));
    expect(Array.from(out).map((x) => Math.round(x * 1e9) / 1e9)).toEqual([1.9, 5.5, 9.1]);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 80 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (xs, qs) => {
          const o = new Float64Array(qs.length);
          quantilesInPlace(Float64Array.from(xs), xs.length, qs, o, new Int32Array(2 * qs.length));
          qs.forEach((q, i) => expect(o[i]).toBeCloseTo(reference(xs, q), 9));
        },
      ),
    );
  });
});

describe('quantilesByBins', () => {
  const range = (xs: Float64Array) => [Math.min(...xs), Math.max(...xs)] as const;
  it('gives the order statistics of quantilesInPlace (0 and −0 alike): ties, skewed and spread values, any quantiles, bounded or not', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 64, maxLength: 400 }),
          fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 64, maxLength: 400 }),
          fc.array(fc.double({ min: 0, max: 12, noNaN: true }).map(Math.exp), { minLength: 64, maxLength: 400 }),
        ),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (xs, qs) => {
          const values = Float64Array.from(xs);
          const [min, max] = range(values);
          fc.pre(max > min);
          const expected = new Float64Array(qs.length);
          quantilesInPlace(values.slice(), values.length, qs, expected, new Int32Array(2 * qs.length));
          const got = new Float64Array(qs.length);
          expect(quantilesByBins(values.slice(), values.length, min, max, qs, got)).toBe(true);
          qs.forEach((_, i) => expect(Object.is(got[i], expected[i]) || got[i] === expected[i]).toBe(true));
          // Bounded by the least and the greatest value: counted without the clamp, four lanes.
          const bounded = new Float64Array(qs.length);
          expect(quantilesByBins(values, values.length, min, max, qs, bounded, true)).toBe(true);
          qs.forEach((_, i) => expect(Object.is(bounded[i], expected[i]) || bounded[i] === expected[i]).toBe(true));
        },
      ),
    );
  });

  it('gives the same order statistics over any range, values outside it included (a guess from the step before)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 64, maxLength: 300 }),
        fc.double({ min: -2e6, max: 2e6, noNaN: true }),
        fc.double({ min: 1e-9, max: 3e6, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (xs, lo, width, qs) => {
          const values = Float64Array.from(xs);
          const expected = new Float64Array(qs.length);
          quantilesInPlace(values.slice(), values.length, qs, expected, new Int32Array(2 * qs.length));
          const got = new Float64Array(qs.length);
          fc.pre(quantilesByBins(values, values.length, lo, lo + width, qs, got));
          qs.forEach((_, i) => expect(Object.is(got[i], expected[i]) || got[i] === expected[i]).toBe(true));
        },
      ),
    );
    // Far outside every value: still exact, every value in the first or the last bin.
    const values = Float64Array.from({ length: 100 }, (_, i) => (i * 37) % 101);
    const got = new Float64Array(1);
    expect(quantilesByBins(values.slice(), 100, 1e300, 2e300, [0.5], got)).toBe(true);
    const expected = new Float64Array(1);
    quantilesInPlace(values.slice(), 100, [0.5], expected, new Int32Array(2));
    expect(got[0]).toBe(expected[0]);
    // A NaN is left to the caller (the step has no quantile).
    values[50] = Number.NaN;
    expect(quantilesByBins(values, 100, 0, 100, [0.5], got)).toBe(false);
  });

  it('leaves it to selection when the values have no finite width to divide, or are few', () => {
    const out = new Float64Array(1);
    expect(quantilesByBins(new Float64Array(100).fill(2), 100, 2, 2, [0.5], out)).toBe(false);
    const wide = Float64Array.from({ length: 100 }, (_, i) => (i === 0 ? -Infinity : i));
    expect(quantilesByBins(wide, 100, -Infinity, 99, [0.5], out)).toBe(false);
    expect(quantilesByBins(Float64Array.from({ length: 10 }, (_, i) => i), 10, 0, 9, [0.5], out)).toBe(false);
  });
});

describe('Monte Carlo in lockstep', () => {
  it('gives the bands of the matrix implementation, to the bit (several chunks of steps)', async () => {
    const plan = storm(300);
    const seeds = 150;
    expect(chunkStepsFor(sampleCount(plan), seeds, Object.keys(retryStorm.series).length)).toBeLessThan(sampleCount(plan));
    const old = matrixBands(plan, seeds, 11);
    const mc = await runMonteCarlo(retryStorm, plan, { seeds, firstSeed: 11, workers: 1 });
    for (const name of Object.keys(retryStorm.series)) {
      expect(mc.median.series[name]).toEqual(old[name]!.p50);
      expect(mc.bands[name]!.p10).toEqual(old[name]!.p10);
      expect(mc.bands[name]!.p90).toEqual(old[name]!.p90);
    }
    // Not a flat line: the seeds differ, so the check above compares bands, not one curve.
    const q = mc.bands.queue!;
    expect(q.p90.some((v, i) => v > q.p10[i]!)).toBe(true);
  });

  it('gives the same bytes however the seeds and the rows are split (as between workers), and for any chunk of steps', () => {
    const plan = storm(120);
    const seeds = 37;
    const length = sampleCount(plan);
    const names = Object.keys(retryStorm.series);
    const qs = quantileList([0.25, 0.99]);
    const run = (splits: number[], chunkSteps: number, strided = false): Float64Array[] => {
      const chunk: Chunk = { columns: names.map(() => new Float64Array(chunkSteps * seeds)), seeds, steps: chunkSteps };
      const reduced: Reduced = { qs, out: Array.from({ length: names.length * qs.length }, () => new Float64Array(length)) };
      const bounds = [0, ...splits, seeds];
      const parts = bounds.slice(1).map((to, i) => ({ from: bounds[i]!, cursors: startSeeds(retryStorm, plan, 5, bounds[i]!, to) }));
      for (let fromStep = 0; fromStep < length; fromStep += chunkSteps) {
        const toStep = Math.min(length, fromStep + chunkSteps);
        for (const p of parts) advanceSeeds(p.cursors, p.from, chunk, toStep);
        const rows = names.length * chunkSteps;
        // Rows reduced in three parts, as three threads would: uneven ranges, or every third row.
        if (strided) for (let part = 0; part < 3; part++) reduceRows(chunk, reduced, fromStep, toStep, part, rows, 3);
        else for (const [a, b] of [[0, 5], [5, Math.floor(rows / 2)], [Math.floor(rows / 2), rows]] as const) reduceRows(chunk, reduced, fromStep, toStep, a, b);
      }
      return reduced.out;
    };
    const one = run([], 128);
    expect(run([10, 11, 30], 7)).toEqual(one);
    expect(run([18], 1)).toEqual(one);
    expect(run([10, 11, 30], 7, true)).toEqual(one);
  });

  it('computes the quantiles asked for, and refuses one outside [0, 1]', async () => {
    const plan = storm(40);
    const mc = await runMonteCarlo(retryStorm, plan, { seeds: 21, quantiles: [0.99, 0.25], workers: 1 });
    expect(mc.quantiles.map((x) => x.q)).toEqual([0.1, 0.25, 0.5, 0.9, 0.99]);
    const at = (q: number) => mc.quantiles.find((x) => x.q === q)!.series.attempts!;
    for (let i = 0; i < mc.median.length; i++) {
      expect(at(0.25)[i]).toBeGreaterThanOrEqual(at(0.1)[i]!);
      expect(at(0.99)[i]).toBeGreaterThanOrEqual(at(0.9)[i]!);
    }
    await expect(runMonteCarlo(retryStorm, plan, { seeds: 3, quantiles: [1.5], workers: 1 })).rejects.toThrow('a quantile must lie in [0, 1]');
  });

  it('gives the same bytes on 1, 2 and 3 worker threads (built binary; `npm test` builds first)', () => {
    const run = (workers: number) =>
      execFileSync(process.execPath, [bin, 'simulate', fixture, '--scenario', 'backoff', '--seeds', '24', '--workers', String(workers), '--json'], { encoding: 'utf8' });
    const one = run(1);
    expect(run(2)).toBe(one);
    expect(run(3)).toBe(one);
  });
});

describe('reduceRows with the ranges the seeds recorded (Chunk.extents)', () => {
  it('gives the bytes of the scan for their least and greatest values: equal rows (0 and −0), NaN, spread rows, parts without seeds', () => {
    const seeds = 80;
    const rows: number[][] = [
      Array.from({ length: seeds }, (_, r) => (r % 3 === 0 ? -0 : 0)),
      Array.from({ length: seeds }, (_, r) => (r % 3 === 1 ? -0 : 0)),
      Array.from({ length: seeds }, (_, r) => (r === 41 ? Number.NaN : r)),
      Array.from({ length: seeds }, (_, r) => Math.sin(r) * 1e3),
      Array.from({ length: seeds }, (_, r) => (r === 7 ? Number.POSITIVE_INFINITY : r % 5)),
      Array.from({ length: seeds }, () => 4.25),
    ];
    const qs = quantileList([0.01, 0.99]);
    const reduce = (parts: number[] | undefined): Float64Array[] => {
      const chunk: Chunk = { columns: [Float64Array.from(rows.flat())], seeds, steps: rows.length };
      if (parts) {
        // Seeds split at `parts`, each part's range as the recorder folds it.
        const bounds = [0, ...parts, seeds];
        const p = bounds.length - 1;
        const lo = new Float64Array(rows.length * p);
        const hi = new Float64Array(rows.length * p);
        rows.forEach((row, s) =>
          bounds.slice(1).forEach((to, part) => {
            const values = row.slice(bounds[part]!, to);
            lo[part * rows.length + s] = values.some(Number.isNaN) ? Number.NaN : Math.min(Infinity, ...values);
            hi[part * rows.length + s] = values.some(Number.isNaN) ? Number.NaN : Math.max(-Infinity, ...values);
          }),
        );
        chunk.extents = { lo: [lo], hi: [hi], parts: p };
      }
      const reduced: Reduced = { qs, out: Array.from({ length: qs.length }, () => new Float64Array(rows.length)) };
      reduceRows(chunk, reduced, 0, rows.length, 0, rows.length);
      return reduced.out;
    };
    const scanned = reduce(undefined);
    expect(Object.is(scanned[0]![0], -0)).toBe(true);
    expect(Object.is(scanned[0]![1], 0)).toBe(true);
    expect(scanned[0]![2]).toBeNaN();
    const bytes = (out: Float64Array[]) => out.map((a) => Buffer.from(a.buffer).toString('hex'));
    for (const parts of [[], [40], [0, 30, 30, 79]]) expect(bytes(reduce(parts))).toEqual(bytes(scanned));
  });
});
