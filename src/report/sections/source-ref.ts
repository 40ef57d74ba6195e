// A source cited in a table or list: `[n]`, its number in the list of sources, written as a
// shortcut link reference. Every citation links to the list of sources (where the entry gives
// the title, the date and the link to the document), whether or not the source has an address:
// the definitions `[n]: #sources` come with `::sources`, and `linkCitations` points them at the
// heading the template puts above that list. As a reference, `[2]` is also written without the
// `\[2]` escape remark-stringify gives a bracket in plain text.
import type { Definition, PhrasingContent } from 'mdast';
import type { ReportState } from '../report-state.js';
import { text } from '../mdast.js';

export function sourceRef(state: ReportState, id: string | undefined): PhrasingContent[] {
  if (id === undefined) return [];
  const n = state.sourceNumbers.get(id);
  if (n === undefined) return [text(id)];
  return [{ type: 'linkReference', identifier: String(n), label: String(n), referenceType: 'shortcut', children: [text(String(n))] }];
}

/**
 * The definitions `[n]: …` the references of `sourceRef` resolve to, marked as citations: until
 * `linkCitations` knows the heading of the list, each points at its document (or nowhere).
 */
export function sourceDefinitions(state: ReportState): Definition[] {
  return state.replay.incident.sources.map((s, i) => ({
    type: 'definition',
    identifier: String(i + 1),
    label: String(i + 1),
    url: s.url ?? '',
    // `Data` is augmented by mdast-util-to-hast (the site's remark-rehype) with hast fields only:
    // a key of our own is written through a cast.
    data: { citation: true } as Definition['data'],
  }));
}
