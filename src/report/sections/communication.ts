// `::communication`: how the operator told its customers what was happening: status pages,
// dashboards, the post-event summary. Entries with a time come first, in time order.
import type { BlockSection } from './section.js';
import { instantOfTime } from '../report-state.js';
import { formatLocalTime } from '../format/format-local-time.js';
import { list, paragraph, text, type Phrasing } from '../mdast.js';
import { statementPhrasing } from './statement.js';

export const communication: BlockSection = {
  kind: 'block',
  description: 'Communication with customers during and after the incident (`communication:` of the incident file).',
  attributes: {},
  render(state) {
    const entries = (state.replay.incident.communication ?? [])
      .map((c, index) => ({ c, index, at: c.at === undefined ? undefined : instantOfTime(state, c.at) }))
      // Timed entries in time order, then the untimed ones in file order.
      .sort((a, b) => (a.at ?? Infinity) - (b.at ?? Infinity) || a.index - b.index);
    if (entries.length === 0) return [paragraph('The incident file records no communication.')];
    return [
      list(
        false,
        entries.map(({ c, at }): Phrasing[] => {
          const lead: string[] = [];
          if (at !== undefined) lead.push(formatLocalTime(at, state.zone));
          if (c.channel !== undefined) lead.push(c.channel);
          return [...(lead.length > 0 ? [text(`${lead.join(', ')}: `)] : []), ...statementPhrasing(state, c)];
        }),
      ),
    ];
  },
};
