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

/** `takeDueRetries` for seed r, at ring slot `slot`. */
export function takeDueSeed(c: RetryingSeeds, r: number, slot: number): number {
  const n = c.seeds;
  const due = c.due;
  let total = 0;
  for (let l = 0; l < c.levels; l++) {
    const i = (l * c.ringLength + slot) * n + r;
    const d = due[i]!;
    due[i] = 0;
    c.dueNow[l * n + r] = d;
    total += d;
  }
  let waiting = c.waiting[r]! - total;
  if (waiting < 1e-9 * (total + 1)) waiting = Math.max(0, waiting);
  c.waiting[r] = waiting;
  c.retried[r]! += total;
  return total;
}

/** `settleAttempts` for seed r at the current slot, without moving to the next slot (the caller does, once for the batch). */
export function settleSeed(c: RetryingSeeds, r: number, firstFailed: number, failFraction: number): void {
  const n = c.seeds;
  const f = Math.min(1, Math.max(0, failFraction));
  for (let l = c.levels - 1; l >= 0; l--) {
    const failed = c.dueNow[l * n + r]! * f;
    c.dueNow[l * n + r] = 0;
    if (failed === 0) continue;
    if (l + 1 < c.levels) scheduleSeed(c, r, l + 1, failed);
    else c.gaveUp[r]! += failed;
  }
  const first = Math.max(0, firstFailed);
  if (first > 0) {
    if (c.levels > 0) scheduleSeed(c, r, 0, first);
    else c.gaveUp[r]! += first;
  }
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
