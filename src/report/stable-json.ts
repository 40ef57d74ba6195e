// JSON that is byte-identical run after run: floats rounded to six significant digits (no
// last-digit noise such as 0.30000000000000004), non-finite numbers as null, two-space indent,
// a final newline. Key order is the order objects are built in, which the builders fix.

export function roundFloat(x: number): number | null {
  if (!Number.isFinite(x)) return null;
  if (x === 0 || (Number.isInteger(x) && Math.abs(x) < 1e15)) return x === 0 ? 0 : x;
  const rounded = Number(x.toPrecision(6));
  return rounded === 0 ? 0 : rounded;
}

export function stableJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' ? roundFloat(v) : v), 2);
  // Chart points one per line (`{ "x": …, "y": … }`) rather than four: a quarter of the lines,
  // and a diff still shows which points moved.
  return `${text.replace(/\{\n\s*"x": ([^,\n]+),\n\s*"y": ([^,\n]+)\n\s*\}/g, '{ "x": $1, "y": $2 }')}\n`;
}
