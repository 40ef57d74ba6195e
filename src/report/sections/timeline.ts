// `::timeline`: every event in time order, with local time, `T+` offset, phase, source and the
// event's provenance (a quoted event is published, a paraphrase secondary, an approximate time a
// reading), with a footnote holding the quote or the reading.
import type { BlockSection } from './section.js';
import type { ReportState } from '../report-state.js';
import { instantOfTime } from '../report-state.js';
import { formatLocalTime, localTimeParts } from '../format/format-local-time.js';
import { formatOffset } from '../format/format-offset.js';
import { prose, table, type Phrasing } from '../mdast.js';
import { sourceRef } from './source-ref.js';
import { eventProvenance } from '../../incident/provenance.js';
import { footnoteId, provenanceFootnote, provenanceMark, type ProvenanceOrigin } from '../provenance-note.js';

export const timeline: BlockSection = {
  kind: 'block',
  description: 'Table of the timeline: local time, T+ offset from the start, phase, event, source.',
  attributes: {},
  render(state) {
    const events = state.replay.incident.timeline
      .map((event, index) => ({ event, index, at: instantOfTime(state, event.at) }))
      // Stable by file order for events at the same minute.
      .sort((a, b) => a.at - b.at || a.index - b.index);
    const notes = events.map(({ event, index }) => ({
      id: footnoteId('ev', event.id ?? String(index + 1)),
      origin: { provenance: eventProvenance(event), source: event.source, quote: event.quote, reading: event.reading } satisfies ProvenanceOrigin,
    }));
    const rows = events.map(({ event, at }, i): Phrasing[][] => [
      [timeCell(state, at, event.until, event.approximate === true)],
      [formatOffset(at - state.startMs)],
      [event.phase],
      prose(event.text),
      sourceRef(state, event.source),
      provenanceMark(notes[i]!.id, notes[i]!.origin),
    ]);
    return [
      table(['Time', 'T+', 'Phase', 'Event', 'Source', 'Provenance'], rows),
      ...notes.map(({ id, origin }) => provenanceFootnote(state, id, origin)),
    ];
  },
};

function timeCell(state: ReportState, at: number, until: string | undefined, approximate: boolean): string {
  let cell = `${approximate ? '~' : ''}${formatLocalTime(at, state.zone)}`;
  if (until !== undefined) {
    const end = instantOfTime(state, until);
    const from = localTimeParts(at, state.zone);
    const to = localTimeParts(end, state.zone);
    // A window within one day repeats only the clock: `2011-04-21 00:50 PDT – 02:40`.
    cell += from.date === to.date && from.zone === to.zone ? ` – ${to.time}` : ` – ${formatLocalTime(end, state.zone)}`;
  }
  return cell;
}
