// capacity (capacity.ts) for a batch of Monte Carlo seeds. Nominal capacity and when a timed
// trigger ends depend on the timeline only, so the batch shares them; a ramp's progress depends
// on each seed's queue (additions refused while it is overloaded), so each seed has its own.
import type { SeedsApi, SeedsComponent } from '../compose/seeds-component.js';
import { numberArg } from '../compose/component.js';
import { emptyObjectList, startRamp } from './operator-actions.js';

interface RampSeeds {
  /** Still to add, per seed. */
  remaining: Float64Array;
  ratePerMinute: number;
}

interface State {
  nominal: number;
  endsAt: number;
  ramps: RampSeeds[];
}

function restoreAll(api: SeedsApi, r: number): void {
  api.move(api.port.lost!, api.port.capacity!, r, api.values[api.port.lost! * api.seeds + r]!, api.flow.restored!);
}

export const capacitySeeds: SeedsComponent<State> = {
  init(api) {
    const amount = Math.max(0, api.p.capacity!);
    for (let r = 0; r < api.seeds; r++) api.move(api.port.reserve!, api.port.capacity!, r, amount, api.flow.added!);
    return { nominal: amount, endsAt: Number.POSITIVE_INFINITY, ramps: emptyObjectList<RampSeeds>({ remaining: new Float64Array(0), ratePerMinute: 0 }) };
  },

  apply(s, action, args, api) {
    const port = api.port;
    const flow = api.flow;
    const n = api.seeds;
    switch (action) {
      case 'trigger': {
        const factor = numberArg(args, 'capacityFactor');
        if (factor !== undefined) {
          for (let r = 0; r < n; r++) {
            restoreAll(api, r);
            api.move(port.capacity!, port.lost!, r, s.nominal * Math.max(0, 1 - factor), flow.dropped!);
          }
        }
        const forMinutes = numberArg(args, 'forMinutes');
        s.endsAt = forMinutes !== undefined ? api.t + forMinutes : Number.POSITIVE_INFINITY;
        break;
      }
      case 'restore':
        for (let r = 0; r < n; r++) restoreAll(api, r);
        s.endsAt = Number.POSITIVE_INFINITY;
        break;
      case 'add': {
        const ramp = startRamp(numberArg(args, 'amount') ?? 0, { overMinutes: numberArg(args, 'overMinutes'), ratePerMinute: numberArg(args, 'ratePerMinute') });
        s.ramps.push({ remaining: new Float64Array(n).fill(ramp.remaining), ratePerMinute: ramp.ratePerMinute });
        break;
      }
      case 'remove':
        for (let r = 0; r < n; r++) api.move(port.capacity!, port.reserve!, r, numberArg(args, 'amount') ?? 0, flow.removed!);
        break;
    }
  },

  update(s, api) {
    const next = Math.max(0, api.p.capacity!);
    for (let r = 0; r < api.seeds; r++) {
      if (next > s.nominal) api.move(api.port.reserve!, api.port.capacity!, r, next - s.nominal, api.flow.added!);
      else if (next < s.nominal) api.move(api.port.capacity!, api.port.reserve!, r, s.nominal - next, api.flow.removed!);
    }
    s.nominal = next;
  },

  step(s, api) {
    const n = api.seeds;
    if (api.t >= s.endsAt - 1e-9) {
      for (let r = 0; r < n; r++) restoreAll(api, r);
      s.endsAt = Number.POSITIVE_INFINITY;
    }
    if (s.ramps.length === 0) return;
    const v = api.values;
    const capacity = api.port.capacity!;
    const queue = api.port.queue!;
    const reserve = api.port.reserve!;
    const added = api.flow.added!;
    const refuseAbove = api.p.refuseAboveWait!;
    const dt = api.dt;
    for (let r = 0; r < n; r++) {
      const c = v[capacity * n + r]!;
      const q = v[queue * n + r]!;
      const wait = c > 0 ? q / c : q > 0 ? Number.POSITIVE_INFINITY : 0;
      if (wait > refuseAbove) continue;
      for (let i = 0; i < s.ramps.length; i++) {
        // stepRamp, for this seed's share of the ramp.
        const ramp = s.ramps[i]!;
        const amount = Math.min(ramp.remaining[r]!, ramp.ratePerMinute * dt);
        ramp.remaining[r]! -= amount;
        api.move(reserve, capacity, r, amount, added);
      }
    }
  },
};
