// service-queue (service-queue.ts) for a batch of Monte Carlo seeds: whether it sheds is set by
// the timeline and parameters, so the batch shares it; the queue and the outcomes are per seed.
import { moveAt, type SeedsComponent } from '../compose/seeds-component.js';
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

  // The scalar step's arithmetic, seed by seed (see service-queue.ts for the equations), with
  // its moves written out over the rows of the batch (`moveAt`).
  step(s, api) {
    const v = api.values;
    const f = api.flows;
    const n = api.seeds;
    const port = api.port;
    const flow = api.flow;
    const dt = api.dt;
    const timeout = Math.max(0, api.p.timeout!);
    const wasted = api.p.wastedWork! > 0;
    const shedding = s.shedding;
    const capacityRow = port.capacity! * n;
    const incomingRow = port.incoming! * n;
    const queueRow = port.queue! * n;
    const failedRow = port.failed! * n;
    const succeededRow = port.succeeded! * n;
    const workRow = port.work! * n;
    const servedRow = port.served! * n;
    const offeredRow = flow.offered! * n;
    const shedRow = flow.shed! * n;
    const timedOutRow = flow.timedOut! * n;
    const goodRow = flow.good! * n;
    const admittedRow = flow.admitted! * n;
    const servedFlowRow = flow.served! * n;
    const incomingClamps = api.clamps(port.incoming!);
    const workClamps = api.clamps(port.work!);
    const queueClamps = api.clamps(port.queue!);
    for (let r = 0; r < n; r++) {
      const capacity = Math.max(0, v[capacityRow + r]!);
      const attempts = Math.max(0, v[incomingRow + r]!);
      const q0 = v[queueRow + r]!;
      const serveable = capacity * dt;
      let admitted = attempts;
      if (shedding) admitted = Math.min(attempts, Math.max(0, capacity * timeout + serveable - q0));
      const shed = attempts - admitted;
      const q1 = Math.max(0, q0 + admitted - serveable);
      const timedOutFraction = admitted === 0 ? 0 : capacity > 0 ? fractionAbove(q0 / capacity, q1 / capacity, timeout) : 1;
      const timedOut = admitted * timedOutFraction;
      const good = admitted - timedOut;
      f[offeredRow + r]! += attempts;
      moveAt(v, f, incomingRow + r, failedRow + r, shedRow + r, incomingClamps, shed);
      moveAt(v, f, incomingRow + r, failedRow + r, timedOutRow + r, incomingClamps, timedOut);
      moveAt(v, f, incomingRow + r, succeededRow + r, goodRow + r, incomingClamps, good);
      moveAt(v, f, workRow + r, queueRow + r, admittedRow + r, workClamps, wasted ? admitted : good);
      moveAt(v, f, queueRow + r, servedRow + r, servedFlowRow + r, queueClamps, Math.min(v[queueRow + r]!, serveable));
    }
  },
};
