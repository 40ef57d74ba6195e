import { describe, it, expect } from 'vitest';
import { deriveMoments } from '../../src/incident/moments.js';
import type { Incident, TimelineEvent } from '../../src/incident/schema.js';

const zone = 'America/Los_Angeles';
const event = (at: string, phase: TimelineEvent['phase'], id?: string): TimelineEvent => ({
  ...(id ? { id } : {}),
  at,
  phase,
  text: `${phase} at ${at}`,
  source: 'pm',
  quote: 'q',
});
const incident = (timeline: TimelineEvent[], moments?: Incident['moments']): Incident => ({
  id: 'x',
  title: 't',
  summary: 's',
  service: 'svc',
  region: 'r',
  timezone: zone,
  severity: 'sev2',
  sources: [{ id: 'pm', title: 'Postmortem' }],
  timeline,
  ...(moments ? { moments } : {}),
});
// 2011-04-21 is in PDT (UTC-7).
const pdt = (hhmm: string) => Date.parse(`2011-04-21T${hhmm}:00-07:00`);

describe('deriveMoments', () => {
  const timeline = [
    event('2011-04-21 00:30', 'context'),
    event('2011-04-21 00:47', 'trigger', 'change'),
    event('2011-04-21 00:50', 'impact', 'stuck'),
    event('2011-04-21 01:10', 'impact'),
    event('2011-04-21 02:40', 'detection'),
    event('2011-04-21 02:55', 'detection'),
    event('2011-04-21 05:30', 'mitigation', 'disable'),
    event('2011-04-21 09:00', 'resolved'),
    event('2011-04-21 12:00', 'resolved', 'final'),
  ];

  it('derives each moment from the phases: first impact, first detection, first mitigation, last resolved', () => {
    const m = deriveMoments(incident(timeline));
    expect(m.start).toEqual({ epochMs: pdt('00:50'), source: 'derived', eventIndex: 2, path: ['timeline', 2, 'at'] });
    expect(m.detected).toEqual({ epochMs: pdt('02:40'), source: 'derived', eventIndex: 4, path: ['timeline', 4, 'at'] });
    expect(m.mitigated).toEqual({ epochMs: pdt('05:30'), source: 'derived', eventIndex: 6, path: ['timeline', 6, 'at'] });
    expect(m.resolved).toEqual({ epochMs: pdt('12:00'), source: 'derived', eventIndex: 8, path: ['timeline', 8, 'at'] });
  });

  it('falls back to the first trigger for start when no event has impact', () => {
    const m = deriveMoments(incident(timeline.filter((e) => e.phase !== 'impact')));
    expect(m.start).toMatchObject({ epochMs: pdt('00:47'), eventIndex: 1 });
  });

  it('leaves a moment out when no event has its phase', () => {
    const m = deriveMoments(incident([event('2011-04-21 00:47', 'trigger')]));
    expect(Object.keys(m)).toEqual(['start']);
  });

  it('takes first and last in time, not in file order', () => {
    const m = deriveMoments(
      incident([
        event('2011-04-21 03:00', 'impact'),
        event('2011-04-21 01:00', 'impact'),
        event('2011-04-21 09:00', 'resolved'),
        event('2011-04-21 08:00', 'resolved'),
      ]),
    );
    expect(m.start).toMatchObject({ epochMs: pdt('01:00'), eventIndex: 1 });
    expect(m.resolved).toMatchObject({ epochMs: pdt('09:00'), eventIndex: 2 });
  });

  it('uses an override naming an event id, pointing diagnostics at the override', () => {
    const m = deriveMoments(incident(timeline, { start: 'change', resolved: 'disable' }));
    expect(m.start).toEqual({ epochMs: pdt('00:47'), source: 'override', eventIndex: 1, path: ['moments', 'start'] });
    expect(m.resolved).toEqual({ epochMs: pdt('05:30'), source: 'override', eventIndex: 6, path: ['moments', 'resolved'] });
    expect(m.detected?.source).toBe('derived');
  });

  it('uses an override that is a local time or an ISO time with offset', () => {
    const m = deriveMoments(incident(timeline, { detected: '2011-04-21 01:15', mitigated: '2011-04-21T12:00Z' }));
    expect(m.detected).toEqual({ epochMs: pdt('01:15'), source: 'override', path: ['moments', 'detected'] });
    expect(m.mitigated).toEqual({ epochMs: Date.parse('2011-04-21T12:00:00Z'), source: 'override', path: ['moments', 'mitigated'] });
  });

  it('skips times that cannot be resolved (the checks report them)', () => {
    const m = deriveMoments(
      incident(
        [event('2011-03-13 02:30', 'impact'), event('2011-02-30 10:00', 'detection'), event('2011-03-13 05:00', 'mitigation')],
        { resolved: 'no-such-event' },
      ),
    );
    expect(m.start).toBeUndefined();
    expect(m.detected).toBeUndefined();
    expect(m.mitigated).toMatchObject({ eventIndex: 2 });
    expect(m.resolved).toBeUndefined();
  });
});
