// Seeded randomness with one stream per random variable (as in d3-random): adding a draw to
// one variable never shifts the draws of another. Built on pure-rand's xoroshiro128+.
//
// The discrete distributions are exact, not normal approximations: a Monte Carlo band of a
// count that is small (a few stuck servers) must not be distorted by a bell curve that allows
// negative or fractional outcomes.
//   binomial: inversion when n·min(p, 1−p) < 30, else BTPE (Kachitvichyanukul & Schmeiser 1988);
//   poisson:  multiplication when mean < 10, else PTRS (Hörmann 1993); a stream that keeps
//             drawing with one mean switches to inversion of that mean's distribution
//             function, tabulated once (see `poisson`).
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { RandomSource } from './types.js';

export type Generator = ReturnType<typeof xoroshiro128plus>;

/** FNV-1a: a stable 32-bit hash of a stream name. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** murmur3's finaliser: spreads every input bit over the output, so nearby seeds do not give related streams. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x | 0;
}

/** The 32-bit seed of stream `name` under run seed `seed`. */
export function streamSeed(seed: number, name: string): number {
  // Mixing the seed before combining keeps (seed 1, stream a) and (seed 2, stream b) from
  // landing on the same generator through a plain XOR.
  return mix32(mix32(seed | 0) + hashName(name));
}

export function createRandomSource(seed: number): RandomSource {
  return new SeededRandom(seed);
}

/** The random source of one run: a generator per stream name, made on first use. */
export class SeededRandom implements RandomSource {
  private readonly streams = new Map<string, Generator>();
  constructor(private readonly seed: number) {}
  /** The generator of stream `name` (the same object on every call). */
  stream(name: string): Generator {
    let g = this.streams.get(name);
    if (!g) {
      g = withPoissonMemory(xoroshiro128plus(streamSeed(this.seed, name)));
      this.streams.set(name, g);
    }
    return g;
  }
  uniform(name: string): number {
    return uniformFloat64(this.stream(name));
  }
  binomial(name: string, n: number, p: number): number {
    return binomial(this.stream(name), n, p);
  }
  poisson(name: string, mean: number): number {
    return poisson(this.stream(name), mean);
  }
}

/**
 * Streams `prefix.name` of a seeded source, each generator looked up once and then kept by its
 * short name: a component draws every step, and two lookups by name per draw were a visible
 * share of a Monte Carlo step. The draws are those of `source.poisson('prefix.name', …)`.
 */
export function prefixedStreams(source: SeededRandom, prefix: string): RandomSource {
  const generators = new Map<string, Generator>();
  // A component draws from one stream step after step: the last one is kept by its name (a
  // literal, so the comparison is a pointer's), before the map is asked.
  let lastName: string | undefined;
  let last: Generator | undefined;
  const stream = (name: string): Generator => {
    if (name === lastName) return last!;
    let g = generators.get(name);
    if (!g) generators.set(name, (g = source.stream(`${prefix}.${name}`)));
    lastName = name;
    last = g;
    return g;
  };
  return {
    uniform: (name) => uniformFloat64(stream(name)),
    binomial: (name, n, p) => binomial(stream(name), n, p),
    poisson: (name, mean) => poisson(stream(name), mean),
  };
}

/** Successes in `n` trials of probability `p` (n is floored; p is clamped to [0, 1]). */
export function binomial(g: Generator, n: number, p: number): number {
  const trials = Math.floor(n);
  if (!(trials > 0) || !(p > 0)) return 0;
  if (p >= 1) return trials;
  // Draw for the rarer outcome and mirror: both algorithms assume p ≤ ½.
  const r = p <= 0.5 ? p : 1 - p;
  const k = trials * r < 30 ? binomialInversion(g, trials, r) : binomialBtpe(g, trials, r);
  return p <= 0.5 ? k : trials - k;
}

/** Sequential search of the cumulative distribution from 0; expected cost O(n·p). */
function binomialInversion(g: Generator, n: number, p: number): number {
  const q = 1 - p;
  const p0 = Math.exp(n * Math.log(q));
  // Rounding can leave a sliver of the unit interval uncovered; a bound far in the tail
  // restarts the search instead of running to n.
  const bound = Math.min(n, n * p + 10 * Math.sqrt(n * p * q + 1));
  for (;;) {
    let u = uniformFloat64(g);
    let k = 0;
    let pk = p0;
    while (u > pk) {
      u -= pk;
      k++;
      if (k > bound) break;
      pk *= ((n - k + 1) * p) / (k * q);
    }
    if (k <= bound) return k;
  }
}

