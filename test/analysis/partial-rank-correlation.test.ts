import { describe, it, expect } from 'vitest';
import { partialRankCorrelation, ranks } from '../../src/analysis/partial-rank-correlation.js';

describe('ranks', () => {
  it('gives tied values their mean rank', () => {
    expect(ranks([10, 30, 20, 30])).toEqual([1, 3.5, 2, 3.5]);
  });
});

describe('partialRankCorrelation', () => {
  it('is Spearman’s coefficient with one input: 1 − 6·Σd² / (n(n² − 1)) = 1 − 24/120', () => {
    const [r] = partialRankCorrelation([[1], [2], [3], [4], [5]], [2, 1, 4, 3, 5]);
    expect(r).toBeCloseTo(0.8, 12);
  });

  it('matches the partial correlation formula by hand for two inputs', () => {
    // Spearman: r(x1,x2) = 0.8, r(x1,y) = 0.8, r(x2,y) = 0.7 (Σd² = 4, 4, 6 over n = 5).
    // r(x1,y | x2) = (0.8 − 0.8·0.7) / √((1 − 0.64)(1 − 0.49)) = 0.24 / √0.1836
    // r(x2,y | x1) = (0.7 − 0.8·0.8) / √((1 − 0.64)(1 − 0.64)) = 0.06 / 0.36
    const x1 = [1, 2, 3, 4, 5];
    const x2 = [1, 3, 2, 5, 4];
    const y = [2, 1, 3, 5, 4];
    const inputs = x1.map((v, i) => [v * 10, Math.exp(x2[i]!)]); // monotone transforms keep the ranks
    const [p1, p2] = partialRankCorrelation(inputs, y);
    expect(p1).toBeCloseTo(0.24 / Math.sqrt(0.1836), 12);
    expect(p2).toBeCloseTo(0.06 / 0.36, 12);
  });

  it('is null where it is not defined: a constant output, too few samples', () => {
    expect(partialRankCorrelation([[1, 2], [2, 1], [3, 3], [4, 5], [5, 4]], [1, 1, 1, 1, 1])).toEqual([null, null]);
    expect(partialRankCorrelation([[1, 2], [2, 1], [3, 3], [4, 4]], [1, 2, 3, 4])).toEqual([null, null]);
  });

  it('is null for a constant input and still measures the others', () => {
    const [a, b] = partialRankCorrelation([[1, 7], [2, 7], [3, 7], [4, 7], [5, 7]], [2, 1, 4, 3, 5]);
    expect(a).toBeCloseTo(0.8, 12);
    expect(b).toBeNull();
  });

  it('gives ±1 to an input whose ranks decide the output alone, null to the others', () => {
    const inputs = [[1, 3], [2, 5], [3, 1], [4, 4], [5, 2]];
    expect(partialRankCorrelation(inputs, [50, 40, 30, 20, 10])).toEqual([-1, null]);
    expect(partialRankCorrelation(inputs, [3, 5, 1, 4, 2].map((x) => x * x))).toEqual([null, 1]);
  });
});
