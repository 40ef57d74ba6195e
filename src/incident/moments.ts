// The key moments of an incident (start, detected, mitigated, resolved) as instants. Each is
// derived from the phases of the timeline unless `moments.<name>` overrides it with an event id
// or a time. A time that cannot be resolved is skipped here: the checks report it.
import type { Incident, Phase } from './schema.js';
import { resolveTime } from './time.js';

export const momentNames = ['start', 'detected', 'mitigated', 'resolved'] as const;
export type MomentName = (typeof momentNames)[number];

export interface MomentValue {
  epochMs: number;
  /** `derived` from the phases of the timeline, or an `override` in `moments:`. */
  source: 'derived' | 'override';
  /** Index in `timeline` of the event the moment is, when it is an event. */
  eventIndex?: number;
  /**
   * Where in the file the moment comes from, for diagnostics: `['timeline', 3, 'at']` when
   * derived, `['moments', 'start']` when overridden (also when the override names an event).
   */
  path: (string | number)[];
}

export type Moments = Partial<Record<MomentName, MomentValue>>;

/** Which phases a moment is derived from, and whether the first or the last such event counts. */
const derivation: Record<MomentName, { phases: readonly Phase[]; pick: 'first' | 'last' }> = {
  start: { phases: ['impact', 'trigger'], pick: 'first' },
  detected: { phases: ['detection'], pick: 'first' },
  mitigated: { phases: ['mitigation'], pick: 'first' },
  resolved: { phases: ['resolved'], pick: 'last' },
};

export function deriveMoments(incident: Incident): Moments {
  const moments: Moments = {};
  for (const name of momentNames) {
    const override = incident.moments?.[name];
    const value = override !== undefined ? fromOverride(incident, name, override) : fromPhases(incident, name);
    if (value) moments[name] = value;
  }
  return moments;
}

function fromOverride(incident: Incident, name: MomentName, ref: string): MomentValue | undefined {
  const eventIndex = incident.timeline.findIndex((e) => e.id === ref);
  if (eventIndex !== -1) {
    const event = eventMoment(incident, eventIndex, 'override');
    // The user wrote the override, so diagnostics about this moment point at it.
    return event && { ...event, path: ['moments', name] };
  }
  const r = resolveTime(ref, incident.timezone);
  return r.ok ? { epochMs: r.epochMs, source: 'override', path: ['moments', name] } : undefined;
}

function fromPhases(incident: Incident, name: MomentName): MomentValue | undefined {
  const { phases, pick } = derivation[name];
  // Phases in order of preference: start falls back to the trigger only when nothing has impact.
  for (const phase of phases) {
    const indices = incident.timeline.flatMap((e, i) => (e.phase === phase ? [i] : []));
    if (indices.length === 0) continue;
    // "First" and "last" are in time, not in file order: a file may list events out of order.
    const timed = indices
      .map((i) => eventMoment(incident, i, 'derived'))
      .filter((m): m is MomentValue => m !== undefined);
    if (timed.length === 0) return undefined;
    return timed.reduce((best, m) =>
      pick === 'first' ? (m.epochMs < best.epochMs ? m : best) : m.epochMs >= best.epochMs ? m : best,
    );
  }
  return undefined;
}

function eventMoment(incident: Incident, eventIndex: number, source: MomentValue['source']): MomentValue | undefined {
  const r = resolveTime(incident.timeline[eventIndex]!.at, incident.timezone);
  return r.ok ? { epochMs: r.epochMs, source, eventIndex, path: ['timeline', eventIndex, 'at'] } : undefined;
}
