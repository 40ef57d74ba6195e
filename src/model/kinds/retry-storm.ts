// retry-storm: a service with a FIFO queue in front of it, clients with a timeout that retry
// failed requests. The generic shape of a metastable failure (Huang et al., OSDI 2022): a
// trigger (capacity drop or load spike) pushes the queue's wait past the clients' timeout;
// from then on every request the service completes is one its client already abandoned, each
// abandoned request comes back as a retry, and the extra load keeps the queue long after the
// trigger is gone. Load shedding (refuse what would wait past the timeout), backoff and added
// capacity are the ways out.
//
// A fluid model, one step at a time (rates are per minute, amounts per step):
//   attempts  A = new requests + retries due
//   admitted  = A, or with load shedding only what fits under capacity·timeout of queue
//   queue     Q' = max(0, Q + admitted − capacity·dt)   (served = Q + admitted − Q')
//   wait      w = Q / capacity; an admitted request times out when the wait it sees exceeds
//             the timeout. Arrivals during the step see the wait move from Q/c to Q'/c, so the
//             fraction timing out is the part of that range above the timeout.
//   goodput   admitted − timed out (counted when admitted: they complete within the timeout)
//   errors    shed + timed out; each failure is retried by the retrying-clients component.
// The server still serves timed-out requests (wasted work); only shedding avoids that.
// Monte Carlo: new requests per step are Poisson around load·dt (stream `arrivals`).
import type { ModelKind, StepContext } from '../types.js';
import {
  backoffKinds,
  createRetryingClients,
  settleAttempts,
  takeDueRetries,
  withRetryPolicy,
  type BackoffKind,
  type RetryingClients,
  type RetryPolicy,
} from '../components/retrying-clients.js';
import { startRamp, stepRamp, type Ramp } from '../components/operator-actions.js';

export interface RetryStormState {
  /** Requests queued at the service. */
  queue: number;
  /** Multiplier on the `capacity` parameter (a trigger drops it). */
  capacityFactor: number;
  /** Multiplier on the `load` parameter (a trigger spikes it). */
  loadFactor: number;
  /** Minutes at which a timed trigger ends (Infinity: it lasts). */
  triggerEndsAt: number;
  /** Capacity added by operators so far, requests/minute. */
  added: number;
  ramps: Ramp[];
  shedding: boolean;
  clients: RetryingClients;
  // Flows of the last step, per minute, for `observe`.
  goodput: number;
  attempts: number;
  retries: number;
  failed: number;
  shed: number;
  // Running totals, for the conservation checks.
  totalNew: number;
  totalGood: number;
  totalAdmitted: number;
  totalServed: number;
}

const backoffCode: Record<number, BackoffKind> = { 0: 'none', 1: 'constant', 2: 'exponential' };

function policyFromParams(p: Readonly<Record<string, number>>): RetryPolicy {
  return {
    maxAttempts: p.maxAttempts!,
    backoff: backoffCode[p.backoff!] ?? 'none',
    baseDelayMinutes: p.baseDelay!,
    maxDelayMinutes: p.maxDelay!,
    jitter: p.jitter! > 0,
  };
}

function capacityNow(s: RetryStormState, ctx: StepContext): number {
  return Math.max(0, ctx.params.capacity! * s.capacityFactor + s.added);
}

/** Fraction of a wait that moves linearly from w0 to w1 spending time above `limit`. */
export function fractionAbove(w0: number, w1: number, limit: number): number {
  if (w0 <= limit && w1 <= limit) return 0;
  if (w0 > limit && w1 > limit) return 1;
  // Exactly one end is above. An infinite end (a vanishing capacity) spends all the time above.
  if (!Number.isFinite(w0) || !Number.isFinite(w1)) return 1;
  return w1 > w0 ? (w1 - limit) / (w1 - w0) : (w0 - limit) / (w0 - w1);
}

