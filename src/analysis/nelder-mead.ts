// fmin's Nelder–Mead, imported the way it works under ESM. fmin 0.0.4 declares
// `"type": "module"` but its entry (`build/fmin.js`) is a UMD bundle: imported as ESM it has no
// exports, and its UMD wrapper falls through to the browser branch and sets `globalThis.fmin`.
// Its `index.js`/`src/` are ESM but import without file extensions, which Node rejects. So: import
// the package for its side effect and take the function from wherever it ended up, preferring
// real exports should a later version provide them.
export interface NelderMeadParameters {
  maxIterations?: number;
  /** Initial simplex: a non-zero coordinate is multiplied by this. */
  nonZeroDelta?: number;
  /** Initial simplex: a zero coordinate is set to this. */
  zeroDelta?: number;
  minErrorDelta?: number;
  minTolerance?: number;
}

export interface NelderMeadResult {
  x: number[];
  fx: number;
}

export type NelderMead = (f: (x: number[]) => number, x0: number[], parameters?: NelderMeadParameters) => NelderMeadResult;

let loaded: NelderMead | undefined;

export async function loadNelderMead(): Promise<NelderMead> {
  if (loaded) return loaded;
  const mod = (await import('fmin')) as unknown as { nelderMead?: NelderMead; default?: { nelderMead?: NelderMead } };
  const global = (globalThis as { fmin?: { nelderMead?: NelderMead } }).fmin;
  const found = mod.nelderMead ?? mod.default?.nelderMead ?? global?.nelderMead;
  if (typeof found !== 'function') throw new Error('fmin did not provide nelderMead (has its packaging changed?)');
  loaded = withShrinkFix(found);
  return loaded;
}

/**
 * fmin 0.0.4's shrink step loops with `for (i = 1; …)` without declaring `i`, inside strict-mode
 * code, so the first shrink of the simplex throws `ReferenceError: i is not defined`. While a
 * global `i` exists the assignment is legal; it is defined for the duration of the (synchronous)
 * call only, and any previous global of that name is put back.
 */
function withShrinkFix(nelderMead: NelderMead): NelderMead {
  return (f, x0, parameters) => {
    const g = globalThis as Record<string, unknown>;
    const had = Object.prototype.hasOwnProperty.call(g, 'i');
    const previous = g.i;
    g.i = 0;
    try {
      return nelderMead(f, x0, parameters);
    } finally {
      if (had) g.i = previous;
      else delete g.i;
    }
  };
}
