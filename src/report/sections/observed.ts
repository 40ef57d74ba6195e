// `::observed`: the actual replay against every figure of the record, with the error and whether
// it is within the figure's tolerance. This is the evidence the replay can be trusted (or not).
// Each figure carries its provenance: only a number the source states is called published; a
// number we read into words ("a large number") is a reading, with the reading in its footnote.
import type { BlockSection } from './section.js';
import { formatObservedWhen } from '../format/format-observed-when.js';
import { footnoteId, provenanceFootnote, provenanceMark } from '../provenance-note.js';
import { formatNumber, formatQuantity, formatSigned } from '../format/format-number.js';
import { paragraph, table, text, type Phrasing, type RootContent } from '../mdast.js';
import { seriesTitle } from './series-title.js';

export const observed: BlockSection = {
  kind: 'block',
  needsReplay: true,
  description: 'Published figures against the replay: error and ✓/✗ within tolerance.',
  attributes: {},
  render(state) {
    const points = state.replay.observed;
    if (points.length === 0) {
      return [paragraph('The record publishes no figures to compare the replay with.')];
    }
    const incidentPoints = state.replay.incident.observed ?? [];
    const origins = points.map((o, i) => {
      // The comparison keeps the provenance; the quote and source are the incident file's.
      const point = incidentPoints.find((p) => p.id !== undefined && p.id === o.id) ?? incidentPoints[i];
      return {
        id: footnoteId('obs', o.id ?? String(i + 1)),
        origin: { provenance: o.provenance, source: point?.source, quote: point?.quote, reading: o.reading ?? point?.reading },
      };
    });
    const rows = points.map((o, i): Phrasing[][] => [
      [o.id ?? ''],
      [text(seriesTitle(state, o.series))],
      [formatObservedWhen(o, state.zone)],
      [formatQuantity(o.observed, o.unit)],
      provenanceMark(origins[i]!.id, origins[i]!.origin),
      [formatQuantity(o.replayed, o.unit)],
      [formatSigned(o.error)],
      [`±${formatNumber(o.tolerance)}`],
      [o.within ? '✓' : '✗'],
    ]);
    const within = points.filter((o) => o.within).length;
    const published = points.filter((o) => o.provenance === 'published').length;
    const nodes: RootContent[] = [
      paragraph(
        `The replay is within tolerance of ${within} of ${points.length} figure${points.length === 1 ? '' : 's'} of the record` +
          (published === points.length ? ', all published.' : ` (${published} published as numbers; the others are not, see their notes).`),
      ),
      table(
        ['Figure', 'Series', 'At', 'Value', 'Provenance', 'Replay', 'Error', 'Tolerance', 'Within'],
        rows,
        [null, null, null, 'right', null, 'right', 'right', 'right', 'center'],
      ),
    ];
    // One sentence per basis, not per figure: most figures share one.
    const byBasis = new Map<string, string[]>();
    for (const o of points) {
      if (o.basis === undefined) continue;
      byBasis.set(o.basis, [...(byBasis.get(o.basis) ?? []), o.id ?? seriesTitle(state, o.series)]);
    }
    if (byBasis.size > 0) {
      nodes.push(
        paragraph(
          'Percentages are ',
          ...[...byBasis].flatMap(([basis, ids], i): Phrasing[] => [
            i === 0 ? '' : i === byBasis.size - 1 ? '; and ' : '; ',
            text(`of ${basis}`),
            byBasis.size === 1 ? '' : text(` (${ids.join(', ')})`),
          ]),
          '.',
        ),
      );
    }
    nodes.push(...origins.map(({ id, origin }) => provenanceFootnote(state, id, origin)));
    return nodes;
  },
};
