// Percentiles of one step's Monte Carlo samples, by selection rather than sorting: a replay has
// thousands of steps per series, and three order statistics of a thousand samples cost a few
// linear passes instead of a full sort. Where the samples spread over a finite range, counting
// them into bins first (`quantilesByBins`) leaves selection only the few samples of the bins
// that hold the wanted order statistics.

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
  return below + (h - lo) * (minOf(values, k + 1, to) - below);
}

/**
 * The 10th, 50th and 90th percentiles (type 7) of values[0, n), written to `out[0..2]`.
 * Selects the median first, then the 10th in the lower part and the 90th in the upper part,
 * so the three selections cost about two passes over the data instead of three.
 */
export function deciles(values: Float64Array, n: number, out: Float64Array): void {
  const h10 = (n - 1) * 0.1;
  const h50 = (n - 1) * 0.5;
  const h90 = (n - 1) * 0.9;
  const k10 = Math.floor(h10);
  const k50 = Math.floor(h50);
  const k90 = Math.floor(h90);
  select(values, 0, n - 1, k50);
  const v50 = values[k50]!;
  // Everything above k50 is ≥ v50, everything below ≤ v50.
  if (k90 > k50) select(values, k50 + 1, n - 1, k90);
  if (k10 < k50) select(values, 0, k50 - 1, k10);
  const next = (k: number, to: number) => (k + 1 < n ? minOf(values, k + 1, to) : values[k]!);
  const v10 = values[k10]!;
  const v90 = values[k90]!;
  // The order statistic after k10 lies in (k10, k50]; after k50 in (k50, k90]; after k90 above it.
  out[0] = h10 === k10 ? v10 : v10 + (h10 - k10) * (next(k10, k50 + 1) - v10);
  out[1] = h50 === k50 ? v50 : v50 + (h50 - k50) * ((k90 > k50 ? next(k50, k90 + 1) : next(k50, n)) - v50);
  out[2] = h90 === k90 ? v90 : v90 + (h90 - k90) * (next(k90, n) - v90);
}

/**
 * Type-7 quantiles `qs` (each in [0, 1], in any order) of values[0, n), written to `out[i]`
 * for `qs[i]`; `positions` is scratch of at least qs.length entries. Reorders the values.
 *
 * The lower order statistic of each quantile (⌊h⌋) is selected into its place at once, by a
 * multiselect: select the middle wanted position, then the wanted positions left of it within
 * the left part, right of it within the right part. The upper one (⌊h⌋+1), where a quantile
 * interpolates, is then the smallest value between its position and the next selected one
 * (everything there lies between the two), found by one scan instead of another selection. The
 * values are exact order statistics, so the result does not depend on the order the values
 * came in (nor on how seeds were split between threads).
 */
export function quantilesInPlace(values: Float64Array, n: number, qs: ArrayLike<number>, out: Float64Array, positions: Int32Array): void {
  if (n <= 0) {
    for (let i = 0; i < qs.length; i++) out[i] = Number.NaN;
    return;
  }
  let m = 0;
  for (let i = 0; i < qs.length; i++) positions[m++] = Math.floor((n - 1) * qs[i]!);
  const sorted = positions.subarray(0, m).sort();
  // Two quantiles may want the same position: keep each once.
  let u = 0;
  for (let i = 0; i < m; i++) if (u === 0 || sorted[i] !== sorted[u - 1]) sorted[u++] = sorted[i]!;
  multiselect(values, 0, n - 1, sorted, 0, u - 1);
  for (let i = 0; i < qs.length; i++) {
    const h = (n - 1) * qs[i]!;
    const lo = Math.floor(h);
    const below = values[lo]!;
    if (!(h > lo && lo + 1 < n)) {
      out[i] = below;
      continue;
    }
    // The next selected position bounds the scan: values up to it are ≥ below and ≤ it.
    let end = n;
    for (let j = 0; j < u; j++) {
      if (sorted[j]! > lo) {
        end = sorted[j]! + 1;
        break;
      }
    }
    out[i] = below + (h - lo) * (minOf(values, lo + 1, end) - below);
  }
}

