// open-clients (open-clients.ts) for a batch of Monte Carlo seeds. A spike, a pause and the
// retry policy come from the timeline, so the batch shares them (and the retry rings' slot);
// arrivals, retries due and outcomes are per seed, each seed drawing its arrivals from its own
// `<instance>.arrivals` stream, as the scalar step does.
import type { SeedsComponent } from '../compose/seeds-component.js';
import { numberArg } from '../compose/component.js';
import { poisson, type Generator } from '../random.js';
import type { BackoffKind } from './retrying-clients.js';
import { policyOf } from './open-clients-policy.js';
import { createRetryingSeeds, nextSlot, settleSeed, takeDueSeed, withRetryPolicySeeds, type RetryingSeeds } from './retrying-seeds.js';

interface State {
  clients: RetryingSeeds;
  loadFactor: number;
  endsAt: number;
  paused: boolean;
  /** First attempts each seed sent last step. */
  sentFresh: Float64Array;
  sentAny: boolean;
  arrivals: Generator[] | null;
}

export const openClientsSeeds: SeedsComponent<State> = {
  init(api) {
    return {
      clients: createRetryingSeeds(policyOf(api.p), api.dt, api.seeds),
      loadFactor: 1,
      endsAt: Number.POSITIVE_INFINITY,
      paused: false,
      sentFresh: new Float64Array(api.seeds),
      sentAny: false,
      arrivals: api.streams('arrivals'),
    };
  },

  apply(s, action, args, api) {
    switch (action) {
      case 'trigger': {
        const f = numberArg(args, 'loadFactor');
        if (f !== undefined) s.loadFactor = f;
        const forMinutes = numberArg(args, 'forMinutes');
        s.endsAt = forMinutes !== undefined ? api.t + forMinutes : Number.POSITIVE_INFINITY;
        break;
      }
      case 'restore':
        s.loadFactor = 1;
        s.endsAt = Number.POSITIVE_INFINITY;
        break;
      case 'pause':
        s.paused = true;
        break;
      case 'resume':
        s.paused = false;
        break;
      case 'set-backoff': {
        const old = s.clients.policy;
        s.clients = withRetryPolicySeeds(s.clients, {
          backoff: (typeof args.policy === 'string' ? args.policy : old.backoff) as BackoffKind,
          baseDelayMinutes: numberArg(args, 'baseDelay') ?? old.baseDelayMinutes,
          maxDelayMinutes: numberArg(args, 'maxDelay') ?? old.maxDelayMinutes,
          jitter: typeof args.jitter === 'boolean' ? args.jitter : old.jitter,
          maxAttempts: numberArg(args, 'maxAttempts') ?? old.maxAttempts,
        });
        break;
      }
      case 'disable-retries':
        s.clients = withRetryPolicySeeds(s.clients, { ...s.clients.policy, maxAttempts: 1 });
        break;
    }
  },

  // Per seed, the scalar step in its order: settle last step's outcomes (at the current slot),
  // collect them, then send new requests and the retries due in the next slot.
  step(s, api) {
    const v = api.values;
    const n = api.seeds;
    const port = api.port;
    const flow = api.flow;
    if (api.t >= s.endsAt - 1e-9) {
      s.loadFactor = 1;
      s.endsAt = Number.POSITIVE_INFINITY;
    }
    const c = s.clients;
    const sentAny = s.sentAny;
    const paused = s.paused;
    const dueSlot = sentAny ? nextSlot(c) : c.slot;
    const expected = Math.max(0, api.p.load! * s.loadFactor) * api.dt;
    const arrivals = s.arrivals;
    const sentFresh = s.sentFresh;
    const succeeded = port.succeeded!;
    const failed = port.failed!;
    const done = port.done!;
    const outside = port.outside!;
    const incoming = port.incoming!;
    const collected = flow.collected!;
    const freshFlow = flow.fresh!;
    const retriesFlow = flow.retries!;
    const attemptsFlow = flow.attempts!;
    for (let r = 0; r < n; r++) {
      const good = v[succeeded * n + r]!;
      const bad = v[failed * n + r]!;
      if (sentAny) {
        const failFraction = good + bad > 0 ? bad / (good + bad) : 0;
        settleSeed(c, r, sentFresh[r]! * failFraction, failFraction);
      }
      api.move(succeeded, done, r, good, collected);
      api.move(failed, done, r, bad, collected);
      if (paused) continue;
      const fresh = arrivals ? poisson(arrivals[r]!, expected) : expected;
      const retries = takeDueSeed(c, r, dueSlot);
      api.move(outside, incoming, r, fresh, freshFlow);
      api.move(outside, incoming, r, retries, retriesFlow);
      api.count(attemptsFlow, r, fresh + retries);
      sentFresh[r] = fresh;
    }
    c.slot = dueSlot;
    s.sentAny = !paused;
  },
};
