// `::sources`: the numbered list of sources, and the definitions the `[n]` references of the
// report resolve to.
import type { BlockSection } from './section.js';
import { code, list, prose, text, type Phrasing } from '../mdast.js';
import { sourceDefinitions } from './source-ref.js';

export const sources: BlockSection = {
  kind: 'block',
  description: 'Numbered list of the sources, with links, publication dates and the seed copy.',
  attributes: {},
  render(state) {
    const items = state.replay.incident.sources.map((s, i): Phrasing[] => {
      // `[Title][n]`: the title uses the definition `[n]: url` too, so every definition is used
      // even when no other section cites that source.
      const n = String(i + 1);
      const parts: Phrasing[] = [
        s.url ? { type: 'linkReference', identifier: n, label: n, referenceType: 'full', children: [text(s.title)] } : text(s.title),
      ];
      const about: string[] = [];
      if (s.kind) about.push(s.kind);
      if (s.published) about.push(`published ${s.published}`);
      if (about.length > 0) parts.push(` (${about.join(', ')})`);
      if (s.seed) parts.push('; copy in ', code(`shared/seeds/${s.seed}`));
      if (s.note) parts.push('. ', ...prose(s.note));
      return parts;
    });
    return [list(true, items), ...sourceDefinitions(state)];
  },
};
