// `::moments`: the key moments (start, detected, mitigated, resolved) and the durations
// engineers track: time to detect, to mitigate, to resolve. A moment no source gives is a row that
// says "not published", never a time filled in from a guess; each moment carries the provenance
// of the event it is, with a footnote.
import type { BlockSection } from './section.js';
import { formatLocalTime } from '../format/format-local-time.js';
import { formatOffset } from '../format/format-offset.js';
import { formatDuration } from '../format/format-duration.js';
import { code, paragraph, table, type Phrasing, type RootContent } from '../mdast.js';
import type { KeyMoments } from '../../replay/types.js';
import { momentProvenance } from '../../incident/moment-provenance.js';
import { eventProvenance } from '../../incident/provenance.js';
import { footnoteId, provenanceFootnote, provenanceMark, type ProvenanceOrigin } from '../provenance-note.js';
import type { FootnoteDefinition } from 'mdast';

const rowsSpec: { moment: Exclude<keyof KeyMoments, 'trigger'>; label: string; duration?: 'detect' | 'mitigate' | 'resolve'; measure?: string }[] = [
  { moment: 'start', label: 'Start' },
  // Time to resolve is the impact duration (analysis/incident-durations.ts): the same number as
  // the impact list, the index and summary.json.
  { moment: 'detected', label: 'Detected', duration: 'detect', measure: 'time to detect' },
  { moment: 'mitigated', label: 'Mitigated', duration: 'mitigate', measure: 'time to mitigate' },
  { moment: 'resolved', label: 'Resolved', duration: 'resolve', measure: 'time to resolve, the impact duration' },
];

export const moments: BlockSection = {
  kind: 'block',
  description: 'Key moments with their times, and the time to detect, mitigate and resolve.',
  attributes: {},
  render(state) {
    const { moments: m, durations } = state.replay;
    const origins = state.replay.momentProvenance ?? momentProvenance(state.replay.incident);
    const timeline = state.replay.incident.timeline;
    const rows: Phrasing[][][] = [];
    const notes: FootnoteDefinition[] = [];
    // The trigger, when it comes before the start: the replay's times to recover count from it.
    // Its provenance is its event's (the first trigger event, which defines it).
    if (m.trigger !== undefined && m.trigger !== m.start) {
      const at = Date.parse(m.trigger);
      const event = timeline.find((e) => e.phase === 'trigger');
      const note: ProvenanceOrigin = event
        ? { provenance: eventProvenance(event), source: event.source, quote: event.quote, reading: event.reading }
        : { provenance: 'not-published' };
      const id = footnoteId('m', 'trigger');
      notes.push(provenanceFootnote(state, id, note));
      rows.push([['Trigger'], [formatLocalTime(at, state.zone)], [formatOffset(at - state.startMs)], ['(times to recover count from here)'], provenanceMark(id, note)]);
    }
    for (const spec of rowsSpec) {
      const iso = m[spec.moment];
      const origin = origins[spec.moment];
      const event = origin.event === undefined ? undefined : timeline.find((e, i) => (e.id ?? `timeline[${i}]`) === origin.event);
      const note: ProvenanceOrigin = { provenance: iso === undefined ? 'not-published' : origin.provenance, source: origin.source, quote: event?.quote, reading: event?.reading };
      const id = footnoteId('m', spec.moment);
      notes.push(provenanceFootnote(state, id, note));
      if (iso === undefined) {
        rows.push([[spec.label], ['not published'], [''], [''], provenanceMark(id, note)]);
        continue;
      }
      const at = Date.parse(iso);
      const minutes = spec.duration ? durations[spec.duration] : undefined;
      rows.push([
        [spec.label],
        [formatLocalTime(at, state.zone)],
        [formatOffset(at - state.startMs)],
        [minutes === undefined ? '' : `${formatDuration(minutes)} (${spec.measure})`],
        provenanceMark(id, note),
      ]);
    }
    if (rowsSpec.every((s) => m[s.moment] === undefined)) return [paragraph('The timeline has no events that mark the key moments.')];
    const nodes: RootContent[] = [table(['Moment', 'Time', 'T+', 'From the start', 'Provenance'], rows)];
    const missing = rowsSpec.filter((s) => m[s.moment] === undefined).map((s) => s.label.toLowerCase());
    if (missing.length > 0) {
      nodes.push(
        paragraph(
          `Not published: ${missing.join(', ')} (no event of that phase in the timeline, and no override in `,
          code('moments'),
          '); no time or duration is derived for it.',
        ),
      );
    }
    nodes.push(...notes);
    return nodes;
  },
};
