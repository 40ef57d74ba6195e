// capacity: the capacity of a service as a stock, and what changes it during an incident: a
// trigger takes a share of it out (servers lost, a dependency degraded), a restore brings that
// share back, operators add or remove capacity at once or at a rate. Amounts only move between
// the capacity stock, `lost` (taken out by a trigger) and `reserve` (the outside world new
// capacity comes from and removed capacity returns to), so capacity is conserved like any stock.
//
// "Capacity additions that fail while the target is overloaded": new servers often need the
// overloaded service itself to come up (to fetch their configuration or membership). With
// `refuseAboveWait`, an addition makes no progress while the wait of the `queue` it serves is
// above that many minutes; it resumes once the wait falls.
import type { ComponentType, StepApi } from '../compose/component.js';
import { numberArg } from '../compose/component.js';
import { emptyObjectList, startRamp, stepRamp, type Ramp } from './operator-actions.js';
import { capacitySeeds } from './capacity-seeds.js';

interface State {
  /** Capacity as the parameter gives it, before triggers and additions. */
  nominal: number;
  endsAt: number;
  ramps: Ramp[];
}

export const capacity: ComponentType<State> = {
  type: 'capacity',
  description: 'A service’s capacity as a stock: triggers take a share out, operators add or remove capacity at once or at a rate (optionally refused while the service is overloaded).',
  equations: 'trigger: capacity → lost, (1 − factor)·nominal; restore: lost → capacity; add: reserve → capacity at a rate, paused while queue/capacity > refuseAboveWait',
  parameters: {
    capacity: { unit: 'requests/min', description: 'capacity when healthy, set at the start', min: 0, extensive: true },
    refuseAboveWait: {
      unit: 'min',
      description: 'additions make no progress while the queue’s wait is above this (default: never refused)',
      default: Number.POSITIVE_INFINITY,
      min: 0,
    },
  },
  stocks: {
    capacity: { unit: 'requests/min', access: 'write', description: 'capacity in service now' },
    lost: { unit: 'requests/min', access: 'write', optional: true, description: 'capacity a trigger took out' },
    reserve: { unit: 'requests/min', access: 'write', optional: true, role: 'source', description: 'where added capacity comes from' },
    queue: { unit: 'work', access: 'read', optional: true, description: 'the queue whose wait decides whether an addition can proceed' },
  },
  flows: {
    added: { unit: 'requests/min', description: 'capacity added' },
    removed: { unit: 'requests/min', description: 'capacity removed' },
    dropped: { unit: 'requests/min', description: 'capacity taken out by a trigger' },
    restored: { unit: 'requests/min', description: 'capacity brought back by a restore' },
  },
  actions: {
    trigger: {
      description: 'capacity drops to a share of its nominal value, optionally for a while',
      args: {
        capacityFactor: { description: 'share of nominal capacity left, e.g. 0.5 for half the servers lost', min: 0 },
        forMinutes: { description: 'the drop ends by itself after this many minutes', unit: 'min', min: 0 },
      },
    },
    restore: { description: 'capacity a trigger took out comes back' },
    add: {
      description: 'operators add capacity, at once or ramped',
      args: {
        amount: { description: 'capacity added in total', unit: 'requests/min', required: true, min: 0, extensive: true },
        overMinutes: { description: 'spread the addition over this many minutes', unit: 'min', min: 0 },
        ratePerMinute: { description: 'or add at this rate per minute', min: 0, extensive: true },
      },
    },
    remove: {
      description: 'operators take capacity out at once',
      args: { amount: { description: 'capacity removed', unit: 'requests/min', required: true, min: 0, extensive: true } },
    },
  },
  seeds: capacitySeeds,

  init(api) {
    api.move(api.port.reserve!, api.port.capacity!, Math.max(0, api.p.capacity!), api.flow.added!);
    return { nominal: Math.max(0, api.p.capacity!), endsAt: Number.POSITIVE_INFINITY, ramps: emptyObjectList<Ramp>({ remaining: 0, ratePerMinute: 0 }) };
  },

  apply(s, action, args, api) {
    const port = api.port;
    const flow = api.flow;
    switch (action) {
      case 'trigger': {
        const factor = numberArg(args, 'capacityFactor');
        if (factor !== undefined) restoreAll(api);
        if (factor !== undefined) api.move(port.capacity!, port.lost!, s.nominal * Math.max(0, 1 - factor), flow.dropped!);
        const forMinutes = numberArg(args, 'forMinutes');
        s.endsAt = forMinutes !== undefined ? api.t + forMinutes : Number.POSITIVE_INFINITY;
        break;
      }
      case 'restore':
        restoreAll(api);
        s.endsAt = Number.POSITIVE_INFINITY;
        break;
      case 'add':
        s.ramps.push(startRamp(numberArg(args, 'amount') ?? 0, { overMinutes: numberArg(args, 'overMinutes'), ratePerMinute: numberArg(args, 'ratePerMinute') }));
        break;
      case 'remove':
        api.move(port.capacity!, port.reserve!, numberArg(args, 'amount') ?? 0, flow.removed!);
        break;
    }
  },

  update(s, api) {
    // A `set` of the capacity parameter changes the nominal capacity, and the stock with it.
    const next = Math.max(0, api.p.capacity!);
    if (next > s.nominal) api.move(api.port.reserve!, api.port.capacity!, next - s.nominal, api.flow.added!);
    else if (next < s.nominal) api.move(api.port.capacity!, api.port.reserve!, s.nominal - next, api.flow.removed!);
    s.nominal = next;
  },

  // Most steps do neither: the two rare paths are functions of their own, so this one stays
  // small enough for V8 to inline into the composition's step loop.
  step(s, api) {
    if (api.t >= s.endsAt - 1e-9) endTrigger(s, api);
    if (s.ramps.length > 0) stepRamps(s, api);
  },

  // `step` above for the generated span loop (step-kernel.ts).
  kernel: {
    helpers: [endTrigger, stepRamps],
    source: (e) => `if (a.t >= s.endsAt - 1e-9) ${e.helper(0)}(s, a);
if (s.ramps.length > 0) ${e.helper(1)}(s, a);`,
  },
};

/** A timed trigger is over: what it took out comes back. */
function endTrigger(s: State, api: StepApi): void {
  restoreAll(api);
  s.endsAt = Number.POSITIVE_INFINITY;
}

/** Additions under way make progress, unless the queue they need is too long. */
function stepRamps(s: State, api: StepApi): void {
  const v = api.values;
  const c = v[api.port.capacity!]!;
  const wait = c > 0 ? v[api.port.queue!]! / c : v[api.port.queue!]! > 0 ? Number.POSITIVE_INFINITY : 0;
  if (wait > api.p.refuseAboveWait!) return;
  for (let i = 0; i < s.ramps.length; i++) api.move(api.port.reserve!, api.port.capacity!, stepRamp(s.ramps[i]!, api.dt), api.flow.added!);
}

function restoreAll(api: StepApi): void {
  api.move(api.port.lost!, api.port.capacity!, api.values[api.port.lost!]!, api.flow.restored!);
}
