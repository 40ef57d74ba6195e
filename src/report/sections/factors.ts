// `::factors`: the contributing factors, each with its source.
import type { BlockSection } from './section.js';
import { list, paragraph, prose, type Phrasing } from '../mdast.js';
import { sourceRef } from './source-ref.js';

export const factors: BlockSection = {
  kind: 'block',
  description: 'List of the contributing factors with their sources.',
  attributes: {},
  render(state) {
    const items = state.replay.incident.contributingFactors ?? [];
    if (items.length === 0) return [paragraph('The incident file lists no contributing factors.')];
    return [
      list(
        false,
        items.map((f): Phrasing[] => {
          const ref = sourceRef(state, f.source);
          return ref.length > 0 ? [...prose(f.text), ' ', ...ref] : prose(f.text);
        }),
      ),
    ];
  },
};
