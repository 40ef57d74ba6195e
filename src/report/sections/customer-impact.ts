// `::customer-impact`: who was affected and what they could not do, from the record. This is the
// impact as customers saw it; `::impact` gives the figures and the replay.
import type { BlockSection } from './section.js';
import { list, paragraph, strong, text, type Phrasing } from '../mdast.js';
import { statementPhrasing } from './statement.js';

export const customerImpact: BlockSection = {
  kind: 'block',
  description: 'Who was affected and how (`customerImpact:` of the incident file), with sources.',
  attributes: {},
  render(state) {
    const entries = state.replay.incident.customerImpact ?? [];
    if (entries.length === 0) return [paragraph('The incident file does not say who was affected.')];
    return [
      list(
        false,
        entries.map((c): Phrasing[] => [strong(text(c.who)), ': ', ...statementPhrasing(state, { text: c.what, source: c.source })]),
      ),
    ];
  },
};
