// service-queue (service-queue.ts) for a batch of Monte Carlo seeds: whether it sheds is set by
// the timeline and parameters, so the batch shares it; the queue and the outcomes are per seed.
import type { SeedsComponent } from '../compose/seeds-component.js';
import { fractionAbove } from './fraction-above.js';

interface State {
  shedding: boolean;
}

export const serviceQueueSeeds: SeedsComponent<State> = {
  init(api) {
    return { shedding: api.p.loadShedding! > 0 };
  },

  apply(s, action, _args, api) {
    if (action === 'enable-load-shedding') s.shedding = true;
    else if (action === 'disable-load-shedding') s.shedding = false;
    else if (action === 'flush') {
      const queue = api.port.queue!;
      for (let r = 0; r < api.seeds; r++) api.move(queue, api.port.flushed!, r, api.values[queue * api.seeds + r]!, api.flow.flushed!);
    }
  },

  update(s, api, previous) {
    if (api.p.loadShedding !== previous.loadShedding) s.shedding = api.p.loadShedding! > 0;
  },

  // The scalar step's arithmetic, seed by seed (see service-queue.ts for the equations).
  step(s, api) {
    const v = api.values;
    const n = api.seeds;
    const port = api.port;
    const flow = api.flow;
    const dt = api.dt;
    const timeout = Math.max(0, api.p.timeout!);
    const wasted = api.p.wastedWork! > 0;
    const shedding = s.shedding;
    const capacitySlot = port.capacity! * n;
    const incoming = port.incoming!;
    const incomingSlot = incoming * n;
    const queue = port.queue!;
    const queueSlot = queue * n;
    const failed = port.failed!;
    const succeeded = port.succeeded!;
    const work = port.work!;
    const served = port.served!;
    const offeredFlow = flow.offered!;
    const shedFlow = flow.shed!;
    const timedOutFlow = flow.timedOut!;
    const goodFlow = flow.good!;
    const admittedFlow = flow.admitted!;
    const servedFlow = flow.served!;
    for (let r = 0; r < n; r++) {
      const capacity = Math.max(0, v[capacitySlot + r]!);
      const attempts = Math.max(0, v[incomingSlot + r]!);
      const q0 = v[queueSlot + r]!;
      const serveable = capacity * dt;
      let admitted = attempts;
      if (shedding) admitted = Math.min(attempts, Math.max(0, capacity * timeout + serveable - q0));
      const shed = attempts - admitted;
      const q1 = Math.max(0, q0 + admitted - serveable);
      const timedOutFraction = admitted === 0 ? 0 : capacity > 0 ? fractionAbove(q0 / capacity, q1 / capacity, timeout) : 1;
      const timedOut = admitted * timedOutFraction;
      const good = admitted - timedOut;
      api.count(offeredFlow, r, attempts);
      api.move(incoming, failed, r, shed, shedFlow);
      api.move(incoming, failed, r, timedOut, timedOutFlow);
      api.move(incoming, succeeded, r, good, goodFlow);
      api.move(work, queue, r, wasted ? admitted : good, admittedFlow);
      api.move(queue, served, r, Math.min(v[queueSlot + r]!, serveable), servedFlow);
    }
  },
};