export const retryStorm: ModelKind<RetryStormState> = {
  id: 'retry-storm',
  description:
    'A service behind a FIFO queue with clients that time out and retry: capacity, offered load, timeout, retries with a backoff policy, load shedding, added capacity.',
  parameters: {
    capacity: { unit: 'requests/min', description: 'requests the service completes per minute when healthy' },
    load: { unit: 'requests/min', description: 'new requests offered per minute' },
    timeout: { unit: 'min', description: 'how long a client waits before it gives the attempt up' },
    maxAttempts: { unit: 'attempts', description: 'attempts per request including the first; 1 disables retries', default: 1 },
    backoff: { unit: 'code', description: 'backoff between attempts: 0 none (retry at once), 1 constant, 2 exponential', default: 0 },
    baseDelay: { unit: 'min', description: 'delay before the first retry (every retry when constant)', default: 0 },
    maxDelay: { unit: 'min', description: 'cap on the exponential backoff delay', default: 0 },
    jitter: { unit: 'flag', description: '1: full jitter, each retry waits uniformly up to its delay; 0: exactly its delay', default: 0 },
    loadShedding: { unit: 'flag', description: '1: the service refuses requests that would wait past the timeout', default: 0 },
  },
  series: {
    goodput: {
      title: 'Goodput',
      unit: 'requests/min',
      description: 'requests answered before their client timed out',
      worse: 'lower',
    },
    errorPercent: {
      title: 'Errors',
      unit: 'percent',
      description: 'attempts that failed (timed out or refused), % of attempts',
      threshold: 5,
      recoveryLevel: 1,
    },
    queue: { title: 'Queue', unit: 'requests', description: 'requests waiting at the service' },
    wait: { title: 'Queue wait', unit: 'min', description: 'time a request arriving now would wait' },
    retryLoad: { title: 'Retry load', unit: 'requests/min', description: 'retries arriving per minute' },
    attempts: { title: 'Attempts', unit: 'requests/min', description: 'new requests plus retries per minute' },
    capacity: {
      title: 'Capacity',
      unit: 'requests/min',
      description: 'requests the service can complete per minute now',
      worse: 'lower',
    },
  },
  primarySeries: 'errorPercent',
  actions: {
    trigger: {
      description: 'capacity drop and/or load spike, multiplying the parameters, optionally for a while',
      args: {
        capacityFactor: { description: 'multiplier on capacity, e.g. 0.5 for half the servers lost' },
        loadFactor: { description: 'multiplier on load, e.g. 3 for a spike' },
        forMinutes: { description: 'the trigger ends by itself after this many minutes' },
      },
    },
    restore: { description: 'end a trigger: capacity and load multipliers back to 1' },
    'add-capacity': {
      description: 'operators add capacity, at once or ramped',
      args: {
        amount: { description: 'requests/min of capacity added in total', required: true },
        overMinutes: { description: 'spread the addition over this many minutes' },
        ratePerMinute: { description: 'or add at this many requests/min per minute' },
      },
    },
    'enable-load-shedding': { description: 'refuse requests that would wait past the timeout' },
    'disable-load-shedding': { description: 'queue every request again' },
    'set-backoff': {
      description: 'change the clients’ retry policy (waiting retries are rescheduled under it)',
      args: {
        policy: { description: '`none`, `constant` or `exponential`' },
        baseDelay: { description: 'minutes before the first retry' },
        maxDelay: { description: 'cap on the exponential delay, minutes' },
        jitter: { description: 'true for full jitter' },
        maxAttempts: { description: 'attempts per request including the first' },
      },
    },
    'disable-retries': { description: 'clients stop retrying; waiting retries are given up' },
  },

  init(ctx) {
    const p = ctx.params;
    const capacity = Math.max(0, p.capacity!);
    const load = Math.max(0, p.load!);
    // The instant before the replay: an empty queue, so nothing has timed out yet.
    const goodput = Math.min(load, capacity);
    return {
      queue: 0,
      capacityFactor: 1,
      loadFactor: 1,
      triggerEndsAt: Number.POSITIVE_INFINITY,
      added: 0,
      ramps: [],
      shedding: p.loadShedding! > 0,
      clients: createRetryingClients(policyFromParams(p), ctx.dt),
      goodput,
      attempts: load,
      retries: 0,
      failed: 0,
      shed: 0,
      totalNew: 0,
      totalGood: 0,
      totalAdmitted: 0,
      totalServed: 0,
    };
  },

  apply(s, action, args, ctx) {
    switch (action) {
      case 'trigger':
        if (typeof args.capacityFactor === 'number') s.capacityFactor = Math.max(0, args.capacityFactor);
        if (typeof args.loadFactor === 'number') s.loadFactor = Math.max(0, args.loadFactor);
        s.triggerEndsAt = typeof args.forMinutes === 'number' ? ctx.t + args.forMinutes : Number.POSITIVE_INFINITY;
        break;
      case 'restore':
        s.capacityFactor = 1;
        s.loadFactor = 1;
        s.triggerEndsAt = Number.POSITIVE_INFINITY;
        break;
      case 'add-capacity': {
        const amount = Number(args.amount ?? 0);
        s.ramps.push(
          startRamp(amount, {
            overMinutes: typeof args.overMinutes === 'number' ? args.overMinutes : undefined,
            ratePerMinute: typeof args.ratePerMinute === 'number' ? args.ratePerMinute : undefined,
          }),
        );
        break;
      }
      case 'enable-load-shedding':
        s.shedding = true;
        break;
      case 'disable-load-shedding':
        s.shedding = false;
        break;
      case 'set-backoff': {
        const old = s.clients.policy;
        const policy = typeof args.policy === 'string' ? args.policy : old.backoff;
        if (!backoffKinds.includes(policy as BackoffKind)) {
          throw new Error(`set-backoff: unknown policy \`${policy}\`, expected one of ${backoffKinds.join(', ')}`);
        }
        s.clients = withRetryPolicy(s.clients, {
          backoff: policy as BackoffKind,
          baseDelayMinutes: typeof args.baseDelay === 'number' ? args.baseDelay : old.baseDelayMinutes,
          maxDelayMinutes: typeof args.maxDelay === 'number' ? args.maxDelay : old.maxDelayMinutes,
          jitter: typeof args.jitter === 'boolean' ? args.jitter : old.jitter,
          maxAttempts: typeof args.maxAttempts === 'number' ? args.maxAttempts : old.maxAttempts,
        });
        break;
      }
      case 'disable-retries':
        s.clients = withRetryPolicy(s.clients, { ...s.clients.policy, maxAttempts: 1 });
        break;
      default:
        throw new Error(`retry-storm has no action \`${action}\``);
    }
  },

  step(s, ctx) {
    const dt = ctx.dt;
    if (ctx.t >= s.triggerEndsAt - 1e-9) {
      s.capacityFactor = 1;
      s.loadFactor = 1;
      s.triggerEndsAt = Number.POSITIVE_INFINITY;
    }
    for (let i = 0; i < s.ramps.length; i++) s.added += stepRamp(s.ramps[i]!, dt);

    const capacity = capacityNow(s, ctx);
    const timeout = Math.max(0, ctx.params.timeout!);
    const expectedNew = Math.max(0, ctx.params.load! * s.loadFactor) * dt;
    const fresh = ctx.random ? ctx.random.poisson('arrivals', expectedNew) : expectedNew;
    const retries = takeDueRetries(s.clients);
    const attempts = fresh + retries;

    const q0 = s.queue;
    const serveable = capacity * dt;
    let admitted = attempts;
    if (s.shedding) {
      // Keep at most capacity·timeout queued after this step's service: nothing admitted
      // then waits longer than the timeout.
      admitted = Math.min(attempts, Math.max(0, capacity * timeout + serveable - q0));
    }
    const shed = attempts - admitted;
    const q1 = Math.max(0, q0 + admitted - serveable);
    const served = q0 + admitted - q1;
    const timedOutFraction =
      admitted === 0 ? 0 : capacity > 0 ? fractionAbove(q0 / capacity, q1 / capacity, timeout) : 1;
    const timedOut = admitted * timedOutFraction;
    const good = admitted - timedOut;
    const failed = shed + timedOut;
    const failFraction = attempts > 0 ? failed / attempts : 0;
    settleAttempts(s.clients, fresh * failFraction, failFraction);

    s.queue = q1;
    s.goodput = good / dt;
    s.attempts = attempts / dt;
    s.retries = retries / dt;
    s.failed = failed / dt;
    s.shed = shed / dt;
    s.totalNew += fresh;
    s.totalGood += good;
    s.totalAdmitted += admitted;
    s.totalServed += served;
  },

  observe(s, ctx, out) {
    const capacity = capacityNow(s, ctx);
    out.goodput = s.goodput;
    out.errorPercent = s.attempts > 0 ? (100 * s.failed) / s.attempts : 0;
    out.queue = s.queue;
    out.wait = capacity > 0 ? s.queue / capacity : s.queue > 0 ? Number.POSITIVE_INFINITY : 0;
    out.retryLoad = s.retries;
    out.attempts = s.attempts;
    out.capacity = capacity;
  },

  invariants(s) {
    const problems: string[] = [];
    const c = s.clients;
    for (const [name, v] of Object.entries({
      queue: s.queue,
      goodput: s.goodput,
      attempts: s.attempts,
      retries: s.retries,
      failed: s.failed,
      shed: s.shed,
      waiting: c.waiting,
      gaveUp: c.gaveUp,
    })) {
      if (!(v >= 0)) problems.push(`${name} is ${v}, expected ≥ 0`);
    }
    const scale = 1e-9 * (s.totalNew + s.totalAdmitted + 1);
    // Every new request has succeeded, been given up, or waits to retry.
    const accounted = s.totalGood + c.gaveUp + c.waiting;
    if (Math.abs(s.totalNew - accounted) > scale * 100) {
      problems.push(`requests not conserved: ${s.totalNew} new, ${accounted} succeeded + given up + waiting`);
    }
    // Every admitted attempt has been served or is still queued.
    if (Math.abs(s.totalAdmitted - s.totalServed - s.queue) > scale * 100) {
      problems.push(`queue not conserved: ${s.totalAdmitted} admitted, ${s.totalServed} served, ${s.queue} queued`);
    }
    return problems;
  },
};
