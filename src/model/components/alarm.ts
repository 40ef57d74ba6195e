// alarm: a monitoring alarm on a count of members (servers near a threshold, hosts unhealthy)
// and the operators' answer to it. It fires the first step the watched stock is above `above`
// while the alarm works (`enabled`); `responseMinutes` later the answer lands: one signal moves
// into the `response` stock, which the component that acts on it reads (leaking-members stops
// its leak and starts restarts). Written for the EBS event of 22 October 2012: "a memory leak
// that then went out of control due to the failure of an internal monitoring alarm"
// (TechCrunch); a timeline `set` of `enabled` to 0 is the failed alarm, a scenario keeps it.
//
// Equations: fired at t₀ = first t with enabled ≥ ½ and watched(t) > above (checked at the start
// of each step, before the components after it in step order move anything);
// response += 1 at the first step t ≥ t₀ + responseMinutes.
import type { ComponentType } from '../compose/component.js';

export interface AlarmState {
  /** Minute the alarm fired, or null. */
  firedAt: number | null;
  answered: boolean;
}

export const alarm: ComponentType<AlarmState> = {
  type: 'alarm',
  description: 'An alarm on a count of members: fires when the watched stock rises above a level (while the alarm works), and a response delay later signals the operators’ answer.',
  equations: 'fires at the first t with enabled ≥ ½ and watched > above; at t ≥ fired + responseMinutes: response += 1 (once)',
  parameters: {
    enabled: { unit: 'flag', description: '1: the alarm works; 0: it stays silent', default: 1, min: 0, max: 1 },
    above: { unit: 'servers', description: 'the alarm fires when the watched stock is above this', default: 0, min: 0 },
    responseMinutes: { unit: 'min', description: 'from the alarm to the operators’ answer', default: 0, min: 0 },
  },
  stocks: {
    watched: { unit: 'servers', access: 'read', description: 'the count the alarm watches' },
    response: { unit: 'signals', access: 'write', description: 'receives one signal when the answer lands' },
    signals: { unit: 'signals', access: 'write', optional: true, role: 'source', description: 'where the signal comes from' },
  },
  flows: {
    fired: { unit: 'signals', description: 'the alarm fired' },
    answered: { unit: 'signals', description: 'the answer landed' },
  },
  actions: {},

  init() {
    return { firedAt: null, answered: false };
  },

  step(s, api) {
    const t = api.t;
    if (api.p.enabled! >= 0.5 && s.firedAt === null && api.values[api.port.watched!]! > api.p.above!) {
      s.firedAt = t;
      api.count(api.flow.fired!, 1);
    }
    if (s.firedAt !== null && !s.answered && t >= s.firedAt + api.p.responseMinutes!) {
      s.answered = true;
      api.move(api.port.signals!, api.port.response!, 1, api.flow.answered!);
    }
  },
};
