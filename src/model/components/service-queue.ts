// service-queue: a FIFO queue in front of a service of limited capacity, whose clients give an
// attempt up after a timeout. A fluid model, one (sub-)step at a time (amounts per step):
//   admitted  a = attempts, or with load shedding only what fits: min(A, c·T + c·dt − Q)
//   queue     Q' = max(0, Q + a − c·dt)              (served = Q + a − Q')
//   wait      w = Q / c. An attempt admitted while the wait moves from Q/c to Q'/c times out
//             for the part of that range above the timeout T (`fractionAbove`).
//   outcome   good = a − timedOut → `succeeded`; shed + timedOut → `failed`.
// Wasted work (Huang et al., OSDI 2022): by default a timed-out attempt is still served, so its
// work stays in the queue and keeps the wait long after its client left; `wastedWork: 0` is a
// server that drops requests whose client gave up before it starts them.
import type { ComponentType } from '../compose/component.js';
import { fractionAbove } from './fraction-above.js';
import { serviceQueueSeeds } from './service-queue-seeds.js';

export { fractionAbove };

interface State {
  shedding: boolean;
}

export const serviceQueue: ComponentType<State> = {
  type: 'service-queue',
  description: 'A FIFO queue before a service of limited capacity; attempts that would wait past the timeout fail, optionally shed at the door.',
  equations:
    'admitted = A (or min(A, c·T + c·dt − Q) with shedding); Q′ = max(0, Q + admitted − c·dt); timed out = admitted × share of the wait Q/c → Q′/c above T; succeeded = admitted − timed out',
  parameters: {
    timeout: { unit: 'min', description: 'how long a client waits before it gives the attempt up', min: 0 },
    loadShedding: { unit: 'flag', description: '1: refuse attempts that would wait past the timeout', default: 0, min: 0, max: 1, integer: true },
    wastedWork: {
      unit: 'flag',
      description: '1: the service still serves attempts whose client timed out (their work stays queued); 0: it drops them unserved',
      default: 1,
      min: 0,
      max: 1,
      integer: true,
    },
  },
  stocks: {
    incoming: { unit: 'requests', access: 'write', description: 'attempts arriving this step (the queue takes them all)' },
    capacity: { unit: 'requests/min', access: 'read', description: 'requests the service completes per minute now' },
    succeeded: { unit: 'requests', access: 'write', description: 'attempts answered within the timeout, for their clients to collect' },
    failed: { unit: 'requests', access: 'write', description: 'attempts that timed out or were shed, for their clients to collect' },
    queue: { unit: 'work', access: 'write', optional: true, description: 'work waiting at the service, in requests' },
    work: { unit: 'work', access: 'write', optional: true, role: 'source', description: 'where admitted work comes from' },
    served: { unit: 'work', access: 'write', optional: true, role: 'sink', description: 'work the service completed (useful or wasted)' },
    flushed: { unit: 'work', access: 'write', optional: true, role: 'sink', description: 'work dropped by a flush' },
  },
  flows: {
    offered: { unit: 'requests', description: 'attempts that arrived' },
    good: { unit: 'requests', description: 'attempts answered within the timeout' },
    timedOut: { unit: 'requests', description: 'attempts admitted that timed out' },
    shed: { unit: 'requests', description: 'attempts refused at the door' },
    admitted: { unit: 'work', description: 'work queued' },
    served: { unit: 'work', description: 'work completed' },
    flushed: { unit: 'work', description: 'work dropped by a flush' },
  },
  actions: {
    'enable-load-shedding': { description: 'refuse attempts that would wait past the timeout' },
    'disable-load-shedding': { description: 'queue every attempt again' },
    flush: { description: 'drop all queued work (operators restart the service or purge its queue)' },
  },
  seeds: serviceQueueSeeds,

  init(api) {
    return { shedding: api.p.loadShedding! > 0 };
  },

  apply(s, action, _args, api) {
    if (action === 'enable-load-shedding') s.shedding = true;
    else if (action === 'disable-load-shedding') s.shedding = false;
    else if (action === 'flush') api.move(api.port.queue!, api.port.flushed!, api.values[api.port.queue!]!, api.flow.flushed!);
  },

  update(s, api, previous) {
    if (api.p.loadShedding !== previous.loadShedding) s.shedding = api.p.loadShedding! > 0;
  },

  // Its slots read once into locals, the shedding rule and the timed-out share functions of
  // their own: this keeps the step under the size V8 inlines (460 bytes of bytecode) into the
  // composition's step loop.
  step(s, api) {
    const v = api.values;
    const port = api.port;
    const flow = api.flow;
    const incoming = port.incoming!;
    const failed = port.failed!;
    const queue = port.queue!;
    const capacity = Math.max(0, v[port.capacity!]!);
    const timeout = Math.max(0, api.p.timeout!);
    const attempts = Math.max(0, v[incoming]!);
    const q0 = v[queue]!;
    const serveable = capacity * api.dt;
    const admitted = s.shedding ? admittedWhenShedding(attempts, capacity, timeout, serveable, q0) : attempts;
    const q1 = Math.max(0, q0 + admitted - serveable);
    const timedOut = admitted * timedOutShare(admitted, capacity, q0, q1, timeout);
    const good = admitted - timedOut;
    api.count(flow.offered!, attempts);
    api.move(incoming, failed, attempts - admitted, flow.shed!);
    api.move(incoming, failed, timedOut, flow.timedOut!);
    api.move(incoming, port.succeeded!, good, flow.good!);
    api.move(port.work!, queue, api.p.wastedWork! > 0 ? admitted : good, flow.admitted!);
    api.move(queue, port.served!, Math.min(v[queue]!, serveable), flow.served!);
  },

  // `step` above, line for line, for the generated span loop (step-kernel.ts).
  kernel: {
    helpers: [admittedWhenShedding, timedOutShare],
    source: (e) => `const capacity = Math.max(0, v[${e.port('capacity')}]);
const timeout = Math.max(0, a.p.timeout);
const attempts = Math.max(0, v[${e.port('incoming')}]);
const q0 = v[${e.port('queue')}];
const serveable = capacity * a.dt;
const admitted = s.shedding ? ${e.helper(0)}(attempts, capacity, timeout, serveable, q0) : attempts;
const q1 = Math.max(0, q0 + admitted - serveable);
const timedOut = admitted * ${e.helper(1)}(admitted, capacity, q0, q1, timeout);
const good = admitted - timedOut;
${e.count('offered', 'attempts')}
${e.move('incoming', 'failed', 'attempts - admitted', 'shed')}
${e.move('incoming', 'failed', 'timedOut', 'timedOut')}
${e.move('incoming', 'succeeded', 'good', 'good')}
${e.move('work', 'queue', 'a.p.wastedWork > 0 ? admitted : good', 'admitted')}
${e.move('queue', 'served', `Math.min(v[${e.port('queue')}], serveable)`, 'served')}`,
  },
};

/** Share of what was admitted that waits past the timeout while the queue goes from q0 to q1. */
function timedOutShare(admitted: number, capacity: number, q0: number, q1: number, timeout: number): number {
  return admitted === 0 ? 0 : capacity > 0 ? fractionAbove(q0 / capacity, q1 / capacity, timeout) : 1;
}

/**
 * Keep at most capacity·timeout queued after this step's service: nothing admitted then waits
 * longer than the timeout.
 */
function admittedWhenShedding(attempts: number, capacity: number, timeout: number, serveable: number, q0: number): number {
  return Math.min(attempts, Math.max(0, capacity * timeout + serveable - q0));
}
