// Calls that hang on an unresponsive backend and hold a thread until their timeout, tracked by
// the step they were admitted in. A fluid Little's-law pool (thread-pool.ts) gives the steady
// state; this one keeps the history, so a pool fills up call by call after the backend stops
// answering and drains exactly one timeout after new calls stop, as the April 2011 control
// plane did between 2:40 AM (new calls disabled) and 2:50 AM (errors recovered).

export interface CallsHeldUntilTimeout {
  /** Calls admitted in each of the last `slots.length` steps; `next` is the oldest. */
  slots: Float64Array;
  next: number;
  /** Sum of `slots`: the threads held now. */
  held: number;
}

/** Steps a call holds its thread: the timeout rounded to whole steps, at least one. */
export function holdSteps(timeoutMinutes: number, stepMinutes: number): number {
  return Math.max(1, Math.round(Math.max(0, timeoutMinutes) / stepMinutes));
}

export function createCallsHeldUntilTimeout(timeoutMinutes: number, stepMinutes: number): CallsHeldUntilTimeout {
  return { slots: new Float64Array(holdSteps(timeoutMinutes, stepMinutes)), next: 0, held: 0 };
}

/**
 * Advance one step: the calls admitted `slots.length` steps ago time out and release their
 * threads, the calls admitted in this step take theirs. Returns the threads released.
 */
export function admitHeldCalls(calls: CallsHeldUntilTimeout, admitted: number): number {
  const released = calls.slots[calls.next]!;
  calls.slots[calls.next] = Math.max(0, admitted);
  calls.next = (calls.next + 1) % calls.slots.length;
  // Recomputed rather than updated incrementally, so rounding never leaves threads held.
  let held = 0;
  for (const n of calls.slots) held += n;
  calls.held = held;
  return released;
}
