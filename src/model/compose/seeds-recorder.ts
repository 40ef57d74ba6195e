// The series of a batch of seeds written straight into a step-major chunk: for each series, one
// loop over the batch's seeds writing one contiguous run of values. Generated from the same
// program source as the scalar recorder (series-program.ts), with every stock and flow read at
// the seed's index, so each value is computed by the same arithmetic as seed by seed.
import type { Compiled } from './expression.js';
import { divideOrZero, programSource, type Program } from './series-program.js';

/**
 * Writes series k of seed r of the batch at `columns[k][at + r]`, for r < `seeds`, from stocks
 * `v[slot · seeds + r]`, flows `f[flow · seeds + r]` (per minute: × pm) and parameters `p`; and
 * the least and the greatest value written for series k at `lo[k][e]` and `hi[k][e]` (folded
 * into what is there with Math.min and Math.max unless `first`; NaN if any value is NaN). The
 * reduction then knows each step's range without a pass over the values (see reduceRows).
 */
export type SeedsRecorder = (
  v: Float64Array,
  f: Float64Array,
  pm: number,
  p: Float64Array,
  columns: Float64Array[],
  at: number,
  seeds: number,
  lo: Float64Array[],
  hi: Float64Array[],
  e: number,
  first: boolean,
) => void;

/**
 * The recorder of a batch, or undefined where code generation from strings is disabled
 * (--disallow-code-generation-from-strings): the seeds then run one by one. The source holds
 * only numeric literals, indices and operators (see `programSource`); the rewrite below only
 * turns `v[12]` into `v[12 * n + r]`, never touching a name from a data file.
 */
export function seedsRecorder(programs: readonly Program[]): SeedsRecorder | undefined {
  try {
    const getters = programs.map((prog) => prog.getters);
    // Each series reads and folds its range whether or not `first`, and only the stored value
    // depends on it: a read or a call under `if (!first)` has no type feedback until a call
    // with !first reaches it, and the optimized recorder, compiled before that for some series,
    // went back to the interpreter at that read call after call (62 deoptimizations in one run
    // of 1,000 seeds of the 84-hour storm, and two more compilations of this large function).
    // One function a series, called through one call site that sees them all (so none is
    // inlined into another): TurboFan compiled the single function of every series in about
    // 150 ms a thread for the 84-hour storm's seven series, on a V8 thread the two Monte Carlo
    // threads share a machine's cores with, while the seeds ran in the interpreter meanwhile.
    const series = programs.map((prog, k) => {
      const expr = programSource(prog)
        .replace(/\b([vf])\[(\d+)\]/g, '$1[$2 * n + r]')
        .replace(/g\[(\d+)\]\(\)/g, `gs[${k}][$1]()`);
      return (
        `function recordSeries${k}(v, f, pm, p, column, at, n, l, h, e, first) { let mn = Infinity, mx = -Infinity, nan = false; ` +
        `for (let r = 0; r < n; r++) { const x = ${expr}; column[at + r] = x; if (x < mn) mn = x; if (x > mx) mx = x; if (x !== x) nan = true; } ` +
        `if (nan) mn = mx = NaN; ` +
        `const lm = Math.min(l[e], mn), hm = Math.max(h[e], mx); l[e] = first ? mn : lm; h[e] = first ? mx : hm; }`
      );
    });
    const body =
      `${series.join('\n')}\nconst each = [${programs.map((_, k) => `recordSeries${k}`).join(', ')}];\n` +
      `return function recordSeeds(v, f, pm, p, columns, at, n, lo, hi, e, first) {\n` +
      `  for (let k = 0; k < each.length; k++) each[k](v, f, pm, p, columns[k], at, n, lo[k], hi[k], e, first);\n};`;
    const make = new Function('gs', 'div', body) as (gs: Compiled[][], div: typeof divideOrZero) => SeedsRecorder;
    return make(getters, divideOrZero);
  } catch {
    return undefined;
  }
}
