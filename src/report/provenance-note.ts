// How a report shows where a figure, time or moment comes from: a word in the cell (the marker:
// `published`, `reading`, …) with a footnote that gives the evidence — the source's words for a
// published figure, the named source for a paraphrase, our reading's text for a reading, how a
// derived value is computed. The vocabulary is incident/provenance.ts; the footnotes are GFM
// footnotes, so they render at the end of the page and link back to the figure.
import type { FootnoteDefinition, FootnoteReference, PhrasingContent } from 'mdast';
import type { ReportState } from './report-state.js';
import { provenanceInfo, type FactProvenance } from '../incident/provenance.js';
import { prose, text } from './mdast.js';
import { sourceRef } from './sections/source-ref.js';

export interface ProvenanceOrigin {
  provenance: FactProvenance | 'not-published';
  source?: string;
  quote?: string;
  reading?: string;
}

/** The word shown for a provenance ("not published" for a moment the record does not have). */
export function provenanceLabel(p: ProvenanceOrigin['provenance']): string {
  return p === 'not-published' ? 'not published' : provenanceInfo[p].label;
}

/**
 * A footnote label: section prefix and the entry's id, reduced to what GFM keeps in a label, so
 * the same file always gives the same labels (`obs-large-number-by-11`, `m-detected`).
 */
export function footnoteId(prefix: string, key: string): string {
  return `${prefix}-${key}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}

/** The marker: the provenance word and a reference to its footnote. */
export function provenanceMark(id: string, origin: ProvenanceOrigin): PhrasingContent[] {
  const ref: FootnoteReference = { type: 'footnoteReference', identifier: id, label: id };
  return [text(provenanceLabel(origin.provenance)), ref];
}

/** The footnote behind a marker: what the provenance rests on, in words a reviewer can check. */
export function provenanceFootnote(state: ReportState, id: string, origin: ProvenanceOrigin): FootnoteDefinition {
  const ref = sourceRef(state, origin.source);
  const cite = (before: string): PhrasingContent[] => (ref.length > 0 ? [text(before), ...ref] : []);
  const reading = (lead: string): PhrasingContent[] => (origin.reading ? [text(lead), ...prose(origin.reading)] : []);
  const quote = (lead: string): PhrasingContent[] =>
    origin.quote ? [text(lead), ...(ref.length > 0 ? [...ref, text(': ')] : []), text(`“${origin.quote.trim()}”`)] : [];
  let content: PhrasingContent[];
  switch (origin.provenance) {
    case 'published':
      content = [text('Published'), ...cite(' in '), text(': '), text(`“${(origin.quote ?? '').trim()}”`), ...reading(' Reading: ')];
      break;
    case 'secondary':
      content = [text('Secondary: a paraphrase of'), ...(ref.length > 0 ? [text(' '), ...ref] : [text(' its source')]), text(', whose words are not quoted.'), ...reading(' ')];
      break;
    case 'reading':
      content = [text('Reading: our interpretation, not a published value.'), ...reading(' '), ...quote(' The words read, in ')];
      break;
    case 'derived':
      content = [text('Derived from published facts.'), ...reading(' '), ...quote(' The words it rests on, in ')];
      break;
    case 'assumed':
      content = [text('Assumed: not published.'), ...reading(' ')];
      break;
    case 'not-published':
      content = [text('Not published: no source gives this moment, so no time or duration is shown for it.')];
      break;
  }
  return { type: 'footnoteDefinition', identifier: id, label: id, children: [{ type: 'paragraph', children: content }] };
}
