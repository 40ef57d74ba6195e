// The hours where most happened, for a zoomed panel under a chart whose replay spans days. What
// "happened" is counted in four equal shares: how much the actual curve moves, how much the
// counterfactual curves move, the event lines, and the published figures. The window is the
// shortest stretch holding 60% of that, widened a little and rounded out to whole hours. A
// window that would cover more than a third of the replay adds little to the full chart: none.

export interface ZoomWindowInput {
  startMs: number;
  stepMs: number;
  /** The actual replay of the series. */
  actual: ArrayLike<number>;
  counterfactuals: readonly ArrayLike<number>[];
  /** Times of the event lines and of the published figures. */
  events: readonly number[];
  figures: readonly number[];
}

export interface ZoomWindow {
  from: number;
  to: number;
}

const hour = 3_600_000;
const share = 0.6;

export function zoomWindow(input: ZoomWindowInput): ZoomWindow | undefined {
  const n = input.actual.length;
  const endMs = input.startMs + (n - 1) * input.stepMs;
  if (n < 3 || endMs - input.startMs < 6 * hour) return undefined;
  const mass = new Float64Array(n);
  addChange(mass, [input.actual]);
  addChange(mass, input.counterfactuals);
  addInstants(mass, input.events, input);
  addInstants(mass, input.figures, input);
  let total = 0;
  for (let i = 0; i < n; i++) total += mass[i]!;
  if (total <= 0) return undefined;

  // Shortest [i, j] with at least `share` of the total (two pointers; earliest on ties).
  let best: [number, number] | undefined;
  let sum = 0;
  let i = 0;
  for (let j = 0; j < n; j++) {
    sum += mass[j]!;
    while (i < j && sum - mass[i]! >= share * total - 1e-12) sum -= mass[i++]!;
    if (sum >= share * total - 1e-12 && (!best || j - i < best[1] - best[0])) best = [i, j];
  }
  if (!best) return undefined;
  const a = input.startMs + best[0] * input.stepMs;
  const b = input.startMs + best[1] * input.stepMs;
  const pad = Math.max(hour / 2, (b - a) * 0.15);
  const from = Math.max(input.startMs, Math.floor((a - pad) / hour) * hour);
  const to = Math.min(endMs, Math.ceil((b + pad) / hour) * hour);
  if (to - from > (endMs - input.startMs) / 3) return undefined;
  return { from, to };
}

/** Each group of curves adds 1 in all, spread over the steps where its curves move. */
function addChange(mass: Float64Array, curves: readonly ArrayLike<number>[]): void {
  const variations = curves.map((c) => {
    let v = 0;
    for (let i = 1; i < c.length; i++) if (Number.isFinite(c[i]!) && Number.isFinite(c[i - 1]!)) v += Math.abs(c[i]! - c[i - 1]!);
    return v;
  });
  const moving = variations.filter((v) => v > 0).length;
  if (moving === 0) return;
  curves.forEach((c, k) => {
    const v = variations[k]!;
    if (v <= 0) return;
    for (let i = 1; i < c.length && i < mass.length; i++) {
      if (Number.isFinite(c[i]!) && Number.isFinite(c[i - 1]!)) mass[i]! += Math.abs(c[i]! - c[i - 1]!) / v / moving;
    }
  });
}

/** Instants add 1 in all, an equal share at the step of each. */
function addInstants(mass: Float64Array, times: readonly number[], input: ZoomWindowInput): void {
  const inside = times.map((t) => Math.round((t - input.startMs) / input.stepMs)).filter((i) => i >= 0 && i < mass.length);
  for (const i of inside) mass[i]! += 1 / inside.length;
}
