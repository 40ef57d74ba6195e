// A source cited in a table or list: `[n]`, its number in the list of sources. When the source
// has an address, `[n]` is a shortcut reference that `::sources` defines, so tables stay short.
import type { PhrasingContent } from 'mdast';
import type { ReportState } from '../report-state.js';
import { text } from '../mdast.js';

export function sourceRef(state: ReportState, id: string | undefined): PhrasingContent[] {
  if (id === undefined) return [];
  const n = state.sourceNumbers.get(id);
  if (n === undefined) return [text(id)];
  const url = state.replay.incident.sources[n - 1]?.url;
  if (!url) return [text(`[${n}]`)];
  return [{ type: 'linkReference', identifier: String(n), label: String(n), referenceType: 'shortcut', children: [text(String(n))] }];
}

/** The definitions `[n]: url` that the references of `sourceRef` resolve to. */
export function sourceDefinitions(state: ReportState) {
  return state.replay.incident.sources.flatMap((s, i) =>
    s.url ? [{ type: 'definition' as const, identifier: String(i + 1), label: String(i + 1), url: s.url }] : [],
  );
}
