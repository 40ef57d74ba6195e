// Floats are rounded where they are printed or serialised, so that JSON and reports are
// byte-identical across runs and free of last-digit noise (0.30000000000000004).

/** Six significant digits; integers of up to 15 digits are kept whole; not finite → null. */
export function roundForOutput(x: number): number | null {
  if (!Number.isFinite(x)) return null;
  if (x === 0) return 0;
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return x;
  const digits = Math.abs(x) >= 1e6 ? 0 : 6 - Math.ceil(Math.log10(Math.abs(x)));
  const rounded = digits >= 0 ? Number(x.toFixed(Math.min(20, digits))) : Math.round(x);
  // -0 would serialise as 0 but compare unequal in tests and print as -0 in some places.
  return rounded === 0 ? 0 : rounded;
}
