// `::sources`: the numbered list of sources, and the definitions the `[n]` references of the
// report resolve to.
import type { BlockSection } from './section.js';
import { code, link, list, prose, text, type Phrasing } from '../mdast.js';
import { sourceDefinitions } from './source-ref.js';

export const sources: BlockSection = {
  kind: 'block',
  description: 'Numbered list of the sources, with links, publication dates and the seed copy.',
  attributes: {},
  render(state) {
    const items = state.replay.incident.sources.map((s): Phrasing[] => {
      // The title links to the document; the citations `[n]` link here (see source-ref.ts).
      const parts: Phrasing[] = [s.url ? link(s.url, text(s.title)) : text(s.title)];
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
