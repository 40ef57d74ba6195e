// restart-queue: servers waiting for a restart are restarted at a throttled rate, each
// bootstraps for a while before it can serve, and past a bound on the servers bootstrapping at
// once the newest fail their health checks and go back to be restarted again.
//
// From the Kinesis event of 25 November 2020 (AWS summary, as reported by FACTS.md): the fleet
// "could be restarted only at "a few hundred" per hour", because "Bootstrapping servers
// compete with request handling, so a fast restart gets servers marked unhealthy and removed".
// The operators' rate is the lever; the bound is a property of the system.
//
// Equations, per step of dt minutes once `start`ed:
//   n = min(waiting, rate/60 · dt)               waiting → booting, ready at t + bootMinutes
//   excess = booting − maxBooting                booting → rejected, newest first, if > 1e-6
//   cohorts with readyAt ≤ t + dt                booting → ready
// Cohorts live in a ring in start order, so each step touches the newest (for the bound) and
// the oldest (for readiness): the cost per step does not grow as the step shrinks.
import type { ComponentType } from '../compose/component.js';
import { drainAtRate } from './operator-actions.js';

interface State {
  started: boolean;
  /** Ring of cohorts in start order: when each is ready, and how many servers it holds. */
  readyAt: Float64Array;
  amount: Float64Array;
  head: number;
  length: number;
  /** A `set` changed the boot time while cohorts were in flight: readiness is out of order. */
  unordered: boolean;
}

export const restartQueue: ComponentType<State> = {
  type: 'restart-queue',
  description:
    'Servers waiting for a restart are restarted at a throttled rate and bootstrap for a while before serving; past a bound on servers bootstrapping at once, the newest fail their health checks and are rejected.',
  equations:
    'n = min(waiting, rate/60·dt): waiting → booting, ready after bootMinutes; booting above maxBooting → rejected (newest first); ready cohorts: booting → ready',
  parameters: {
    rate: { unit: 'servers/hour', description: 'servers the operators restart per hour', min: 0 },
    bootMinutes: { unit: 'minutes', description: 'time from a restart until the server can take traffic', min: 0 },
    maxBooting: {
      unit: 'servers',
      description: 'servers that can bootstrap at once before the slowest fail their health checks (default: no bound)',
      default: Number.POSITIVE_INFINITY,
      min: 0,
    },
  },
  stocks: {
    waiting: { unit: 'servers', access: 'write', description: 'servers waiting to be restarted' },
    booting: { unit: 'servers', access: 'write', description: 'servers bootstrapping' },
    ready: { unit: 'servers', access: 'write', description: 'servers whose bootstrap completed' },
    rejected: { unit: 'servers', access: 'write', description: 'servers the health checks took out while bootstrapping' },
    completed: { unit: 'restarts', access: 'write', optional: true, description: 'restarts completed since the start (a counter)' },
    markedUnhealthy: { unit: 'restarts', access: 'write', optional: true, description: 'servers marked unhealthy since the start (a counter)' },
    events: { unit: 'restarts', access: 'write', optional: true, role: 'source', description: 'where the counters’ counts come from' },
  },
  flows: {
    restarted: { unit: 'servers', description: 'servers restarted' },
    unhealthy: { unit: 'servers', description: 'bootstrapping servers marked unhealthy' },
    done: { unit: 'servers', description: 'servers whose bootstrap completed' },
    counted: { unit: 'restarts', description: 'restarts and health-check failures counted' },
  },
  actions: {
    start: { description: 'start restarting the waiting servers at the rate' },
    stop: { description: 'stop restarting (servers already bootstrapping finish)' },
  },
  timeConstants: (p) => [{ parameter: 'bootMinutes', minutes: p.bootMinutes! }],

  init() {
    return { started: false, readyAt: new Float64Array(64), amount: new Float64Array(64), head: 0, length: 0, unordered: false };
  },

  apply(s, action) {
    s.started = action === 'start';
  },

  update(s, api, previous) {
    if (api.p.bootMinutes !== previous.bootMinutes && s.length > 0) s.unordered = true;
  },

  step(s, api) {
    const port = api.port;
    const flow = api.flow;
    const v = api.values;
    const t = api.t;
    const next = t + api.dt;
    if (s.started) {
      const n = drainAtRate(v[port.waiting!]!, Math.max(0, api.p.rate!) / 60, api.dt);
      if (n > 0) {
        // Restarted at the start of the step, so a boot of B minutes serves B minutes later.
        const moved = api.move(port.waiting!, port.booting!, n, flow.restarted!);
        push(s, t + Math.max(0, api.p.bootMinutes!), moved);
      }
    }
    // Past the bound, the newest go back: they are the slow ones the health checks remove.
    // Below a millionth of a server the excess is rounding, not contention.
    let excess = v[port.booting!]! - Math.max(0, api.p.maxBooting!);
    if (excess > 1e-6) {
      let taken = 0;
      while (excess > 0 && s.length > 0) {
        const i = (s.head + s.length - 1) % s.amount.length;
        const a = s.amount[i]!;
        const take = Math.min(a, excess);
        s.amount[i] = a - take;
        taken += take;
        excess -= take;
        if (take >= a) s.length--;
      }
      const moved = api.move(port.booting!, port.rejected!, taken, flow.unhealthy!);
      api.move(port.events!, port.markedUnhealthy!, moved, flow.counted!);
    }
    // Readiness times are sums of step lengths and may land a hair past `next`.
    let ready = 0;
    if (s.unordered) {
      let w = 0;
      const cap = s.amount.length;
      for (let r = 0; r < s.length; r++) {
        const i = (s.head + r) % cap;
        if (s.readyAt[i]! <= next + 1e-9) ready += s.amount[i]!;
        else {
          const j = (s.head + w++) % cap;
          s.readyAt[j] = s.readyAt[i]!;
          s.amount[j] = s.amount[i]!;
        }
      }
      s.length = w;
      if (w === 0) s.unordered = false;
    } else {
      while (s.length > 0 && s.readyAt[s.head]! <= next + 1e-9) {
        ready += s.amount[s.head]!;
        s.head = (s.head + 1) % s.amount.length;
        s.length--;
      }
    }
    if (ready > 0) {
      const moved = api.move(port.booting!, port.ready!, ready, flow.done!);
      api.move(port.events!, port.completed!, moved, flow.counted!);
    }
  },
};

function push(s: State, readyAt: number, amount: number): void {
  if (!(amount > 0)) return;
  if (s.length === s.amount.length) {
    const n = s.amount.length;
    const r = new Float64Array(n * 2);
    const a = new Float64Array(n * 2);
    for (let i = 0; i < s.length; i++) {
      r[i] = s.readyAt[(s.head + i) % n]!;
      a[i] = s.amount[(s.head + i) % n]!;
    }
    s.readyAt = r;
    s.amount = a;
    s.head = 0;
  }
  const i = (s.head + s.length++) % s.amount.length;
  s.readyAt[i] = readyAt;
  s.amount[i] = amount;
}
