import { describe, it, expect } from 'vitest';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { binomial, createRandomSource, logFactorial, poisson, poissonInto, PoissonTable, streamSeed, tableAfter, withPoissonMemory } from '../../src/model/random.js';

function draws(seed: number, name: string, n: number): number[] {
  const r = createRandomSource(seed);
  return Array.from({ length: n }, () => r.uniform(name));
}

function moments(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { mean, variance };
}

describe('createRandomSource', () => {
  it('gives the same stream for the same seed and name', () => {
    expect(draws(42, 'arrivals', 50)).toEqual(draws(42, 'arrivals', 50));
  });

  it('gives different streams for different seeds and different names', () => {
    expect(draws(42, 'arrivals', 5)).not.toEqual(draws(43, 'arrivals', 5));
    expect(draws(42, 'arrivals', 5)).not.toEqual(draws(42, 'crashes', 5));
  });

  it('keeps streams independent: drawing from one never shifts another', () => {
    const a = createRandomSource(7);
    const b = createRandomSource(7);
    for (let i = 0; i < 100; i++) a.uniform('noise');
    a.poisson('noise', 50);
    expect(Array.from({ length: 20 }, () => a.uniform('arrivals'))).toEqual(
      Array.from({ length: 20 }, () => b.uniform('arrivals')),
    );
  });

  it('does not map (seed, name) pairs onto one generator by a plain XOR', () => {
    // Under seed ^ hash(name), seed s with name a and seed s ^ hash(a) ^ hash(b) with name b coincide.
    const seeds = new Set<number>();
    for (let s = 0; s < 200; s++) for (const n of ['a', 'b', 'c', 'arrivals', 'crashes']) seeds.add(streamSeed(s, n));
    expect(seeds.size).toBe(1000);
  });

  it('draws uniforms in [0, 1) with mean ½ and variance 1/12', () => {
    const xs = draws(1, 'u', 20_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const m = moments(xs);
    expect(m.mean).toBeCloseTo(0.5, 2);
    expect(m.variance).toBeCloseTo(1 / 12, 2);
  });
});

describe('binomial', () => {
  const sample = (n: number, p: number, count = 20_000) => {
    const g = xoroshiro128plus(12345);
    return Array.from({ length: count }, () => binomial(g, n, p));
  };

  it('handles the edges exactly', () => {
    const g = xoroshiro128plus(1);
    expect(binomial(g, 0, 0.5)).toBe(0);
    expect(binomial(g, 10, 0)).toBe(0);
    expect(binomial(g, 10, 1)).toBe(10);
    expect(binomial(g, -3, 0.5)).toBe(0);
    expect(binomial(g, 10, Number.NaN)).toBe(0);
    // Fractional trial counts are floored: 2.9 trials of certainty is 2 successes.
    expect(binomial(g, 2.9, 1)).toBe(2);
  });

  // Each regime of the algorithm, including those the old normal approximation got wrong:
  // many trials of a rare event (n = 10,000, p = 0.0001: mean 1, heavily skewed).
  it.each([
    ['inversion, few trials', 20, 0.3],
    ['inversion, many trials of a rare event', 10_000, 0.0001],
    ['inversion, mirrored for p > ½', 40, 0.9],
    ['BTPE, mode near 50', 200, 0.25],
    ['BTPE, large', 1_000_000, 0.4],
    ['BTPE, mirrored for p > ½', 5_000, 0.7],
  ])('%s: n=%d p=%d has mean np and variance np(1−p), all draws in [0, n]', (_, n, p) => {
    const xs = sample(n, p);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x <= n)).toBe(true);
    const m = moments(xs);
    const mean = n * p;
    const variance = n * p * (1 - p);
    // 20,000 draws: the sample mean is within 5 standard errors, the variance within 5%.
    expect(Math.abs(m.mean - mean)).toBeLessThan(5 * Math.sqrt(variance / xs.length));
    expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.05);
  });

  it('gives P(X = 0) = (1−p)^n for a rare event, which a normal approximation cannot', () => {
    const xs = sample(10_000, 0.0001, 40_000);
    const zeros = xs.filter((x) => x === 0).length / xs.length;
    expect(zeros).toBeCloseTo((1 - 0.0001) ** 10_000, 2); // e^-1 ≈ 0.368
  });
});

describe('poisson', () => {
  it.each([0.5, 4, 9.9, 10, 75, 5000])('mean %d: mean and variance both λ', (lambda) => {
    const g = xoroshiro128plus(99);
    const xs = Array.from({ length: 20_000 }, () => poisson(g, lambda));
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    const m = moments(xs);
    expect(Math.abs(m.mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / xs.length));
    expect(Math.abs(m.variance / lambda - 1)).toBeLessThan(0.05);
  });

  it('is 0 for a mean of 0 or below', () => {
    const g = xoroshiro128plus(1);
    expect(poisson(g, 0)).toBe(0);
    expect(poisson(g, -1)).toBe(0);
  });

  it('poissonInto gives the draws of one call per generator, to the bit, whatever mean came before', () => {
    const n = 300;
    // Means alternate between the two methods and change between batches, so the batch's
    // constants must be those of its own mean, not of the batch before.
    for (const [i, mean] of [700, 700, 3.5, 12, 0, 700, 5000, 10, 9.99].entries()) {
      const seeds = Array.from({ length: n }, (_, r) => streamSeed(r + 1, `a${i}`));
      const expected = Float64Array.from(seeds, (seed) => {
        const g = xoroshiro128plus(seed);
        poisson(g, 1.5); // a draw of another mean first, as another component's would be
        return poisson(g, mean) + poisson(g, mean);
      });
      const gens = seeds.map((seed) => xoroshiro128plus(seed));
      const out = new Float64Array(n);
      const got = new Float64Array(n);
      gens.forEach((g) => poisson(g, 1.5));
      poissonInto(gens, mean, out, n);
      got.set(out);
      poissonInto(gens, mean, out, n);
      for (let r = 0; r < n; r++) got[r] = got[r]! + out[r]!;
      expect(got).toEqual(expected);
    }
    expect(() => poissonInto([], 700, new Float64Array(0), 0)).not.toThrow();
  });
});