/**
 * BTPE: acceptance–rejection from a triangle, two parallelograms and two exponential tails
 * around the mode; exact, constant expected cost. Requires n·p ≥ 30 and p ≤ ½.
 */
function binomialBtpe(g: Generator, n: number, p: number): number {
  const q = 1 - p;
  const npq = n * p * q;
  const fm = n * p + p;
  const m = Math.floor(fm);
  const p1 = Math.floor(2.195 * Math.sqrt(npq) - 4.6 * q) + 0.5;
  const xm = m + 0.5;
  const xl = xm - p1;
  const xr = xm + p1;
  const c = 0.134 + 20.5 / (15.3 + m);
  let a = (fm - xl) / (fm - xl * p);
  const laml = a * (1 + a / 2);
  a = (xr - fm) / (xr * q);
  const lamr = a * (1 + a / 2);
  const p2 = p1 * (1 + 2 * c);
  const p3 = p2 + c / laml;
  const p4 = p3 + c / lamr;

  for (;;) {
    const u = uniformFloat64(g) * p4;
    let v = uniformFloat64(g);
    let y: number;
    if (u <= p1) {
      // Inside the triangle: accepted at once.
      return Math.floor(xm - p1 * v + u);
    } else if (u <= p2) {
      const x = xl + (u - p1) / c;
      v = v * c + 1 - Math.abs(m - x + 0.5) / p1;
      if (v > 1) continue;
      y = Math.floor(x);
    } else if (u <= p3) {
      y = Math.floor(xl + Math.log(v) / laml);
      if (y < 0 || v === 0) continue;
      v = v * (u - p2) * laml;
    } else {
      y = Math.floor(xr - Math.log(v) / lamr);
      if (y > n || v === 0) continue;
      v = v * (u - p3) * lamr;
    }
    const k = Math.abs(y - m);
    if (k <= 20 || k >= npq / 2 - 1) {
      // Near the mode: compare with f(y)/f(m) computed by the recurrence.
      const s = p / q;
      const as = s * (n + 1);
      let f = 1;
      if (m < y) for (let i = m + 1; i <= y; i++) f *= as / i - s;
      else if (m > y) for (let i = y + 1; i <= m; i++) f /= as / i - s;
      if (v <= f) return y;
      continue;
    }
    // Far from the mode: squeeze on log(v), then the exact bound with Stirling's series.
    const rho = (k / npq) * ((k * (k / 3 + 0.625) + 1 / 6) / npq + 0.5);
    const t = (-k * k) / (2 * npq);
    const logV = Math.log(v);
    if (logV < t - rho) return y;
    if (logV > t + rho) continue;
    const x1 = y + 1;
    const f1 = m + 1;
    const z = n + 1 - m;
    const w = n - y + 1;
    const bound =
      xm * Math.log(f1 / x1) +
      (n - m + 0.5) * Math.log(z / w) +
      (y - m) * Math.log((w * p) / (x1 * q)) +
      stirlingTail(f1) +
      stirlingTail(z) +
      stirlingTail(x1) +
      stirlingTail(w);
    if (logV <= bound) return y;
  }
}

/** The correction term of Stirling's series, 1/(12x) − 1/(360x³) + …, as BTPE uses it. */
function stirlingTail(x: number): number {
  const x2 = x * x;
  return (13860 - (462 - (132 - (99 - 140 / x2) / x2) / x2) / x2) / x / 166320;
}

/**
 * The constants of PTRS for the last mean seen: a component draws with the same mean step after
 * step (arrivals at a constant rate), and their square root, logarithms and divisions cost as
 * much as the draw itself. Computed by the same expressions, so the draws are unchanged.
 */
const ptrs = { mean: Number.NaN, slam: 0, logLam: 0, b: 0, a: 0, invAlpha: 0, logInvAlpha: 0, vr: 0 };
let knuthMean = Number.NaN;
let knuthLimit = 0;

/**
 * What a stream remembers of its Poisson draws: the mean of the last one, and how many draws in
 * a row have had that mean. Kept on the generator itself (set when the stream is made, so every
 * stream has the same shape), because the choice of method must follow the stream: a seed's
 * stream sees the same means whether its seed runs alone or in a batch, so both ways draw the
 * same counts.
 */
interface PoissonMemory {
  poissonMean: number;
  poissonRepeats: number;
}

