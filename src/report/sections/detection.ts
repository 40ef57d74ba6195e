// `::detection`: how the incident was noticed, and what no alarm caught. The time it was
// detected is in `::moments`; this is the how, which the time alone does not tell.
import type { BlockSection } from './section.js';
import { list, paragraph, type RootContent } from '../mdast.js';
import { statementPhrasing } from './statement.js';

export const detection: BlockSection = {
  kind: 'block',
  description: 'How the incident was detected and what was not alarmed (`detection:` of the incident file).',
  attributes: {},
  render(state) {
    const d = state.replay.incident.detection;
    if (!d) return [paragraph('The incident file does not say how the incident was detected.')];
    const nodes: RootContent[] = [paragraph(...statementPhrasing(state, d))];
    const missed = d.notAlarmed ?? [];
    if (missed.length > 0) {
      nodes.push(paragraph('What no alarm caught:'), list(false, missed.map((s) => statementPhrasing(state, s))));
    } else {
      nodes.push(paragraph('The record names nothing that went unalarmed.'));
    }
    return nodes;
  },
};
