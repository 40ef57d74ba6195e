// A population of clients that retry failed requests, as a fluid model. Failed attempts wait
// out a backoff delay and come back as retries; after `maxAttempts` attempts a request is given
// up. The backoff policy decides how fast failures turn into new load, which is what sustains
// a metastable failure: with no backoff, every failed attempt returns one step later.
//
// Retries are kept by retry number (1st retry, 2nd, …) in ring buffers indexed by the step in
// which they come due, so a step costs O(maxAttempts) and allocates nothing. Without jitter a
// cohort of failures returns together after exactly its delay; with full jitter (AWS's
// "exponential backoff and jitter") each waits uniformly in (0, delay], so the cohort is spread
// evenly over the steps up to its delay.

export type BackoffKind = 'none' | 'constant' | 'exponential';
export const backoffKinds: readonly BackoffKind[] = ['none', 'constant', 'exponential'];

export interface RetryPolicy {
  /** Attempts per request including the first; 1 means no retries. */
  maxAttempts: number;
  /** `none`: retry in the next step; `constant`: wait `baseDelayMinutes`; `exponential`: base·2^(k−1), capped. */
  backoff: BackoffKind;
  /** Delay before the first retry (every retry, for `constant`), in minutes. */
  baseDelayMinutes: number;
  /** Cap on the exponential delay, in minutes. */
  maxDelayMinutes: number;
  /** Full jitter: wait uniformly in (0, delay] instead of exactly the delay. */
  jitter: boolean;
}

/** Upper bound on `maxAttempts`, to keep the state small: real clients retry a handful of times. */
export const maxRetryAttempts = 64;

export interface RetryingClients {
  readonly policy: RetryPolicy;
  readonly dt: number;
  /** Retry levels kept: maxAttempts − 1. */
  readonly levels: number;
  /** Steps in each ring: longer than the longest delay. */
  readonly ringLength: number;
  /** due[level·ringLength + slot]: retries of number level+1 due in that slot. */
  readonly due: Float64Array;
  /** Retries of each level due in the current step (set by `takeDueRetries`). */
  readonly dueNow: Float64Array;
  /** Steps before retry level+1 comes due, by level (the policy's delays, worked out once). */
  readonly delaySteps: Int32Array;
  /** Slot of the current step. */
  slot: number;
  /** Requests waiting to retry. */
  waiting: number;
  /** Requests given up so far (failed on their last attempt). */
  gaveUp: number;
  /** Retries made so far. */
  retried: number;
}

/** Minutes before retry number `retry` (1-based) under a policy, before jitter. */
export function retryDelayMinutes(policy: RetryPolicy, retry: number): number {
  switch (policy.backoff) {
    case 'none':
      return 0;
    case 'constant':
      return Math.max(0, policy.baseDelayMinutes);
    case 'exponential':
      return Math.max(0, Math.min(policy.maxDelayMinutes, policy.baseDelayMinutes * 2 ** (retry - 1)));
  }
}

/** Steps a delay takes: at least one, since a retry cannot come back in the step that failed. */
function delaySteps(minutes: number, dt: number): number {
  return Math.max(1, Math.round(minutes / dt));
}

export function createRetryingClients(policy: RetryPolicy, dt: number): RetryingClients {
  const maxAttempts = Math.min(maxRetryAttempts, Math.max(1, Math.floor(policy.maxAttempts)));
  const levels = maxAttempts - 1;
  const delays = new Int32Array(Math.max(1, levels));
  for (let r = 1; r <= levels; r++) delays[r - 1] = delaySteps(retryDelayMinutes(policy, r), dt);
  let longest = 1;
  for (let l = 0; l < levels; l++) longest = Math.max(longest, delays[l]!);
  const ringLength = longest + 1;
  return {
    policy: { ...policy, maxAttempts },
    dt,
    levels,
    ringLength,
    due: new Float64Array(Math.max(1, levels) * ringLength),
    dueNow: new Float64Array(Math.max(1, levels)),
    delaySteps: delays,
    slot: 0,
    waiting: 0,
    gaveUp: 0,
    retried: 0,
  };
}

/**
 * The retries that come due in this step (all levels), removed from the waiting ones. Call
 * once per step, then `settleAttempts` with how the step's attempts fared.
 */
