// The incident's trigger and key moments (start, detected, mitigated, resolved) as ISO times in
// its zone, and the minutes from the start to each: time to detect, to mitigate, to resolve.
// The definitions are analysis/incident-durations.ts's; this only formats them.
import type { Incident } from '../incident/schema.js';
import { formatInstant } from '../analysis/format-instant.js';
import { incidentDurations } from '../analysis/incident-durations.js';
import type { IncidentReplay, KeyMoments } from './types.js';

export function keyMoments(incident: Incident): Pick<IncidentReplay, 'moments' | 'durations'> {
  const { at, minutes } = incidentDurations(incident);
  const moments: KeyMoments = {};
  for (const name of ['trigger', 'start', 'detected', 'mitigated', 'resolved'] as const) {
    const ms = at[name];
    if (ms !== undefined) moments[name] = formatInstant(ms, incident.timezone);
  }
  return { moments, durations: { ...minutes } };
}
