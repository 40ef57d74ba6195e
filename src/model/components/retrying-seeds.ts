// The retry rings of retrying-clients.ts with a seed dimension, for the batched contract of
// open-clients: what the policy fixes (delays, ring length, the current slot) is shared by the
// batch; what the outcomes decide (retries due, waiting, given up) is kept per seed, slot-major
// (`due[(level · ringLength + slot) · seeds + r]`). Each function does, for seed r, the
// arithmetic of its scalar twin in the same order, so both give the same bytes.
import { createRetryingClients, type RetryPolicy } from './retrying-clients.js';

export interface RetryingSeeds {
  readonly policy: RetryPolicy;
  readonly dt: number;
  readonly levels: number;
  readonly ringLength: number;
  readonly delaySteps: Int32Array;
  readonly seeds: number;
  readonly due: Float64Array;
  /** dueNow[level · seeds + r]: retries of that level taken by seed r this step. */
  readonly dueNow: Float64Array;
  /** Slot of the current step (the same for every seed: each settles once per step). */
  slot: number;
  readonly waiting: Float64Array;
  readonly gaveUp: Float64Array;
  readonly retried: Float64Array;
}

export function createRetryingSeeds(policy: RetryPolicy, dt: number, seeds: number): RetryingSeeds {
  const shape = createRetryingClients(policy, dt);
  const levels = Math.max(1, shape.levels);
  return {
    policy: shape.policy,
    dt,
    levels: shape.levels,
    ringLength: shape.ringLength,
    delaySteps: shape.delaySteps,
    seeds,
    due: new Float64Array(levels * shape.ringLength * seeds),
    dueNow: new Float64Array(levels * seeds),
    slot: 0,
    waiting: new Float64Array(seeds),
    gaveUp: new Float64Array(seeds),
    retried: new Float64Array(seeds),
  };
}

/** The slot after the current one. */
export function nextSlot(c: RetryingSeeds): number {
  const next = c.slot + 1;
  return next === c.ringLength ? 0 : next;
}

/**
 * `takeDueRetries` for every seed, at the current slot: `into[r]` gets seed r's retries due.
 * Level by level over the seeds, each seed's total summed in the scalar order (level 0 first).
 */
export function takeDueSeeds(c: RetryingSeeds, into: Float64Array): void {
  const n = c.seeds;
  const due = c.due;
  const dueNow = c.dueNow;
  into.fill(0, 0, n);
  for (let l = 0; l < c.levels; l++) {
    const at = (l * c.ringLength + c.slot) * n;
    const now = l * n;
    for (let r = 0; r < n; r++) {
      const d = due[at + r]!;
      due[at + r] = 0;
      dueNow[now + r] = d;
      into[r]! += d;
    }
  }
  const waiting = c.waiting;
  const retried = c.retried;
  for (let r = 0; r < n; r++) {
    const total = into[r]!;
    let w = waiting[r]! - total;
    if (w < 1e-9 * (total + 1)) w = Math.max(0, w);
    waiting[r] = w;
    retried[r]! += total;
  }
}

/**
 * `settleAttempts` for every seed at the current slot, without moving to the next slot (the
 * caller does, once for the batch): `firstFailed[r]` first attempts of seed r failed, and the
 * share `failFraction[r]` of its retries taken. Level by level over the seeds: each seed's
 * amounts land where, and in the order, the scalar function puts them.
 */
export function settleSeeds(c: RetryingSeeds, firstFailed: Float64Array, failFraction: Float64Array): void {
  const n = c.seeds;
  const dueNow = c.dueNow;
  const gaveUp = c.gaveUp;
  const due = c.due;
  const waiting = c.waiting;
  for (let r = 0; r < n; r++) failFraction[r] = Math.min(1, Math.max(0, failFraction[r]!));
  for (let l = c.levels - 1; l >= 0; l--) {
    const now = l * n;
    const last = l + 1 >= c.levels;
    // Without jitter, every seed's failures of this level land in one slot of the next level.
    const at = last || spread(c, l + 1) ? -1 : dueAt(c, l + 1);
    for (let r = 0; r < n; r++) {
      const failed = dueNow[now + r]! * failFraction[r]!;
      dueNow[now + r] = 0;
      if (failed === 0) continue;
      if (last) gaveUp[r]! += failed;
      else if (at >= 0) {
        due[at + r]! += failed;
        waiting[r]! += failed;
      } else scheduleSeed(c, r, l + 1, failed);
    }
  }
  const at = c.levels > 0 && !spread(c, 0) ? dueAt(c, 0) : -1;
  for (let r = 0; r < n; r++) {
    const first = Math.max(0, firstFailed[r]!);
    if (!(first > 0)) continue;
    if (c.levels === 0) gaveUp[r]! += first;
    else if (at >= 0) {
      due[at + r]! += first;
      waiting[r]! += first;
    } else scheduleSeed(c, r, 0, first);
  }
}

/** Whether failures scheduled for `level` spread over several slots (full jitter). */
function spread(c: RetryingSeeds, level: number): boolean {
  return c.policy.jitter && c.delaySteps[level]! > 1;
}

/** Index of seed 0 in the slot where failures scheduled now for `level` come due (no jitter). */
function dueAt(c: RetryingSeeds, level: number): number {
  const at = c.slot + c.delaySteps[level]!;
  return (level * c.ringLength + (at >= c.ringLength ? at - c.ringLength : at)) * c.seeds;
}

function scheduleSeed(c: RetryingSeeds, r: number, level: number, amount: number): void {
  const n = c.seeds;
  const steps = c.delaySteps[level]!;
  const ring = c.ringLength;
  const base = level * ring;
  if (c.policy.jitter && steps > 1) {
    const share = amount / steps;
    for (let k = 1; k <= steps; k++) {
      const at = c.slot + k;
      c.due[(base + (at >= ring ? at - ring : at)) * n + r]! += share;
    }
  } else {
    const at = c.slot + steps;
    c.due[(base + (at >= ring ? at - ring : at)) * n + r]! += amount;
  }
  c.waiting[r]! += amount;
}

/** `withRetryPolicy` for every seed of the batch. */
export function withRetryPolicySeeds(c: RetryingSeeds, policy: RetryPolicy): RetryingSeeds {
  const next = createRetryingSeeds(policy, c.dt, c.seeds);
  next.gaveUp.set(c.gaveUp);
  next.retried.set(c.retried);
  const n = c.seeds;
  for (let r = 0; r < n; r++) {
    for (let l = 0; l < c.levels; l++) {
      let pending = 0;
      for (let s = 0; s < c.ringLength; s++) pending += c.due[(l * c.ringLength + s) * n + r]!;
      if (pending === 0) continue;
      if (l < next.levels) scheduleSeed(next, r, l, pending);
      else next.gaveUp[r]! += pending;
    }
  }
  return next;
}