describe('poisson by inversion of a tabulated distribution function', () => {
  /** Pearson's χ² of counts against the exact probabilities, cells merged up to 20 expected. */
  function chiSquare(xs: readonly number[], lambda: number): { chi2: number; dof: number } {
    const counts = new Map<number, number>();
    for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
    let chi2 = 0;
    let dof = -1;
    let expected = 0;
    let observed = 0;
    const spread = 14 * Math.sqrt(lambda) + 40;
    for (let k = Math.max(0, Math.floor(lambda - spread)); k <= lambda + spread; k++) {
      expected += Math.exp(-lambda + k * Math.log(lambda) - logFactorial(k)) * xs.length;
      observed += counts.get(k) ?? 0;
      if (expected >= 20) {
        chi2 += (observed - expected) ** 2 / expected;
        dof++;
        expected = 0;
        observed = 0;
      }
    }
    return { chi2, dof };
  }

  it.each([10, 37.5, 700, 123_456.7])('mean %d: a stream repeating its mean draws the Poisson distribution (χ² test)', (lambda) => {
    const g = withPoissonMemory(xoroshiro128plus(7));
    const xs = Array.from({ length: 200_000 }, () => poisson(g, lambda));
    const { chi2, dof } = chiSquare(xs, lambda);
    // χ² of `dof` degrees of freedom: mean dof, standard deviation √(2·dof); 5 deviations out.
    expect(chi2).toBeLessThan(dof + 5 * Math.sqrt(2 * dof));
    expect(chi2).toBeGreaterThan(dof - 5 * Math.sqrt(2 * dof));
  });

  it('fails the same test for a distribution that is slightly off', () => {
    // The test above can fail: the same draws read as Poisson(701), a mean off by 1/26 of a
    // standard deviation, are rejected.
    const g = withPoissonMemory(xoroshiro128plus(7));
    const xs = Array.from({ length: 200_000 }, () => poisson(g, 700));
    const { chi2, dof } = chiSquare(xs, 701);
    expect(chi2).toBeGreaterThan(dof + 5 * Math.sqrt(2 * dof));
  });

  it('switches after `tableAfter(mean)` draws in a row with one mean, and back at a new mean', () => {
    const mean = 700;
    const after = tableAfter(mean);
    const table = new PoissonTable(mean);
    const g = withPoissonMemory(xoroshiro128plus(11));
    for (let i = 0; i < after; i++) poisson(g, mean);
    // From the next draw on, one uniform against the table.
    for (let i = 0; i < 50; i++) {
      const twin = g.clone();
      expect(poisson(g, mean)).toBe(table.invert(uniformFloat64(twin)));
      expect(g.getState()).toEqual(twin.getState());
    }
    // Another mean starts the count again: PTRS draws two uniforms at least.
    const twin = g.clone();
    poisson(g, 701);
    uniformFloat64(twin);
    expect(g.getState()).not.toEqual(twin.getState());
  });

  it('keeps the whole distribution in its table and inverts every uniform inside it', () => {
    for (const mean of [10, 11.25, 700, 1e6]) {
      const table = new PoissonTable(mean);
      expect(table.cdf[table.cdf.length - 1]).toBe(1);
      for (let i = 1; i < table.cdf.length; i++) expect(table.cdf[i]!).toBeGreaterThanOrEqual(table.cdf[i - 1]!);
      expect(table.invert(0)).toBeGreaterThanOrEqual(table.lo);
      expect(table.invert(1 - 2 ** -53)).toBeLessThan(table.lo + table.cdf.length);
      expect(Math.abs(table.invert(0.5) - mean)).toBeLessThan(1);
    }
    expect(tableAfter(2e6)).toBe(Number.POSITIVE_INFINITY);
  });

  it('poissonInto gives the draws of one call per generator over hundreds of steps, means changing', () => {
    const n = 64;
    const means = [...Array(400).fill(700), 3.5, ...Array(300).fill(700), ...Array(200).fill(12), 0, ...Array(250).fill(5000)];
    const seeds = Array.from({ length: n }, (_, r) => streamSeed(r + 1, 'arrivals'));
    const alone = seeds.map((seed) => withPoissonMemory(xoroshiro128plus(seed)));
    const batch = seeds.map((seed) => withPoissonMemory(xoroshiro128plus(seed)));
    const out = new Float64Array(n);
    for (const mean of means) {
      poissonInto(batch, mean, out, n);
      expect(Array.from(out)).toEqual(alone.map((g) => poisson(g, mean)));
    }
  });
});

describe('logFactorial', () => {
  it('matches the sum of logs below and above the table', () => {
    let sum = 0;
    for (let k = 1; k <= 300; k++) {
      sum += Math.log(k);
      expect(Math.abs(logFactorial(k) - sum)).toBeLessThan(1e-9 * Math.max(1, sum));
    }
    expect(logFactorial(0)).toBe(0);
  });
});
