// The Monte Carlo reduction: exact percentiles (type 7, as R and NumPy compute them) whichever
// path computes them, and runs written where they belong in the matrix.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { deciles, quantileInPlace } from '../../src/model/monte-carlo-quantiles.js';
import { percentileRange, runSeedRange } from '../support/monte-carlo-matrix.js';
import { runReplay } from '../../src/model/engine.js';
import { createRandomSource } from '../../src/model/random.js';
import { retryStorm } from '../../src/model/kinds/retry-storm.js';
import { planFor } from '../support/kind-properties.js';

/** Type-7 quantile by sorting: the reference. */
function reference(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo]! + (h - lo) * (s[lo + 1]! - s[lo]!) : s[lo]!;
}

describe('percentiles', () => {
  it('quantileInPlace and deciles match sorting, on hand-picked and random data', () => {
    expect(quantileInPlace(Float64Array.from([5, 1, 4, 2, 3]), 0, 5, 0.5)).toBe(3);
    // n = 10: h = 0.9 for p10 → 1 + 0.9·(2 − 1) = 1.9; p50 h = 4.5 → 5.5; p90 h = 8.1 → 9.1.
    const out = new Float64Array(3);
    deciles(Float64Array.from([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]), 10, out);
    expect(Array.from(out).map((x) => Math.round(x * 1e9) / 1e9)).toEqual([1.9, 5.5, 9.1]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 60 }), (xs) => {
        const o = new Float64Array(3);
        deciles(Float64Array.from(xs), xs.length, o);
        expect(o[0]).toBeCloseTo(reference(xs, 0.1), 9);
        expect(o[1]).toBeCloseTo(reference(xs, 0.5), 9);
        expect(o[2]).toBeCloseTo(reference(xs, 0.9), 9);
      }),
    );
  });

  it('percentileRange gives the same answer by insertion (ranks kept) and by selection (ranks churn)', () => {
    const seeds = 50;
    const steps = 40;
    // `steady`: each run's rank never changes; `churn`: a fresh random value every step.
    const rng = createRandomSource(3);
    const steady = new Float64Array(steps * seeds);
    const churn = new Float64Array(steps * seeds);
    const offsets = Array.from({ length: seeds }, () => rng.uniform('o'));
    for (let t = 0; t < steps; t++) {
      for (let r = 0; r < seeds; r++) {
        steady[t * seeds + r] = offsets[r]! * 10 + t;
        churn[t * seeds + r] = rng.uniform('c');
      }
    }
    const out = {
      steady: { p10: new Float64Array(steps), p50: new Float64Array(steps), p90: new Float64Array(steps) },
      churn: { p10: new Float64Array(steps), p50: new Float64Array(steps), p90: new Float64Array(steps) },
    };
    percentileRange({ steady, churn }, out, seeds, 0, steps);
    for (const name of ['steady', 'churn'] as const) {
      const m = name === 'steady' ? steady : churn;
      for (let t = 0; t < steps; t++) {
        const values = Array.from(m.subarray(t * seeds, (t + 1) * seeds));
        expect(out[name].p10[t]).toBeCloseTo(reference(values, 0.1), 12);
        expect(out[name].p50[t]).toBeCloseTo(reference(values, 0.5), 12);
        expect(out[name].p90[t]).toBeCloseTo(reference(values, 0.9), 12);
      }
    }
  });

  it('runSeedRange puts run r of step s at s·seeds + r, for ranges that are not whole blocks', () => {
    const plan = planFor(retryStorm, { capacity: 1000, load: 700, timeout: 0.5 }, [], 20);
    const seeds = 70;
    const matrix: Record<string, Float64Array> = {};
    for (const name of Object.keys(retryStorm.series)) matrix[name] = new Float64Array(21 * seeds);
    runSeedRange(retryStorm, plan, matrix, seeds, 100, 0, 33);
    runSeedRange(retryStorm, plan, matrix, seeds, 100, 33, 70);
    for (const r of [0, 31, 32, 33, 69]) {
      const alone = runReplay(retryStorm, plan, { random: createRandomSource(100 + r) }).series.attempts!;
      for (let s = 0; s <= 20; s++) expect(matrix.attempts![s * seeds + r]).toBe(alone[s]);
    }
  });
});
