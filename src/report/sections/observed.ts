// `::observed`: the actual replay against every published figure, with the error and whether
// it is within the figure's tolerance. This is the evidence the replay can be trusted (or not).
import type { BlockSection } from './section.js';
import { formatLocalTime } from '../format/format-local-time.js';
import { formatNumber, formatQuantity, formatSigned } from '../format/format-number.js';
import { paragraph, table, text, type Phrasing, type RootContent } from '../mdast.js';
import { seriesTitle } from './series-title.js';

export const observed: BlockSection = {
  kind: 'block',
  description: 'Published figures against the replay: error and ✓/✗ within tolerance.',
  attributes: {},
  render(state) {
    const points = state.replay.observed;
    if (points.length === 0) {
      return [paragraph('The record publishes no figures to compare the replay with.')];
    }
    const rows = points.map((o): Phrasing[][] => [
      [o.id ?? ''],
      [text(seriesTitle(state, o.series))],
      [formatLocalTime(Date.parse(o.at), state.zone)],
      [formatQuantity(o.observed, o.unit)],
      [formatQuantity(o.replayed, o.unit)],
      [formatSigned(o.error)],
      [`±${formatNumber(o.tolerance)}`],
      [o.within ? '✓' : '✗'],
    ]);
    const within = points.filter((o) => o.within).length;
    const nodes: RootContent[] = [
      paragraph(
        `The replay is within tolerance of ${within} of ${points.length} published figure${points.length === 1 ? '' : 's'}.`,
      ),
      table(
        ['Figure', 'Series', 'At', 'Published', 'Replay', 'Error', 'Tolerance', 'Within'],
        rows,
        [null, null, null, 'right', 'right', 'right', 'right', 'center'],
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
    return nodes;
  },
};
