// `::lessons`: lessons learned in the three lists of the Google SRE postmortem template: what
// went well, what went wrong, where we got lucky. A list the record gives nothing for is said to
// be empty rather than left out, so a reader does not take a missing list for an oversight.
import type { BlockSection } from './section.js';
import type { Lessons } from '../../incident/schema.js';
import { heading, list, paragraph, type RootContent } from '../mdast.js';
import { statementPhrasing } from './statement.js';

const kinds: { key: keyof Lessons; title: string }[] = [
  { key: 'wentWell', title: 'What went well' },
  { key: 'wentWrong', title: 'What went wrong' },
  { key: 'gotLucky', title: 'Where we got lucky' },
];

export const lessons: BlockSection = {
  kind: 'block',
  description: 'Lessons learned: what went well, what went wrong, where we got lucky (`lessons:` of the incident file).',
  attributes: {
    depth: { description: 'Heading level of each list (default 3).', values: ['2', '3', '4', '5', '6'] },
  },
  render(state, attributes) {
    const l = state.replay.incident.lessons;
    if (!l) return [paragraph('The incident file records no lessons.')];
    const depth = Number(attributes.depth ?? '3') as 2 | 3 | 4 | 5 | 6;
    return kinds.flatMap(({ key, title }): RootContent[] => {
      const items = l[key] ?? [];
      return [
        heading(depth, title),
        items.length > 0 ? list(false, items.map((s) => statementPhrasing(state, s))) : paragraph('Nothing in the record.'),
      ];
    });
  },
};
