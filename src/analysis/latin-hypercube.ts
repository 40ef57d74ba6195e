// A Latin hypercube over named dimensions: each dimension's unit interval is cut into N equal
// strata and every stratum holds exactly one of the N samples, so even a small design covers
// each parameter's whole range (a plain random design of 64 leaves gaps and clumps). The strata
// are dealt to samples by a seeded Fisher–Yates shuffle per dimension, and each sample sits at
// a seeded uniform place inside its stratum (McKay, Beckman & Conover 1979).
//
// Each dimension draws from its own streams (`lhs/<name>/…`), as every random variable of the
// model does: adding a ranged parameter never moves the samples of the others.
import type { RandomSource } from '../model/types.js';

/** `samples` points in [0, 1)^dimensions, as `points[sample][dimension]`. */
export function latinHypercube(samples: number, dimensions: readonly string[], random: RandomSource): number[][] {
  const n = Math.max(0, Math.floor(samples));
  const points: number[][] = Array.from({ length: n }, () => new Array<number>(dimensions.length).fill(0));
  dimensions.forEach((name, d) => {
    const strata = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random.uniform(`lhs/${name}/shuffle`) * (i + 1));
      [strata[i], strata[j]] = [strata[j]!, strata[i]!];
    }
    for (let i = 0; i < n; i++) points[i]![d] = (strata[i]! + random.uniform(`lhs/${name}/jitter`)) / n;
  });
  return points;
}
