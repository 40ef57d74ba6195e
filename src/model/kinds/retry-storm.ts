// retry-storm: a service with a FIFO queue in front of it, clients with a timeout that retry
// failed requests. The generic shape of a metastable failure (Huang et al., OSDI 2022): a
// trigger (capacity drop or load spike) pushes the queue's wait past the clients' timeout;
// from then on every request the service completes is one its client already abandoned, each
// abandoned request comes back as a retry, and the extra load keeps the queue long after the
// trigger is gone. Load shedding (refuse what would wait past the timeout), backoff and added
// capacity are the ways out.
//
// A composition of three library components (the equations are in each component's file):
// `capacity` (the service's capacity, triggers and additions), `open-clients` (arrivals and
// retries under a backoff policy) and `service-queue` (the queue, its timeout and shedding).
import type { Composition } from '../compose/composition.js';
import { compileComposition } from '../compose/compile-composition.js';
import { componentTypes } from '../compose/component-types.js';

export const retryStormComposition: Composition = {
  id: 'retry-storm',
  description:
    'A service behind a FIFO queue with clients that time out and retry: capacity, offered load, timeout, retries with a backoff policy, load shedding, added capacity.',
  parameters: {
    capacity: { unit: 'requests/min', description: 'requests the service completes per minute when healthy', min: 0, max: 1e12 },
    load: { unit: 'requests/min', description: 'new requests offered per minute', min: 0, max: 1e12 },
    timeout: { unit: 'min', description: 'how long a client waits before it gives the attempt up', min: 0, max: 1e6 },
    maxAttempts: { unit: 'attempts', description: 'attempts per request including the first; 1 disables retries', default: 1, min: 1, max: 64, integer: true },
    backoff: { unit: 'code', description: 'backoff between attempts: 0 none (retry at once), 1 constant, 2 exponential', default: 0, min: 0, max: 2, integer: true },
    baseDelay: { unit: 'min', description: 'delay before the first retry (every retry when constant)', default: 0, min: 0, max: 1e6 },
    maxDelay: { unit: 'min', description: 'cap on the exponential backoff delay', default: 0, min: 0, max: 1e6 },
    jitter: { unit: 'flag', description: '1: full jitter, each retry waits uniformly up to its delay; 0: exactly its delay', default: 0, min: 0, max: 1, integer: true },
    loadShedding: { unit: 'flag', description: '1: the service refuses requests that would wait past the timeout', default: 0, min: 0, max: 1, integer: true },
  },
  stocks: {
    capacityNow: { unit: 'requests/min', description: 'capacity in service now' },
    incoming: { unit: 'requests', description: 'attempts sent this step' },
    succeeded: { unit: 'requests', description: 'attempts answered in time, not yet collected' },
    failed: { unit: 'requests', description: 'attempts failed, not yet collected' },
  },
  components: {
    scaling: { type: 'capacity', parameters: { capacity: 'capacity' }, stocks: { capacity: 'capacityNow' } },
    clients: {
      type: 'open-clients',
      parameters: { load: 'load', maxAttempts: 'maxAttempts', backoff: 'backoff', baseDelay: 'baseDelay', maxDelay: 'maxDelay', jitter: 'jitter' },
      stocks: { incoming: 'incoming', succeeded: 'succeeded', failed: 'failed' },
    },
    service: {
      type: 'service-queue',
      parameters: { timeout: 'timeout', loadShedding: 'loadShedding' },
      stocks: { incoming: 'incoming', capacity: 'capacityNow', succeeded: 'succeeded', failed: 'failed' },
    },
  },
  series: {
    goodput: { expr: 'service.good', title: 'Goodput', unit: 'requests/min', description: 'requests answered before their client timed out', worse: 'lower' },
    errorPercent: {
      expr: '100 * (service.shed + service.timedOut) / service.offered',
      title: 'Errors',
      unit: 'percent',
      description: 'attempts that failed (timed out or refused), % of attempts',
      threshold: 5,
      recoveryLevel: 1,
    },
    queue: { expr: 'service.queue', title: 'Queue', unit: 'requests', description: 'requests waiting at the service' },
    wait: { expr: 'service.queue / capacityNow', title: 'Queue wait', unit: 'min', description: 'time a request arriving now would wait' },
    retryLoad: { expr: 'clients.retries', title: 'Retry load', unit: 'requests/min', description: 'retries arriving per minute' },
    attempts: { expr: 'clients.attempts', title: 'Attempts', unit: 'requests/min', description: 'new requests plus retries per minute' },
    capacity: { expr: 'capacityNow', title: 'Capacity', unit: 'requests/min', description: 'requests the service can complete per minute now', worse: 'lower' },
  },
  primarySeries: 'errorPercent',
  actions: {
    trigger: { description: 'capacity drop and/or load spike, multiplying the parameters, optionally for a while', targets: ['scaling.trigger', 'clients.trigger'] },
    restore: { description: 'end a trigger: capacity and load multipliers back to 1', targets: ['scaling.restore', 'clients.restore'] },
    'add-capacity': { description: 'operators add capacity, at once or ramped', targets: ['scaling.add'] },
    'enable-load-shedding': { description: 'refuse requests that would wait past the timeout', targets: ['service.enable-load-shedding'] },
    'disable-load-shedding': { description: 'queue every request again', targets: ['service.disable-load-shedding'] },
    'set-backoff': { description: 'change the clients’ retry policy (waiting retries are rescheduled under it)', targets: ['clients.set-backoff'] },
    'disable-retries': { description: 'clients stop retrying; waiting retries are given up', targets: ['clients.disable-retries'] },
  },
};

export const retryStorm = compileComposition(retryStormComposition, componentTypes);
export { fractionAbove } from '../components/service-queue.js';
