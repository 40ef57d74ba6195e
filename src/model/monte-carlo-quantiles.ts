// Percentiles of one step's Monte Carlo samples, by selection rather than sorting: a replay has
// thousands of steps per series, and three order statistics of a thousand samples cost a few
// linear passes instead of a full sort.

/**
 * The q-quantile of `values[from, to)` with linear interpolation between order statistics
 * (Hyndman & Fan type 7, the default of R and NumPy). Reorders that range of `values`.
 */
export function quantileInPlace(values: Float64Array, from: number, to: number, q: number): number {
  const n = to - from;
  if (n <= 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const k = from + lo;
  select(values, from, to - 1, k);
  const below = values[k]!;
  if (lo + 1 >= n || h === lo) return below;
  // After selecting k, the next order statistic is the smallest value above position k.
  let above = values[k + 1]!;
  for (let i = k + 2; i < to; i++) if (values[i]! < above) above = values[i]!;
  return below + (h - lo) * (above - below);
}

/** Move the k-th smallest of values[left..right] to index k, smaller ones before, larger after. */
export function select(values: Float64Array, left: number, right: number, k: number): void {
  while (right > left) {
    // Median of three as the pivot: no quadratic case on sorted or constant input.
    const mid = (left + right) >>> 1;
    if (values[mid]! < values[left]!) swap(values, mid, left);
    if (values[right]! < values[left]!) swap(values, right, left);
    if (values[right]! < values[mid]!) swap(values, right, mid);
    const pivot = values[mid]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        swap(values, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
