// Where each key moment comes from. A moment is only as good as the event it is: the time of a
// quoted event is published, an `approximate` one is our reading. A moment the timeline does not
// have is `not-published`, so no report fills it in (a detection "after 1 minute" that no source
// gives is worse than a blank).
import type { Incident } from './schema.js';
import { deriveMoments, momentNames, type MomentName } from './moments.js';
import { eventProvenance, type FactProvenance } from './provenance.js';

export interface MomentOrigin {
  provenance: FactProvenance | 'not-published';
  /** The event the moment is, when it is one (by id, or `timeline[i]`). */
  event?: string;
  source?: string;
}

export function momentProvenance(incident: Incident): Record<MomentName, MomentOrigin> {
  const moments = deriveMoments(incident);
  const out = {} as Record<MomentName, MomentOrigin>;
  for (const name of momentNames) {
    const m = moments[name];
    if (!m) {
      out[name] = { provenance: 'not-published' };
      continue;
    }
    if (m.eventIndex === undefined) {
      // A bare time under `moments:` has no quote behind it: it is the author's reading.
      out[name] = { provenance: 'reading' };
      continue;
    }
    const event = incident.timeline[m.eventIndex]!;
    out[name] = {
      provenance: eventProvenance(event),
      event: event.id ?? `timeline[${m.eventIndex}]`,
      source: event.source,
    };
  }
  return out;
}
