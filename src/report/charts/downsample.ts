// Charts need a few hundred points, not one per simulated minute (a 3-day replay has 4,000+).
// Keeping the minimum and the maximum of each bucket, in time order, keeps peaks and troughs,
// which plain striding can skip.

/** Indices to keep so that at most about `maxPoints` remain; first and last always kept. */
export function downsampleIndices(values: ArrayLike<number>, maxPoints: number): number[] {
  const n = values.length;
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const size = n / buckets;
  const keep = new Set<number>([0, n - 1]);
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor(b * size);
    const to = Math.min(n, Math.floor((b + 1) * size));
    let lo = from;
    let hi = from;
    for (let i = from; i < to; i++) {
      const v = values[i]!;
      if (v < values[lo]! || Number.isNaN(values[lo]!)) lo = i;
      if (v > values[hi]! || Number.isNaN(values[hi]!)) hi = i;
    }
    keep.add(lo).add(hi);
  }
  return [...keep].sort((a, b) => a - b);
}
