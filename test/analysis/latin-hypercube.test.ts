import { describe, it, expect } from 'vitest';
import { latinHypercube } from '../../src/analysis/latin-hypercube.js';
import { createRandomSource } from '../../src/model/random.js';

describe('latinHypercube', () => {
  it('puts exactly one sample in each of the N strata of every dimension', () => {
    for (const n of [1, 2, 7, 64]) {
      const points = latinHypercube(n, ['a', 'b', 'c'], createRandomSource(3));
      expect(points).toHaveLength(n);
      for (let d = 0; d < 3; d++) {
        const strata = points.map((p) => Math.floor(p[d]! * n)).sort((x, y) => x - y);
        expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
        for (const p of points) expect(p[d]! >= 0 && p[d]! < 1).toBe(true);
      }
    }
  });

  it('is reproducible by seed, differs between seeds, and keeps a dimension when another is added', () => {
    const one = latinHypercube(16, ['a', 'b'], createRandomSource(1));
    expect(latinHypercube(16, ['a', 'b'], createRandomSource(1))).toEqual(one);
    expect(latinHypercube(16, ['a', 'b'], createRandomSource(2))).not.toEqual(one);
    const more = latinHypercube(16, ['a', 'z', 'b'], createRandomSource(1));
    expect(more.map((p) => [p[0], p[2]])).toEqual(one);
  });
});
