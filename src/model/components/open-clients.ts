// open-clients: an open population of clients (new requests arrive from outside at a rate,
// whatever happened before) that retry failed attempts under a backoff policy, built on the
// retry rings of retrying-clients.ts. Each step:
//   1. collect the outcomes of the attempts sent last step (`succeeded`, `failed`): the share
//      f = failed / (succeeded + failed) of last step's first attempts and of each retry level
//      failed; failures wait out their backoff delay, after `maxAttempts` they are given up;
//   2. send new requests (λ·dt, Poisson in Monte Carlo) plus the retries due now to `incoming`.
// Equations of the backoff: delay of retry k = 0 (none), base (constant) or min(max, base·2^(k−1))
// (exponential); full jitter spreads a cohort uniformly over (0, delay].
import type { ComponentType } from '../compose/component.js';
import type { RandomSource } from '../types.js';
import {
  backoffKinds,
  createRetryingClients,
  retryDelayMinutes,
  settleAttempts,
  takeDueRetries,
  withRetryPolicy,
  type RetryingClients,
} from './retrying-clients.js';
import { applyOpenClientsAction, endSpikeIfDue, policyOf } from './open-clients-policy.js';
import { openClientsSeeds } from './open-clients-seeds.js';

interface State {
  clients: RetryingClients;
  /** Multiplier on the arrival rate (a spike), and when a timed spike ends. */
  loadFactor: number;
  endsAt: number;
  paused: boolean;
  /** First attempts sent last step, for settling their outcome. */
  sentFresh: number;
  sentAny: boolean;
}

