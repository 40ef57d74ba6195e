// Partial rank correlation coefficients (PRCC; Marino et al. 2008, "A methodology for performing
// global uncertainty and sensitivity analysis in systems biology"): how strongly an output
// rises or falls with one input once the other inputs' (monotone) effects are removed. Inputs
// and output are replaced by their ranks; the PRCC of input j is the partial correlation of
// its rank with the output's, read off the inverse P of their correlation matrix:
//   PRCC_j = −P[j][y] / √(P[j][j] · P[y][y]).
// With one input it is Spearman's rank correlation.

/** Ranks 1…n, ties sharing their mean rank. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) out[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

/**
 * PRCC of each input column (`inputs[sample][input]`) with `output[sample]`; null where it is not
 * defined: an output or input that never varies, inputs that move together, fewer samples than
 * inputs + 3.
 */
export function partialRankCorrelation(inputs: readonly (readonly number[])[], output: readonly number[]): (number | null)[] {
  const n = output.length;
  const k = inputs[0]?.length ?? 0;
  if (n < k + 3) return new Array(k).fill(null);
  const columns = [...Array.from({ length: k }, (_, j) => ranks(inputs.map((row) => row[j]!))), ranks(output)];
  const centred = columns.map((c) => {
    const mean = c.reduce((s, v) => s + v, 0) / n;
    return c.map((v) => v - mean);
  });
  const norms = centred.map((c) => Math.sqrt(c.reduce((s, v) => s + v * v, 0)));
  // A constant column correlates with nothing: a constant output leaves every PRCC undefined,
  // a constant input only its own (it is left out of the others' matrix).
  if (!(norms[k]! > 0)) return new Array(k).fill(null);
  const idx = norms.map((_, i) => i).filter((i) => norms[i]! > 0);
  const r = idx.map((a) => idx.map((b) => centred[a]!.reduce((s, v, t) => s + v * centred[b]![t]!, 0) / (norms[a]! * norms[b]!)));
  const out = new Array<number | null>(k).fill(null);
  // The output's ranks are one input's ranks (or their reverse): that input decides it alone
  // (±1), and nothing is left for the others to explain (null). The matrix is singular then.
  const last = r.length - 1;
  const decisive = idx.slice(0, -1).findIndex((_, a) => Math.abs(r[a]![last]!) > 1 - 1e-12);
  if (decisive !== -1) {
    out[idx[decisive]!] = Math.sign(r[decisive]![last]!);
    return out;
  }
  const p = invert(r);
  if (!p) return out;
  const y = idx.length - 1;
  idx.slice(0, -1).forEach((j, a) => {
    const value = -p[a]![y]! / Math.sqrt(p[a]![a]! * p[y]![y]!);
    out[j] = Number.isFinite(value) ? Math.max(-1, Math.min(1, value)) : null;
  });
  return out;
}

/** Gauss–Jordan inverse with partial pivoting; undefined when singular. */
function invert(a: number[][]): number[][] | undefined {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    if (!(Math.abs(m[pivot]![c]!) > 1e-12)) return undefined;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const d = m[c]![c]!;
    for (let j = 0; j < 2 * n; j++) m[c]![j]! /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]!;
      if (f !== 0) for (let j = 0; j < 2 * n; j++) m[r]![j]! -= f * m[c]![j]!;
    }
  }
  return m.map((row) => row.slice(n));
}
