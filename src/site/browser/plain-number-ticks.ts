// Number tick labels without Intl, for the page's load. The first Intl object a page makes
// loads the browser's locale data (40–150 ms in headless Chromium, longer than drawing a
// chart), and Chart.js makes one for the labels of every linear axis. The reports' axes ask
// for `en-US` (series-chart.ts), whose plain form is digits grouped by commas: that form is
// written here, and anything else (another locale, scientific notation, a
// `ticks.format`, very large or very precise values) goes to Chart.js's own formatter. The
// test checks the two agree, label for label, over many axes.
import { Ticks, type Scale, type Tick } from 'chart.js';

/** Above this, or at more decimals, Chart.js formats the label itself. */
const plainLimit = 1e15;
const plainDecimals = 12;

/**
 * Chart.js's `Ticks.formatters.numeric` (chart.js/src/core/core.ticks.js): the same number of
 * decimals for every label, from the step between ticks.
 */
export function plainNumberTick(this: Scale, tickValue: number, index: number, ticks: Tick[]): string {
  if (tickValue === 0) return '0';
  const format = (this.options as { ticks?: { format?: unknown } }).ticks?.format;
  if (this.chart.options.locale !== 'en-US' || format !== undefined) return Ticks.formatters.numeric.call(this, tickValue, index, ticks);
  let delta = tickValue;
  if (ticks.length > 1) {
    const maxTick = Math.max(Math.abs(ticks[0]!.value), Math.abs(ticks[ticks.length - 1]!.value));
    if (maxTick < 1e-4 || maxTick > 1e15) return Ticks.formatters.numeric.call(this, tickValue, index, ticks);
    delta = stepOf(tickValue, ticks);
  }
  const logDelta = Math.log10(Math.abs(delta));
  const decimals = Number.isNaN(logDelta) ? 1 : Math.max(Math.min(-1 * Math.floor(logDelta), 20), 0);
  const plain = Math.abs(tickValue) < plainLimit && decimals <= plainDecimals ? groupedFixed(tickValue, decimals) : undefined;
  return plain ?? Ticks.formatters.numeric.call(this, tickValue, index, ticks);
}

/** Chart.js's `calculateDelta`: the step between ticks, or the fraction of a value off the step. */
function stepOf(tickValue: number, ticks: Tick[]): number {
  let delta = ticks.length > 3 ? ticks[2]!.value - ticks[1]!.value : ticks[1]!.value - ticks[0]!.value;
  if (Math.abs(delta) >= 1 && tickValue !== Math.floor(tickValue)) delta = tickValue - Math.floor(tickValue);
  return delta;
}

/**
 * `1234.5` at 2 decimals → `1,234.50`, as `Intl.NumberFormat('en-US')` writes it: from the
 * shortest decimal that reads back as the number (as ICU starts from), rounded half away from
 * zero (0.075 → 0.08, where `toFixed` rounds the binary value 0.07499… down). Undefined for a
 * number JavaScript writes in exponent form.
 */
export function groupedFixed(value: number, decimals: number): string | undefined {
  const shortest = String(Math.abs(value));
  if (shortest.includes('e')) return undefined;
  const point = shortest.indexOf('.');
  const whole = point === -1 ? shortest : shortest.slice(0, point);
  const fraction = point === -1 ? '' : shortest.slice(point + 1);
  let digits = whole + fraction.slice(0, decimals).padEnd(decimals, '0');
  if (fraction.length > decimals && fraction[decimals]! >= '5') digits = incremented(digits);
  const wholeDigits = digits.slice(0, digits.length - decimals);
  let grouped = wholeDigits.slice(0, ((wholeDigits.length - 1) % 3) + 1);
  for (let i = grouped.length; i < wholeDigits.length; i += 3) grouped += `,${wholeDigits.slice(i, i + 3)}`;
  const sign = value < 0 ? '-' : '';
  return sign + grouped + (decimals > 0 ? `.${digits.slice(wholeDigits.length)}` : '');
}

/** A string of decimal digits plus one in its last place (`"0999"` → `"1000"`, `"99"` → `"100"`). */
function incremented(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  if (i < 0) return `1${'0'.repeat(digits.length)}`;
  return digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1) + '0'.repeat(digits.length - 1 - i);
}