export const openClients: ComponentType<State> = {
  type: 'open-clients',
  description: 'Requests arriving from outside at a rate, whose failed attempts are retried under a backoff policy and given up after the last attempt.',
  equations: 'sent = λ·dt + retries due; failed attempts of level k come back after delay(k+1); after maxAttempts they are given up',
  parameters: {
    load: { unit: 'requests/min', description: 'new requests offered per minute', min: 0, extensive: true },
    maxAttempts: { unit: 'attempts', description: 'attempts per request including the first; 1 disables retries', default: 1, min: 1, max: 64, integer: true },
    backoff: { unit: 'code', description: 'backoff between attempts: 0 none (retry the next step), 1 constant, 2 exponential', default: 0, min: 0, max: 2, integer: true },
    baseDelay: { unit: 'min', description: 'delay before the first retry (every retry when constant)', default: 0, min: 0 },
    maxDelay: { unit: 'min', description: 'cap on the exponential backoff delay', default: 0, min: 0 },
    jitter: { unit: 'flag', description: '1: full jitter, each retry waits uniformly up to its delay', default: 0, min: 0, max: 1, integer: true },
  },
  stocks: {
    incoming: { unit: 'requests', access: 'write', description: 'where attempts are sent (a service’s `incoming`)' },
    succeeded: { unit: 'requests', access: 'write', description: 'answered attempts to collect' },
    failed: { unit: 'requests', access: 'write', description: 'failed attempts to collect' },
    outside: { unit: 'requests', access: 'write', optional: true, role: 'source', description: 'where new attempts come from' },
    done: { unit: 'requests', access: 'write', optional: true, role: 'sink', description: 'collected outcomes' },
  },
  flows: {
    attempts: { unit: 'requests', description: 'attempts sent (new requests and retries)' },
    fresh: { unit: 'requests', description: 'new requests sent' },
    retries: { unit: 'requests', description: 'retries sent' },
    collected: { unit: 'requests', description: 'outcomes collected' },
  },
  actions: {
    trigger: {
      description: 'a load spike: the arrival rate multiplied, optionally for a while',
      args: {
        loadFactor: { description: 'multiplier on the arrival rate, e.g. 3 for a spike', min: 0 },
        forMinutes: { description: 'the spike ends by itself after this many minutes', unit: 'min', min: 0 },
      },
    },
    restore: { description: 'end a spike: the arrival rate back to `load`' },
    pause: { description: 'clients stop sending (new requests are turned away, retries wait)' },
    resume: { description: 'clients send again' },
    'set-backoff': {
      description: 'change the retry policy (waiting retries are rescheduled under it)',
      args: {
        policy: { description: '`none`, `constant` or `exponential`', type: 'string', values: backoffKinds },
        baseDelay: { description: 'minutes before the first retry', unit: 'min', min: 0 },
        maxDelay: { description: 'cap on the exponential delay, minutes', unit: 'min', min: 0 },
        jitter: { description: 'true for full jitter', type: 'boolean' },
        maxAttempts: { description: 'attempts per request including the first', min: 1, max: 64 },
      },
    },
    'disable-retries': { description: 'clients stop retrying; waiting retries are given up' },
  },
  seeds: openClientsSeeds,
  timeConstants(p) {
    const policy = policyOf(p);
    const out = [];
    for (let r = 1; r < Math.min(64, p.maxAttempts!); r++) {
      const d = retryDelayMinutes(policy, r);
      if (d > 0) out.push({ parameter: r === 1 || policy.backoff === 'constant' ? 'baseDelay' : 'maxDelay', minutes: d });
      if (policy.backoff !== 'exponential') break;
    }
    return out;
  },

  init(api) {
    return {
      clients: createRetryingClients(policyOf(api.p), api.dt),
      loadFactor: 1,
      endsAt: Number.POSITIVE_INFINITY,
      paused: false,
      sentFresh: 0,
      sentAny: false,
    };
  },

  apply(s, action, args, api) {
    applyOpenClientsAction(s, action, args, api.t, withRetryPolicy);
  },

  step(s, api) {
    const v = api.values;
    const port = api.port;
    const flow = api.flow;
    endSpikeIfDue(s, api.t);
    // 1. Outcomes of last step's attempts.
    const good = v[port.succeeded!]!;
    const bad = v[port.failed!]!;
    if (s.sentAny) {
      const failFraction = good + bad > 0 ? bad / (good + bad) : 0;
      settleAttempts(s.clients, s.sentFresh * failFraction, failFraction);
    }
    api.move(port.succeeded!, port.done!, good, flow.collected!);
    api.move(port.failed!, port.done!, bad, flow.collected!);
    // 2. New requests and the retries due. A paused client sends nothing; its retries wait.
    if (s.paused) {
      s.sentAny = false;
      return;
    }
    const expected = Math.max(0, api.p.load! * s.loadFactor) * api.dt;
    const fresh = api.random ? drawArrivals(api.random, expected) : expected;
    const retries = takeDueRetries(s.clients);
    api.move(port.outside!, port.incoming!, fresh, flow.fresh!);
    api.move(port.outside!, port.incoming!, retries, flow.retries!);
    api.count(flow.attempts!, fresh + retries);
    s.sentFresh = fresh;
    s.sentAny = true;
  },

  // `step` above, line for line, for the generated span loop (step-kernel.ts).
  kernel: {
    helpers: [endSpikeIfDue, settleAttempts, takeDueRetries, drawArrivals],
    source: (e) => `${e.helper(0)}(s, a.t);
const good = v[${e.port('succeeded')}];
const bad = v[${e.port('failed')}];
if (s.sentAny) {
  const failFraction = good + bad > 0 ? bad / (good + bad) : 0;
  ${e.helper(1)}(s.clients, s.sentFresh * failFraction, failFraction);
}
${e.move('succeeded', 'done', 'good', 'collected')}
${e.move('failed', 'done', 'bad', 'collected')}
if (s.paused) s.sentAny = false;
else {
  const expected = Math.max(0, a.p.load * s.loadFactor) * a.dt;
  const fresh = a.random ? ${e.helper(3)}(a.random, expected) : expected;
  const retries = ${e.helper(2)}(s.clients);
  ${e.move('outside', 'incoming', 'fresh', 'fresh')}
  ${e.move('outside', 'incoming', 'retries', 'retries')}
  ${e.count('attempts', 'fresh + retries')}
  s.sentFresh = fresh;
  s.sentAny = true;
}`,
  },
};

/** New requests this step: Poisson around `expected` on the instance's own stream. */
function drawArrivals(random: RandomSource, expected: number): number {
  return random.poisson('arrivals', expected);
}
