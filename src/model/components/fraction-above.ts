/** Fraction of a wait that moves linearly from w0 to w1 spending time above `limit`. */
export function fractionAbove(w0: number, w1: number, limit: number): number {
  if (w0 <= limit && w1 <= limit) return 0;
  if (w0 > limit && w1 > limit) return 1;
  // Exactly one end is above. An infinite end (a vanishing capacity) spends all the time above.
  if (!Number.isFinite(w0) || !Number.isFinite(w1)) return 1;
  return w1 > w0 ? (w1 - limit) / (w1 - w0) : (w0 - limit) / (w0 - w1);
}
