/** Fraction of a wait that moves linearly from w0 to w1 spending time above `limit`. */
export function fractionAbove(w0: number, w1: number, limit: number): number {
  if (w0 <= limit && w1 <= limit) return 0;
  if (w0 > limit && w1 > limit) return 1;
  // Exactly one end is above. An infinite end (a vanishing capacity) spends all the time above.
  if (!Number.isFinite(w0) || !Number.isFinite(w1)) return 1;
  return w1 > w0 ? (w1 - limit) / (w1 - w0) : (w0 - limit) / (w0 - w1);
}

/**
 * Type feedback for every branch before the first step. The last branch runs only once a queue's
 * wait crosses the limit (in a storm, hours into the replay), long after V8 has optimised the
 * service-queue step that inlines this function; meeting it then threw that step away in every
 * Monte Carlo thread ("insufficient type feedback") and compiled it again. V8 records feedback
 * only after several calls (8 in Node 20): a dozen rounds through every branch, on fractional
 * waits, when the module loads.
 */
for (let call = 0; call < 12; call++) {
  fractionAbove(0.25, 0.75, 1.5);
  fractionAbove(2.25, 3.75, 1.5);
  fractionAbove(0.25, 2.75, 1.5);
  fractionAbove(2.75, 0.25, 1.5);
  fractionAbove(0.25, Number.POSITIVE_INFINITY, 1.5);
}