export function takeDueRetries(c: RetryingClients): number {
  // The fields in locals and the index stepped by a ring per level: this runs every step of
  // every replay, and reloading them after each typed-array store cost more than the sums.
  const due = c.due;
  const dueNow = c.dueNow;
  const ring = c.ringLength;
  const levels = c.levels;
  let total = 0;
  for (let l = 0, i = c.slot; l < levels; l++, i += ring) {
    const d = due[i]!;
    due[i] = 0;
    dueNow[l] = d;
    total += d;
  }
  let waiting = c.waiting - total;
  // Floating-point sums drift below zero by a few ulps; there is never negative waiting.
  if (waiting < 1e-9 * (total + 1)) waiting = Math.max(0, waiting);
  c.waiting = waiting;
  c.retried += total;
  return total;
}

/**
 * Record how this step's attempts fared and move to the next step: `firstFailed` first
 * attempts failed, and the fraction `failFraction` of the retries taken by `takeDueRetries`
 * failed. Failures are scheduled for their next retry, or given up after the last attempt.
 */
export function settleAttempts(c: RetryingClients, firstFailed: number, failFraction: number): void {
  const f = Math.min(1, Math.max(0, failFraction));
  const dueNow = c.dueNow;
  const levels = c.levels;
  // Highest level first, so a failure scheduled into level l+1 is not mistaken for one due now.
  // A cohort due together is scheduled here, inline (the common case, run every step); full
  // jitter's spread is a function of its own, so this stays small enough for V8 to inline.
  // `waiting` and `gaveUp` are summed in locals in the order `schedule` would add to them.
  const due = c.due;
  const delays = c.delaySteps;
  const ring = c.ringLength;
  const slot = c.slot;
  const spread = c.policy.jitter;
  let waiting = c.waiting;
  let gaveUp = c.gaveUp;
  for (let l = levels - 1; l >= 0; l--) {
    const failed = dueNow[l]! * f;
    dueNow[l] = 0;
    if (failed === 0) continue;
    if (l + 1 < levels) {
      const steps = delays[l + 1]!;
      if (spread && steps > 1) spreadOverDelay(c, l + 1, failed, steps);
      else {
        // slot < ring and steps < ring (the ring is longer than the longest delay): one wrap at most.
        const at = slot + steps;
        due[(l + 1) * ring + (at >= ring ? at - ring : at)]! += failed;
      }
      waiting += failed;
    } else gaveUp += failed;
  }
  const first = Math.max(0, firstFailed);
  if (first > 0) {
    if (levels > 0) {
      const steps = delays[0]!;
      if (spread && steps > 1) spreadOverDelay(c, 0, first, steps);
      else {
        const at = slot + steps;
        due[at >= ring ? at - ring : at]! += first;
      }
      waiting += first;
    } else gaveUp += first;
  }
  c.waiting = waiting;
  c.gaveUp = gaveUp;
  // Slots wrap by a comparison, not `%`: an integer division costs more than the rest of a step here.
  const next = slot + 1;
  c.slot = next === ring ? 0 : next;
}

/** Schedule `amount` failures for retry level `level` (retry number level+1). */
function schedule(c: RetryingClients, level: number, amount: number): void {
  const steps = c.delaySteps[level]!;
  if (c.policy.jitter && steps > 1) spreadOverDelay(c, level, amount, steps);
  else {
    const ring = c.ringLength;
    const at = c.slot + steps;
    c.due[level * ring + (at >= ring ? at - ring : at)]! += amount;
  }
  c.waiting += amount;
}

/** Full jitter: the cohort spread evenly over the `steps` slots after this one. */
function spreadOverDelay(c: RetryingClients, level: number, amount: number, steps: number): void {
  const ring = c.ringLength;
  const base = level * ring;
  const share = amount / steps;
  // slot < ring and steps < ring, so slot + k wraps at most once.
  for (let k = 1; k <= steps; k++) {
    const at = c.slot + k;
    c.due[base + (at >= ring ? at - ring : at)]! += share;
  }
}

/**
 * The same clients under a new policy. Requests already waiting keep their retry number and
 * are rescheduled from now under the new delays (a client picks up a new configuration on its
 * next failure, not in the middle of a wait: the difference is at most one old delay).
 */
export function withRetryPolicy(c: RetryingClients, policy: RetryPolicy): RetryingClients {
  const next = createRetryingClients(policy, c.dt);
  next.gaveUp = c.gaveUp;
  next.retried = c.retried;
  for (let l = 0; l < c.levels; l++) {
    let pending = 0;
    for (let s = 0; s < c.ringLength; s++) pending += c.due[l * c.ringLength + s]!;
    if (pending === 0) continue;
    if (l < next.levels) schedule(next, l, pending);
    else next.gaveUp += pending;
  }
  return next;
}
