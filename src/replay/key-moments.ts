// The incident's key moments (start, detected, mitigated, resolved) as ISO times in its zone,
// and the minutes from the start to each: time to detect, to mitigate, to resolve.
import type { Incident } from '../incident/schema.js';
import { deriveMoments } from '../incident/moments.js';
import { formatInstant } from '../analysis/format-instant.js';
import type { IncidentReplay, KeyMoments } from './types.js';

export function keyMoments(incident: Incident): Pick<IncidentReplay, 'moments' | 'durations'> {
  const derived = deriveMoments(incident);
  const moments: KeyMoments = {};
  for (const name of ['start', 'detected', 'mitigated', 'resolved'] as const) {
    const m = derived[name];
    if (m) moments[name] = formatInstant(m.epochMs, incident.timezone);
  }
  const durations: IncidentReplay['durations'] = {};
  const start = derived.start?.epochMs;
  const add = (key: keyof IncidentReplay['durations'], name: 'detected' | 'mitigated' | 'resolved') => {
    const at = derived[name]?.epochMs;
    if (start !== undefined && at !== undefined) durations[key] = (at - start) / 60_000;
  };
  add('detect', 'detected');
  add('mitigate', 'mitigated');
  add('resolve', 'resolved');
  return { moments, durations };
}
