// Numbers are rounded where they are printed: three significant digits, never more decimals
// than that, whole numbers from 1,000 up. `en-US` grouping keeps the output the same everywhere.

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 });

export function roundForDisplay(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value === 0 ? 0 : value;
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value);
  const rounded = Number(value.toPrecision(3));
  return Object.is(rounded, -0) ? 0 : rounded;
}

export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'n/a';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  return grouped.format(roundForDisplay(value));
}

/** With an explicit sign, for differences: `+1.5`, `-3`, `0`. */
export function formatSigned(value: number): string {
  const rounded = roundForDisplay(value);
  if (rounded === 0) return '0';
  return rounded > 0 ? `+${formatNumber(rounded)}` : formatNumber(rounded);
}

/** `13%`, `450 servers`, `1.2 count`: percent is written as a sign, other units as words. */
export function formatQuantity(value: number, unit: string): string {
  return unit === 'percent' || unit === '%' ? `${formatNumber(value)}%` : `${formatNumber(value)} ${unit}`;
}

export function formatSignedQuantity(value: number, unit: string): string {
  return unit === 'percent' || unit === '%' ? `${formatSigned(value)} pp` : `${formatSigned(value)} ${unit}`;
}

/** Unit of an integral over hours: `%·h`, `servers·h`. */
export function areaUnit(unit: string): string {
  return unit === 'percent' || unit === '%' ? '%·h' : `${unit}·h`;
}

/** Shortest readable label of a unit for an axis title. */
export function unitLabel(unit: string): string {
  return unit === 'percent' ? '%' : unit;
}