/** Put the order statistics at positions wanted[a..b] (sorted, within [left, right]) in place. */
function multiselect(values: Float64Array, left: number, right: number, wanted: Int32Array, a: number, b: number): void {
  while (a <= b && right > left) {
    const mid = (a + b) >>> 1;
    const k = wanted[mid]!;
    select(values, left, right, k);
    // Positions below k hold values ≤ values[k], above it ≥: each side is a smaller problem.
    multiselect(values, left, k - 1, wanted, a, mid - 1);
    left = k + 1;
    a = mid + 1;
    while (a <= b && wanted[a]! <= k) a++;
  }
}

function minOf(values: Float64Array, from: number, to: number): number {
  let m = values[from]!;
  for (let i = from + 1; i < to; i++) if (values[i]! < m) m = values[i]!;
  return m;
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

/** Below this many values, selection alone is as fast as counting into bins first. */
const minBinnedValues = 64;

/** Scratch of `quantilesByBins`, kept between calls (one per thread: each worker has its own module). */
const binScratch = {
  counts: new Int32Array(0),
  /** Four histograms counted side by side (see `quantilesByBins`). */
  lanes: new Int32Array(0),
  /** Bin → its place among the wanted bins, or −1. */
  wantedBin: new Int32Array(0),
  kept: new Float64Array(0),
  ranks: new Float64Array(0),
  rankBins: new Int32Array(0),
  rankBelow: new Int32Array(0),
  offsets: new Int32Array(0),
  fill: new Int32Array(0),
  rankSlots: new Int32Array(0),
  /** The order statistic of each wanted rank (as `ranks`). */
  statistics: new Float64Array(0),
};

/**
 * The same type-7 quantiles as `quantilesInPlace`, by counting instead of comparing: one pass
 * counts the values into about n/4 bins of equal width over [min, max] (bin = ⌊(x − min)·scale⌋
 * clamped to the first and last bin, which never decreases as x grows, so every value of a lower
 * bin is at most every value of a higher one), the cumulative counts name the bin that holds each
 * wanted order statistic and its rank there, a second pass keeps only the values of those bins,
 * and selection finds the statistic among those few. Bounded passes have no data-dependent
 * branch to mispredict (quickselect mispredicts about every other comparison on samples in
 * random order), and the results are the same exact order statistics.
 *
 * [min, max] need not hold every value: values below or above fall in the first or last bin,
 * and the statistics stay exact. The range only decides the cost: the narrower around the
 * wanted statistics, the fewer values selection sees. Returns false,
 * leaving `values` as they were, when the range has no finite width to divide or a value is NaN.
 *
 * `bounded`: the caller has just found [min, max] to be the least and the greatest value, and
 * no value NaN. The passes then need no clamp to the end bins: the clamp's two comparisons are
 * branches that values falling outside a guessed range in random order mispredict, and they
 * cost more than the counting itself (a pass for the minimum and the maximum, whose branches are
 * rarely taken, costs less). A bound that does not hold gives wrong quantiles, not an error.
 */
export function quantilesByBins(values: Float64Array, n: number, min: number, max: number, qs: ArrayLike<number>, out: Float64Array, bounded = false): boolean {
  const bins = Math.max(16, n >> 2);
  const scale = bins / (max - min);
  if (n < minBinnedValues || !(max > min) || !Number.isFinite(scale) || !Number.isFinite(min) || !Number.isFinite(max)) return false;
  const s = binScratch;
  if (s.counts.length < bins + 1) {
    s.counts = new Int32Array(bins + 1);
    s.wantedBin = new Int32Array(bins + 1).fill(-1);
  }
  if (s.kept.length < n) s.kept = new Float64Array(n);
  const counts = s.counts;
  // x = max lands in bin `bins` (the top edge); anything above it too, anything below min in bin
  // 0. The comparison comes before `| 0`, which would wrap a position beyond 2³¹. Within bounds
  // that hold every value, ⌊(x − min)·scale⌋ is already in [0, bins] (at most bins·(1 + 2ε)).
  if (bounded) {
    // Four histograms, one for each value of a group of four, summed after: tied values (counts
    // of requests, or the same queue in many seeds) would otherwise increment one counter back
    // to back, each increment waiting for the one before.
    const stride = bins + 1;
    // Zero between calls: the sum below clears each entry as it reads it, which spares a pass
    // clearing them before the count (a row of a thousand values has a thousand entries).
    if (s.lanes.length < 4 * stride) s.lanes = new Int32Array(4 * stride);
    const lanes = s.lanes;
    let i = 0;
    for (; i + 3 < n; i += 4) {
      lanes[((values[i]! - min) * scale) | 0]!++;
      lanes[stride + (((values[i + 1]! - min) * scale) | 0)]!++;
      lanes[2 * stride + (((values[i + 2]! - min) * scale) | 0)]!++;
      lanes[3 * stride + (((values[i + 3]! - min) * scale) | 0)]!++;
    }
    for (; i < n; i++) lanes[((values[i]! - min) * scale) | 0]!++;
    // Every count is written here, so `counts` needs no clearing on this path.
    for (let b = 0; b < stride; b++) {
      counts[b] = lanes[b]! + lanes[stride + b]! + lanes[2 * stride + b]! + lanes[3 * stride + b]!;
      lanes[b] = 0;
      lanes[stride + b] = 0;
      lanes[2 * stride + b] = 0;
      lanes[3 * stride + b] = 0;
    }
  } else {
    counts.fill(0, 0, bins + 1);
    for (let i = 0; i < n; i++) {
      const x = values[i]!;
      if (x !== x) return false;
      const t = (x - min) * scale;
      counts[t < bins ? (t > 0 ? t | 0 : 0) : bins]!++;
    }
  }
  selectFromBins(values, n, min, scale, bins, qs, out, bounded);
  return true;
}

/*
 * The rest of `quantilesByBins`, after the count, in functions of their own: TurboFan compiles
 * each Monte Carlo thread's copy of this code once, synchronously, and one function holding it
 * all took 25–35 ms to compile against about 15 ms for the parts (its graph, with the
 * selection inlined twice, cost more than its pieces).
 */

/**
 * From the counts in `binScratch.counts`: the bins holding order statistics ⌊h⌋ and ⌊h⌋ + 1 of
 * every quantile (ascending), each with the count of values in lower bins; the values of each
 * such bin go to `kept`, the bins one after the other in ascending order (`offsets`); then each
 * wanted order statistic is selected among its bin's values, and the quantiles interpolated.
 */
function selectFromBins(values: Float64Array, n: number, min: number, scale: number, bins: number, qs: ArrayLike<number>, out: Float64Array, bounded: boolean): void {
  const s = binScratch;
  const m = qs.length;
  if (s.ranks.length < 2 * m) {
    s.ranks = new Float64Array(2 * m);
    s.rankBins = new Int32Array(2 * m);
    s.rankBelow = new Int32Array(2 * m);
    s.offsets = new Int32Array(2 * m);
    s.fill = new Int32Array(2 * m);
    s.rankSlots = new Int32Array(2 * m);
    s.statistics = new Float64Array(2 * m);
  }
  const { counts, wantedBin, kept, ranks, rankBins, rankBelow, rankSlots, offsets, fill, statistics } = s;
  let r = 0;
  for (let j = 0; j < m; j++) {
    const lo = Math.floor((n - 1) * qs[j]!);
    ranks[r++] = lo;
    if (lo + 1 < n) ranks[r++] = lo + 1;
  }
  const wantedRanks = ranks.subarray(0, r).sort();
  let cumulative = 0;
  let bin = 0;
  let bins0 = 0;
  let used = 0;
  for (let i = 0; i < r; i++) {
    while (cumulative + counts[bin]! <= wantedRanks[i]!) cumulative += counts[bin++]!;
    rankBins[i] = bin;
    rankBelow[i] = cumulative;
    if (wantedBin[bin] === -1) {
      wantedBin[bin] = bins0;
      offsets[bins0] = used;
      fill[bins0++] = used;
      used += counts[bin]!;
    }
    rankSlots[i] = wantedBin[bin]!;
  }
  keepWantedBins(values, n, min, scale, bins, bounded);
  for (let i = 0; i < r; i++) wantedBin[rankBins[i]!] = -1;
  // Each wanted order statistic among the kept values of its bin (two ranks in one bin select
  // in the same range twice: selection leaves a range in an order the next one accepts).
  for (let i = 0; i < r; i++) {
    const from = offsets[rankSlots[i]!]!;
    const at = from + wantedRanks[i]! - rankBelow[i]!;
    select(kept, from, from + counts[rankBins[i]!]! - 1, at);
    statistics[i] = kept[at]!;
  }
  for (let j = 0; j < m; j++) {
    const h = (n - 1) * qs[j]!;
    const lo = Math.floor(h);
    const below = statisticOfRank(lo, wantedRanks, statistics);
    out[j] = h > lo && lo + 1 < n ? below + (h - lo) * (statisticOfRank(lo + 1, wantedRanks, statistics) - below) : below;
  }
}

/** The values of the wanted bins (`binScratch.wantedBin` ≥ 0) into `kept`, bin by bin (`fill`). */
function keepWantedBins(values: Float64Array, n: number, min: number, scale: number, bins: number, bounded: boolean): void {
  const { wantedBin, kept, fill } = binScratch;
  if (bounded) {
    for (let i = 0; i < n; i++) {
      const x = values[i]!;
      const w = wantedBin[((x - min) * scale) | 0]!;
      if (w >= 0) kept[fill[w]!++] = x;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const x = values[i]!;
      const t = (x - min) * scale;
      const w = wantedBin[t < bins ? (t > 0 ? t | 0 : 0) : bins]!;
      if (w >= 0) kept[fill[w]!++] = x;
    }
  }
}

/** The selected order statistic of `rank`, one of `ranks`. */
function statisticOfRank(rank: number, ranks: Float64Array, statistics: Float64Array): number {
  let i = 0;
  while (ranks[i] !== rank) i++;
  return statistics[i]!;
}

/**
 * Type feedback before the first row. V8 optimises these functions after some hundreds of rows
 * and speculates on the types it has seen by then; the first rows of a replay are often whole
 * numbers (counts before anything happened), so the optimised `quantilesByBins` assumed small
 * integers for the range and was thrown away at the first fractional one, then compiled again
 * (about 20 ms of TurboFan, in every Monte Carlo thread). A few calls on fractional values when
 * the module loads, in each thread that loads it, show V8 doubles from the start. The results
 * are discarded; the scratch they leave is the state any call leaves.
 */
function primeTypeFeedback(): void {
  const n = minBinnedValues;
  const values = new Float64Array(n);
  const qs = Float64Array.from([0.1, 0.5, 0.9]);
  const out = new Float64Array(qs.length);
  const positions = new Int32Array(qs.length);
  const fill = () => {
    for (let i = 0; i < n; i++) values[i] = ((i * 37) % n) / 8 + 0.25;
  };
  // V8 gives a function somewhere to record feedback only after several calls (8 in Node 20).
  for (let call = 0; call < 12; call++) {
    fill();
    quantilesByBins(values, n, 0.25, (n - 1) / 8 + 0.25, qs, out, true);
    quantilesByBins(values, n, 0.25, (n - 1) / 8 + 0.25, qs, out, false);
    fill();
    quantilesInPlace(values, n, qs, out, positions);
  }
}
primeTypeFeedback();