/** `g` with an empty Poisson memory (see `PoissonMemory`). */
export function withPoissonMemory(g: Generator): Generator {
  const m = g as Generator & PoissonMemory;
  m.poissonMean = Number.NaN;
  m.poissonRepeats = 0;
  return g;
}

/** Counts this draw in the stream's memory; returns how many draws in a row (this one included) had this mean. */
function rememberMean(g: Generator, mean: number): number {
  const m = g as Generator & PoissonMemory;
  if (m.poissonMean === mean) return ++m.poissonRepeats;
  m.poissonMean = mean;
  m.poissonRepeats = 1;
  return 1;
}

/**
 * A Poisson count of mean `mean`.
 *
 * Below a mean of 10, Knuth's multiplication; above, PTRS, until the stream has drawn with the
 * same mean `tableAfter(mean)` times in a row (arrivals at a steady rate, step after step): from
 * then on, inversion, one uniform against that mean's distribution function tabulated once
 * (`PoissonTable`), about three times cheaper than PTRS's two uniforms, divisions and
 * occasional logarithms. Both are exact (the table leaves out less than 1e-20 of probability in
 * its tails); which one a draw uses depends on the stream's own past means only, never on what
 * other streams or threads drew.
 */
export function poisson(g: Generator, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean >= 10 && rememberMean(g, mean) > tableAfter(mean)) return tableFor(mean).invert(uniformFloat64(g));
  return poissonByDrawing(g, mean);
}

/** Knuth below a mean of 10, PTRS above. */
function poissonByDrawing(g: Generator, mean: number): number {
  if (mean < 10) {
    // Knuth's multiplication method: exact, fast for small means.
    if (mean !== knuthMean) {
      knuthLimit = Math.exp(-mean);
      knuthMean = mean;
    }
    const limit = knuthLimit;
    let k = 0;
    let product = uniformFloat64(g);
    while (product > limit) {
      k++;
      product *= uniformFloat64(g);
    }
    return k;
  }
  return ptrsDraw(g, mean);
}

/** PTRS: transformed rejection with squeeze (mean ≥ 10). */
function ptrsDraw(g: Generator, mean: number): number {
  const c = ptrs;
  if (mean !== c.mean) {
    c.slam = Math.sqrt(mean);
    c.logLam = Math.log(mean);
    c.b = 0.931 + 2.53 * c.slam;
    c.a = -0.059 + 0.02483 * c.b;
    c.invAlpha = 1.1239 + 1.1328 / (c.b - 3.4);
    c.logInvAlpha = Math.log(c.invAlpha);
    c.vr = 0.9277 - 3.6224 / (c.b - 2);
    c.mean = mean;
  }
  const { logLam, b, a, logInvAlpha, vr } = c;
  for (;;) {
    const u = uniformFloat64(g) - 0.5;
    const v = uniformFloat64(g);
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <= -mean + k * logLam - logFactorial(k)) {
      return k;
    }
  }
}

/**
 * `out[r] = poisson(generators[r], mean)` for r < n: the same draws, each from its own
 * generator, as n calls would give, with the batch's threshold and table looked up once (a
 * batch of Monte Carlo seeds draws its arrivals with one mean).
 */
export function poissonInto(generators: readonly Generator[], mean: number, out: Float64Array, n: number): void {
  if (!(mean >= 10)) {
    for (let r = 0; r < n; r++) out[r] = poisson(generators[r]!, mean);
    return;
  }
  const after = tableAfter(mean);
  let table: PoissonTable | undefined;
  for (let r = 0; r < n; r++) {
    const g = generators[r]!;
    if (rememberMean(g, mean) > after) {
      table ??= tableFor(mean);
      out[r] = table.invert(uniformFloat64(g));
    } else {
      out[r] = ptrsDraw(g, mean);
    }
  }
}

/**
 * The distribution function of one Poisson mean over [lo, lo + cdf.length), for drawing by
 * inversion: the count is the first k whose P(X ≤ k) exceeds a uniform draw. Built from the
 * recurrences P(k + 1) = P(k)·λ/(k + 1) and P(k − 1) = P(k)·k/λ out from the mode, summed from
 * the bottom and divided by the total, so no factorial or exponential enters it; the range is
 * λ ± (12√λ + 24), outside which lies less than 1e-20 of the probability (Chernoff's bounds).
 * A guide table (`start[j]`: the first k whose P(X ≤ k) exceeds j/size) leaves about one
 * comparison per draw.
 */
