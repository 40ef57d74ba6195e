// `::summary`: the incident's summary as written in the incident file.
import type { BlockSection } from './section.js';
import { paragraph, text } from '../mdast.js';

export const summary: BlockSection = {
  kind: 'block',
  description: 'The summary paragraph of the incident file.',
  attributes: {},
  render: (state) => [paragraph(text(state.replay.incident.summary))],
};
