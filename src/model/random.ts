// Seeded randomness with one stream per random variable (as in d3-random): adding a draw to
// one variable never shifts the draws of another. Built on pure-rand's xoroshiro128+.
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { RandomSource } from './types.js';

type Generator = ReturnType<typeof xoroshiro128plus>;

/** FNV-1a: a stable 32-bit hash of a stream name, mixed into the seed. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

export function createRandomSource(seed: number): RandomSource {
  const streams = new Map<string, Generator>();
  const stream = (name: string): Generator => {
    let g = streams.get(name);
    if (!g) {
      g = xoroshiro128plus((seed ^ hashName(name)) | 0);
      streams.set(name, g);
    }
    return g;
  };
  const uniform = (name: string): number => uniformFloat64(stream(name));
  return {
    uniform,
    binomial(name, n, p) {
      const trials = Math.max(0, Math.floor(n));
      if (trials === 0 || p <= 0) return 0;
      if (p >= 1) return trials;
      const mean = trials * p;
      // Small counts: exact by inversion of Poisson-like sums; large: normal approximation,
      // clamped, which is accurate to well under a percent for the sizes the models use.
      if (trials <= 64) {
        let k = 0;
        for (let i = 0; i < trials; i++) if (uniform(name) < p) k++;
        return k;
      }
      const sd = Math.sqrt(mean * (1 - p));
      const z = gaussian(() => uniform(name));
      return Math.min(trials, Math.max(0, Math.round(mean + sd * z)));
    },
    poisson(name, mean) {
      if (mean <= 0) return 0;
      if (mean < 30) {
        // Knuth's multiplication method: exact, fast for small means.
        const limit = Math.exp(-mean);
        let k = 0;
        let product = uniform(name);
        while (product > limit) {
          k++;
          product *= uniform(name);
        }
        return k;
      }
      const z = gaussian(() => uniform(name));
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
    },
  };
}

/** A standard normal draw by Box–Muller. */
function gaussian(u: () => number): number {
  const u1 = 1 - u();
  const u2 = u();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
