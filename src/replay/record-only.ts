// What a report gets for an incident without a `model:`: the record alone. The key moments and
// durations come from the timeline as for any incident; there are no replayed scenarios and no
// comparisons with the published figures (there is nothing to compare them with), so the report
// shows the figures as published and leaves out what needs a replay.
import type { Incident } from '../incident/schema.js';
import { keyMoments } from './key-moments.js';
import { momentProvenance } from '../incident/moment-provenance.js';
import type { IncidentReplay } from './types.js';

export function recordOnly(incident: Incident): IncidentReplay {
  const { moments, durations } = keyMoments(incident);
  return { incident, scenarios: [], observed: [], moments, momentProvenance: momentProvenance(incident), durations, seeds: 0 };
}
