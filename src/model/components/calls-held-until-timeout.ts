// Calls that hang on an unresponsive backend and hold a thread until their timeout, tracked by
// the step they were admitted in. A fluid Little's-law pool (thread-pool.ts) gives the steady
// state; this one keeps the history, so a pool fills up call by call after the backend stops
// answering and drains exactly one timeout after new calls stop, as the April 2011 control
// plane did between 2:40 AM (new calls disabled) and 2:50 AM (errors recovered).

export interface CallsHeldUntilTimeout {
  /** Calls admitted in each of the last `slots.length` steps; `next` is the oldest. */
  slots: Float64Array;
  next: number;
  /** Sum of `slots`: the threads held now, kept as a running sum. */
  held: number;
  /** Slots holding a positive number of calls: when none does, `held` is exactly 0. */
  live: number;
}

/** Steps a call holds its thread: the timeout rounded to whole steps, at least one. */
export function holdSteps(timeoutMinutes: number, stepMinutes: number): number {
  return Math.max(1, Math.round(Math.max(0, timeoutMinutes) / stepMinutes));
}

export function createCallsHeldUntilTimeout(timeoutMinutes: number, stepMinutes: number): CallsHeldUntilTimeout {
  return { slots: new Float64Array(holdSteps(timeoutMinutes, stepMinutes)), next: 0, held: 0, live: 0 };
}

/**
 * Advance one step: the calls admitted `slots.length` steps ago time out and release their
 * threads, the calls admitted in this step take theirs. Returns the threads released.
 */
export function admitHeldCalls(calls: CallsHeldUntilTimeout, admitted: number): number {
  const released = calls.slots[calls.next]!;
  const taken = Math.max(0, admitted);
  calls.slots[calls.next] = taken;
  calls.next = calls.next + 1 === calls.slots.length ? 0 : calls.next + 1;
  if (released > 0) calls.live--;
  if (taken > 0) calls.live++;
  // A running sum, so a step costs the same however many steps a timeout spans (a ring of 600
  // slots at one-second steps). Rounding could leave a sliver held after every call has timed
  // out; the count of live slots knows when none is held, and the sum is then exactly 0.
  calls.held = calls.live === 0 ? 0 : Math.max(0, calls.held - released + taken);
  return released;
}