export class PoissonTable {
  readonly lo: number;
  /** P(X ≤ lo + i), the last entry exactly 1. */
  readonly cdf: Float64Array;
  private readonly start: Int32Array;

  constructor(readonly mean: number) {
    const spread = 12 * Math.sqrt(mean) + 24;
    const lo = Math.max(0, Math.floor(mean - spread));
    const hi = Math.ceil(mean + spread);
    const mode = Math.floor(mean);
    const size = hi - lo + 1;
    const weight = new Float64Array(size);
    weight[mode - lo] = 1;
    for (let k = mode; k < hi; k++) weight[k + 1 - lo] = (weight[k - lo]! * mean) / (k + 1);
    for (let k = mode; k > lo; k--) weight[k - 1 - lo] = (weight[k - lo]! * k) / mean;
    const cdf = new Float64Array(size);
    let sum = 0;
    for (let i = 0; i < size; i++) cdf[i] = sum += weight[i]!;
    for (let i = 0; i < size; i++) cdf[i] = cdf[i]! / sum;
    cdf[size - 1] = 1;
    const start = new Int32Array(size);
    for (let j = 0, i = 0; j < size; j++) {
      while (cdf[i]! <= j / size) i++;
      start[j] = i;
    }
    this.lo = lo;
    this.cdf = cdf;
    this.start = start;
  }

  /** The count whose interval of the distribution function holds `u` (in [0, 1)). */
  invert(u: number): number {
    const cdf = this.cdf;
    let i = this.start[Math.floor(u * cdf.length)]!;
    while (cdf[i]! <= u) i++;
    return this.lo + i;
  }
}

/** Above this mean a table would be too large to build for a stream's repeats: PTRS throughout. */
const largestTabledMean = 1e6;

/**
 * Draws in a row with one mean after which a stream inverts the table: building it costs about
 * as much as a fifth of its size in PTRS draws, so a mean that stops repeating just after the
 * switch costs at most a few nanoseconds a draw more than PTRS would have.
 */
export function tableAfter(mean: number): number {
  if (!(mean <= largestTabledMean)) return Number.POSITIVE_INFINITY;
  return Math.ceil((24 * Math.sqrt(mean) + 49) / 4);
}

/** Tables of the means drawn lately (a table depends on its mean only: which are kept changes no draw). */
const tables = new Map<number, PoissonTable>();
const keptTables = 16;

function tableFor(mean: number): PoissonTable {
  let table = tables.get(mean);
  if (!table) {
    if (tables.size >= keptTables) tables.delete(tables.keys().next().value!);
    table = new PoissonTable(mean);
    tables.set(mean, table);
  }
  return table;
}

/**
 * Type feedback for the table before the first Monte Carlo step. A batch draws by PTRS for its
 * first `tableAfter(mean)` steps, long enough for V8 to optimise `poissonInto` without ever
 * having seen the table's branch, which then threw that code away at the switch in every thread
 * ("insufficient type feedback") and compiled it again. V8 records feedback only after several
 * calls: two throwaway streams drawing a small mean past their switch, when the module loads
 * (the table of that mean is kept like any other: the draws of real streams do not change).
 */
function primeTypeFeedback(): void {
  const streams = [withPoissonMemory(xoroshiro128plus(1)), withPoissonMemory(xoroshiro128plus(2))];
  const out = new Float64Array(streams.length);
  for (let call = 0, calls = tableAfter(10) + 12; call < calls; call++) poissonInto(streams, 10, out, streams.length);
}

const smallLogFactorials: number[] = [0];
for (let i = 1; i < 128; i++) smallLogFactorials.push(smallLogFactorials[i - 1]! + Math.log(i));

/**
 * Stirling's series for k up to this are kept once computed: PTRS asks for log(k!) of counts
 * near its mean draw after draw (a quarter of the draws), and the two logarithms cost as much as
 * the rest of the draw. The kept value is the one computed, so the draws do not change.
 */
const keptLogFactorials = new Float64Array(16_384).fill(Number.NaN);

/** log(k!) exactly from a table below 128, by Stirling's series above (error < 1e-12). */
export function logFactorial(k: number): number {
  if (k < 128) return smallLogFactorials[k]!;
  if (k < keptLogFactorials.length) {
    const kept = keptLogFactorials[k]!;
    if (kept === kept) return kept;
    return (keptLogFactorials[k] = stirlingLogFactorial(k));
  }
  return stirlingLogFactorial(k);
}

function stirlingLogFactorial(k: number): number {
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
}

primeTypeFeedback();
