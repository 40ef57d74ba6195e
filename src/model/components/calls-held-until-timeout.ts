// Calls that hang on an unresponsive backend and hold a thread until their timeout, tracked by
// the step they were admitted in. A fluid Little's-law pool (thread-pool.ts) gives the steady
// state; this one keeps the history, so a pool fills up call by call after the backend stops
// answering and drains within one timeout after new calls stop, as the April 2011 control
// plane did between 2:40 AM (new calls disabled) and 2:50 AM (errors recovered).
//
// Hold times are spread, not one exact value. With every call holding its thread for exactly
// the timeout, the calls a pool admits together (all it has room for, the minute threads come
// free) also time out together, one timeout later: the pool frees a block of threads, admits a
// block, and the error rate of everyone sharing it rings with the timeout's period (24 % ↔ 97 %
// every ten minutes in the 2011 replay). That shape is the discretisation's, not the record's:
// callers give up before the server's timeout, timers start when a call reaches the thread, the
// backend answers a few late calls. So a call admitted at step j releases its thread at step
// j + h, with h uniform over the whole steps kMin … kMax:
//     kMax = holdSteps(timeout),  kMin = max(1, round((1 − spread)·timeout / dt)),  W = kMax − kMin + 1
//     released(n) = (1/W) · Σ_{h=kMin}^{kMax} admitted(n − h)
//     held(n)     = held(n − 1) + admitted(n) − released(n)
// `spread` is the share of the timeout below it over which calls give up (0: the exact
// timeout, the old behaviour; 1: anywhere up to the timeout). The longest hold stays the
// timeout, so "drained one timeout after new calls stop" still holds. Closed forms, for the
// tests: under a constant admission a per step, held reaches a·(kMin + kMax)/2 (Little's law
// with the mean hold), rising by a per step for the first kMin steps; with spread 0 it is the
// exact-timeout ring step for step.
//
// The release is a box filter over the admission history, kept as a running window sum, so a
// step costs O(1) however many steps the timeout or the spread spans (600 at one-second steps).

export interface CallsHeldUntilTimeout {
  /** Calls admitted in each of the last `slots.length` (= kMax) steps; `next` is the oldest. */
  slots: Float64Array;
  next: number;
  /** Shortest hold in steps (kMin); the longest is `slots.length`. */
  minSteps: number;
  /** Σ of the admissions whose calls may time out at the next step: admitted kMin … kMax steps before it. */
  window: number;
  /** Slots inside the window holding a positive number of calls: when none does, `window` is exactly 0. */
  windowLive: number;
  /** Threads held now, kept as a running sum. */
  held: number;
  /** Slots holding a positive number of calls: when none does, `held` is exactly 0. */
  live: number;
}

/** Steps a call holds its thread at most: the timeout rounded to whole steps, at least one. */
export function holdSteps(timeoutMinutes: number, stepMinutes: number): number {
  return Math.max(1, Math.round(Math.max(0, timeoutMinutes) / stepMinutes));
}

/** Steps a call holds its thread at least: (1 − spread) of the timeout, at least one, at most the longest. */
export function minHoldSteps(timeoutMinutes: number, stepMinutes: number, spread: number): number {
  const s = Math.min(1, Math.max(0, spread));
  const longest = holdSteps(timeoutMinutes, stepMinutes);
  return Math.min(longest, Math.max(1, Math.round(((1 - s) * Math.max(0, timeoutMinutes)) / stepMinutes)));
}

/** An empty pool of held calls. `spread` (0–1) spreads the hold times below the timeout. */
export function createCallsHeldUntilTimeout(timeoutMinutes: number, stepMinutes: number, spread = 0): CallsHeldUntilTimeout {
  return {
    slots: new Float64Array(holdSteps(timeoutMinutes, stepMinutes)),
    next: 0,
    minSteps: minHoldSteps(timeoutMinutes, stepMinutes, spread),
    window: 0,
    windowLive: 0,
    held: 0,
    live: 0,
  };
}

/**
 * Advance one step: the calls whose hold ends now release their threads (an equal share of
 * each admission kMin … kMax steps ago), the calls admitted in this step take theirs. Returns
 * the threads released.
 */
export function admitHeldCalls(calls: CallsHeldUntilTimeout, admitted: number): number {
  const { slots } = calls;
  const longest = slots.length;
  const width = longest - calls.minSteps + 1;
  const released = calls.windowLive === 0 ? 0 : Math.max(0, calls.window) / width;
  const oldest = slots[calls.next]!;
  const taken = Math.max(0, admitted);
  slots[calls.next] = taken;
  calls.next = calls.next + 1 === longest ? 0 : calls.next + 1;
  if (oldest > 0) calls.live--;
  if (taken > 0) calls.live++;
  // The window moves one step: the oldest admission (kMax steps ago) has released all of its
  // calls and leaves it; the admission kMin − 1 steps ago (this one when kMin is 1) enters it.
  const entering = slots[(calls.next - calls.minSteps + longest) % longest]!;
  calls.window += entering - oldest;
  if (entering > 0) calls.windowLive++;
  if (oldest > 0) calls.windowLive--;
  if (calls.windowLive === 0) calls.window = 0;
  // Rounding could leave a sliver held after every call has timed out; the count of live slots
  // knows when none is held, and the sum is then exactly 0.
  calls.held = calls.live === 0 ? 0 : Math.max(0, calls.held - released + taken);
  return released;
}
