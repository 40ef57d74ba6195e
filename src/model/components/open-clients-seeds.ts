// open-clients (open-clients.ts) for a batch of Monte Carlo seeds. A spike, a pause and the
// retry policy come from the timeline, so the batch shares them (and the retry rings' slot);
// arrivals, retries due and outcomes are per seed, each seed drawing its arrivals from its own
// `<instance>.arrivals` stream, as the scalar step does.
import { moveAt, type SeedsComponent } from '../compose/seeds-component.js';
import { poissonInto, type Generator } from '../random.js';
import { applyOpenClientsAction, endSpikeIfDue, policyOf } from './open-clients-policy.js';
import { createRetryingSeeds, nextSlot, settleSeeds, takeDueSeeds, withRetryPolicySeeds, type RetryingSeeds } from './retrying-seeds.js';

interface State {
  clients: RetryingSeeds;
  loadFactor: number;
  endsAt: number;
  paused: boolean;
  /** First attempts each seed sent last step. */
  sentFresh: Float64Array;
  sentAny: boolean;
  arrivals: Generator[] | null;
  /** Scratch, per seed: failed first attempts, the share of attempts failed, retries due. */
  first: Float64Array;
  share: Float64Array;
  retries: Float64Array;
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
      first: new Float64Array(api.seeds),
      share: new Float64Array(api.seeds),
      retries: new Float64Array(api.seeds),
    };
  },

  apply(s, action, args, api) {
    applyOpenClientsAction(s, action, args, api.t, withRetryPolicySeeds);
  },

  // The scalar step, phase by phase over the seeds (each phase a plain loop): settle last
  // step's outcomes at the current slot, collect them, move to the next slot, then send new
  // requests and the retries due there. Each seed sees the scalar order of operations on its
  // stocks, flows and rings (collecting and settling touch none of the same numbers, so the
  // outcomes are collected in the loop that reads them).
  step(s, api) {
    const v = api.values;
    const f = api.flows;
    const n = api.seeds;
    const port = api.port;
    const flow = api.flow;
    endSpikeIfDue(s, api.t);
    const c = s.clients;
    const succeededRow = port.succeeded! * n;
    const failedRow = port.failed! * n;
    const doneRow = port.done! * n;
    const collectedRow = flow.collected! * n;
    const succeededClamps = api.clamps(port.succeeded!);
    const failedClamps = api.clamps(port.failed!);
    const { sentFresh, first, share } = s;
    const sentAny = s.sentAny;
    for (let r = 0; r < n; r++) {
      const good = v[succeededRow + r]!;
      const bad = v[failedRow + r]!;
      if (sentAny) {
        const failFraction = good + bad > 0 ? bad / (good + bad) : 0;
        share[r] = failFraction;
        first[r] = sentFresh[r]! * failFraction;
      }
      moveAt(v, f, succeededRow + r, doneRow + r, collectedRow + r, succeededClamps, good);
      moveAt(v, f, failedRow + r, doneRow + r, collectedRow + r, failedClamps, bad);
    }
    if (sentAny) {
      settleSeeds(c, first, share);
      c.slot = nextSlot(c);
    }
    // A paused client sends nothing; its retries wait.
    if (s.paused) {
      s.sentAny = false;
      return;
    }
    const expected = Math.max(0, api.p.load! * s.loadFactor) * api.dt;
    const arrivals = s.arrivals;
    if (arrivals) poissonInto(arrivals, expected, sentFresh, n);
    else sentFresh.fill(expected);
    const retries = s.retries;
    takeDueSeeds(c, retries);
    const outsideRow = port.outside! * n;
    const incomingRow = port.incoming! * n;
    const freshRow = flow.fresh! * n;
    const retriesRow = flow.retries! * n;
    const attemptsRow = flow.attempts! * n;
    const outsideClamps = api.clamps(port.outside!);
    for (let r = 0; r < n; r++) {
      const fresh = sentFresh[r]!;
      const again = retries[r]!;
      moveAt(v, f, outsideRow + r, incomingRow + r, freshRow + r, outsideClamps, fresh);
      moveAt(v, f, outsideRow + r, incomingRow + r, retriesRow + r, outsideClamps, again);
      f[attemptsRow + r]! += fresh + again;
    }
    s.sentAny = true;
  },
};
