// Phase guesses must not make the draft invalid: `validate` requires the key moments derived from
// the phases (start, detected, mitigated, resolved) to come in that order. When a guess breaks
// the order, the event of the later-named moment that comes too early is re-guessed as a phase
// that derives no moment of its own (detection → impact, mitigation/resolved → recovery), and a
// warning says so; the loop repeats until the order holds (each step removes one candidate).
import type { Incident, Phase } from '../incident/schema.js';
import { deriveMoments, momentNames } from '../incident/moments.js';

export interface PhaseChange {
  index: number;
  from: Phase;
  to: Phase;
  moment: string;
  before: string;
}

export function keepMomentsInOrder(events: Array<{ at: string; phase: Phase }>, timezone: string): PhaseChange[] {
  const changes: PhaseChange[] = [];
  for (;;) {
    const moments = deriveMoments({ timezone, timeline: events } as unknown as Incident);
    let latest: { name: string; epochMs: number } | undefined;
    let change: PhaseChange | undefined;
    for (const name of momentNames) {
      const m = moments[name];
      if (!m) continue;
      if (latest && m.epochMs < latest.epochMs && m.eventIndex !== undefined) {
        const from = events[m.eventIndex]!.phase;
        change = { index: m.eventIndex, from, to: from === 'detection' ? 'impact' : 'recovery', moment: name, before: latest.name };
        break;
      }
      if (!latest || m.epochMs >= latest.epochMs) latest = { name, epochMs: m.epochMs };
    }
    if (!change) return changes;
    events[change.index]!.phase = change.to;
    changes.push(change);
  }
}
