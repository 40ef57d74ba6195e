// The value axis of a chart, chosen from the data: from zero (or a round number below the
// lowest value) to the first round number above the highest, so a series that stays between 0
// and 5 is drawn on 0–5, not on 0–100 with the curve flat along the bottom. Computed here, not
// left to Chart.js, because the label layout needs the axis (and the width of its tick labels)
// before anything is drawn, and because it is then part of the chart's JSON.

export interface YRange {
  min: number;
  max: number;
  stepSize: number;
  /** The tick labels as Chart.js writes them (en-US), for the width of the axis. */
  ticks: string[];
}

export interface YRangeOptions {
  /** A percentage never goes past 100: the axis stops there when the data does. */
  unit?: string;
  /** About this many intervals between ticks. */
  intervals?: number;
  /**
   * Whether the axis must start at zero (default). When false, an axis whose data sits far
   * from zero (threads between 3,900 and 4,100) starts near the data instead.
   */
  zero?: boolean;
}

const format = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

export function yRange(low: number, high: number, options: YRangeOptions = {}): YRange {
  const intervals = options.intervals ?? 5;
  const nearData = options.zero === false && Number.isFinite(low) && low > 0 && high - low < 0.5 * high;
  let lo = Number.isFinite(low) ? (nearData ? low : Math.min(low, 0)) : 0;
  let hi = Number.isFinite(high) ? Math.max(high, lo) : lo;
  // Nothing to show (a series that is zero all along): one unit up, so the line sits on the axis
  // with a scale, not in the middle of an empty one.
  const flat = hi - lo < 1e-9;
  if (flat) hi = lo + 1;
  // A little room above the highest point, so a plateau is not drawn on the frame.
  const headroom = flat ? 0 : (hi - lo) * (nearData ? 0.1 : 0.04);
  const stepSize = niceStep((hi + headroom - lo + (nearData ? headroom : 0)) / intervals);
  lo = nearData ? Math.floor((lo - headroom) / stepSize) * stepSize : lo < 0 ? Math.floor(lo / stepSize) * stepSize : 0;
  let max = Math.ceil((hi + headroom) / stepSize - 1e-9) * stepSize;
  if ((options.unit === 'percent' || options.unit === '%') && high <= 100 && max > 100) max = 100;
  const ticks: string[] = [];
  for (let v = lo; v <= max + stepSize * 1e-6; v += stepSize) ticks.push(format.format(clean(v)));
  return { min: clean(lo), max: clean(max), stepSize: clean(stepSize), ticks };
}

/** 1, 2, 2.5 or 5 times a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = [1, 2, 2.5, 5, 10].find((f) => f * power >= raw * (1 - 1e-9))!;
  return m * power;
}

/** Floats as they print: 0.30000000000000004 → 0.3. */
function clean(v: number): number {
  return v === 0 ? 0 : Number(v.toPrecision(12));
}
