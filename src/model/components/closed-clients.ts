// closed-clients: a fixed population of clients (storage servers, hosts, sidecars) that each
// send one request every `requestInterval` while in service. With `leaveOnTimeout`, a client
// whose request fails takes itself out of service and retries every `retryInterval` until a
// request succeeds, then rejoins: the mechanism that held the customer-facing error rate of a
// storage fleet on a plateau while its metadata service stayed overloaded (out-of-service
// clients retry more often than in-service ones refresh, so the load they add keeps the
// service over capacity). Each step (amounts per step):
//   1. collect last step's outcomes, f = failed / (succeeded + failed):
//        in-service senders that failed   I_sent·f      → out of service, retry after retryInterval
//        retries that succeeded           R_sent·(1−f)  → in service
//        retries that failed              R_sent·f      → retry again after retryInterval
//   2. send: I·dt / requestInterval from in-service clients, plus the retries due now.
// Clients only move between `inService` and `outOfService`, so the population is conserved.
import type { ComponentType } from '../compose/component.js';

interface State {
  /** Out-of-service clients due to retry, by the step they come due in (a ring). */
  due: Float64Array;
  slot: number;
  /** Retries held back while paused, sent on resume. */
  held: number;
  sentIn: number;
  sentRetries: number;
  paused: boolean;
}

const steps = (minutes: number, dt: number) => Math.max(1, Math.round(minutes / dt));

export const closedClients: ComponentType<State> = {
  type: 'closed-clients',
  description:
    'A fixed population of clients that each send a request every interval; with leaveOnTimeout, a client whose request fails leaves service and retries until one succeeds.',
  equations:
    'sent = I·dt/requestInterval + retries due; failed in-service senders leave (I → O) and retry after retryInterval; successful retries rejoin (O → I)',
  parameters: {
    clients: { unit: 'clients', description: 'clients in the population (all in service at the start)', min: 0, extensive: true },
    requestInterval: { unit: 'min', description: 'time between two requests of a client in service', min: 1e-6 },
    retryInterval: { unit: 'min', description: 'time from a failed attempt’s start to the next try (timeout plus backoff)', min: 1e-6 },
    leaveOnTimeout: { unit: 'flag', description: '1: a client whose request fails leaves service until a request succeeds', default: 1, min: 0, max: 1, integer: true },
  },
  stocks: {
    inService: { unit: 'clients', access: 'write', description: 'clients in service' },
    outOfService: { unit: 'clients', access: 'write', description: 'clients that took themselves out of service' },
    incoming: { unit: 'requests', access: 'write', description: 'where requests are sent (a service’s `incoming`)' },
    succeeded: { unit: 'requests', access: 'write', description: 'answered requests to collect' },
    failed: { unit: 'requests', access: 'write', description: 'failed requests to collect' },
    population: { unit: 'clients', access: 'write', optional: true, role: 'source', description: 'where the clients come from at the start' },
    outside: { unit: 'requests', access: 'write', optional: true, role: 'source', description: 'where requests come from' },
    done: { unit: 'requests', access: 'write', optional: true, role: 'sink', description: 'collected outcomes' },
  },
  flows: {
    attempts: { unit: 'requests', description: 'requests sent' },
    retries: { unit: 'requests', description: 'requests sent by out-of-service clients' },
    left: { unit: 'clients', description: 'clients that left service' },
    rejoined: { unit: 'clients', description: 'clients that rejoined service' },
    collected: { unit: 'requests', description: 'outcomes collected' },
  },
  actions: {
    pause: { description: 'operators pause the clients’ requests (clients keep their state; retries wait)' },
    resume: { description: 'requests resume; retries held during the pause go out at once' },
  },
  timeConstants: (p) => [
    { parameter: 'retryInterval', minutes: p.retryInterval! },
    { parameter: 'requestInterval', minutes: p.requestInterval! },
  ],

  init(api) {
    api.move(api.port.population!, api.port.inService!, Math.max(0, api.p.clients!), api.flow.rejoined!);
    return { due: new Float64Array(steps(api.p.retryInterval!, api.dt) + 1), slot: 0, held: 0, sentIn: 0, sentRetries: 0, paused: false };
  },

  apply(s, action) {
    if (action === 'pause') s.paused = true;
    else if (action === 'resume') s.paused = false;
  },

  step(s, api) {
    const v = api.values;
    const port = api.port;
    const flow = api.flow;
    const ring = s.due;
    // 1. Outcomes of last step's requests.
    const good = v[port.succeeded!]!;
    const bad = v[port.failed!]!;
    const f = good + bad > 0 ? bad / (good + bad) : 0;
    api.move(port.succeeded!, port.done!, good, flow.collected!);
    api.move(port.failed!, port.done!, bad, flow.collected!);
    // A retry starts `retryInterval` after the failed request started, which was one step ago.
    const retryAt = (s.slot + steps(api.p.retryInterval!, api.dt) - 1) % ring.length;
    const leaving = api.p.leaveOnTimeout! > 0 ? api.move(port.inService!, port.outOfService!, s.sentIn * f, flow.left!) : 0;
    const rejoining = api.move(port.outOfService!, port.inService!, s.sentRetries * (1 - f), flow.rejoined!);
    ring[retryAt]! += leaving + (s.sentRetries - rejoining);
    s.sentIn = 0;
    s.sentRetries = 0;
    // 2. Requests of this step.
    const dueNow = ring[s.slot]!;
    ring[s.slot] = 0;
    s.slot = (s.slot + 1) % ring.length;
    if (s.paused) {
      s.held += dueNow;
      return;
    }
    const retries = dueNow + s.held;
    s.held = 0;
    const fromInService = (v[port.inService!]! * api.dt) / api.p.requestInterval!;
    api.move(port.outside!, port.incoming!, fromInService, flow.attempts!);
    api.move(port.outside!, port.incoming!, retries, flow.retries!);
    api.count(flow.attempts!, retries);
    s.sentIn = fromInService;
    s.sentRetries = retries;
  },
};
