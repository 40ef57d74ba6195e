// `::summary`: the incident's summary as written in the incident file.
import type { BlockSection } from './section.js';
import { paragraph, prose } from '../mdast.js';

export const summary: BlockSection = {
  kind: 'block',
  description: 'The summary paragraph of the incident file.',
  attributes: {},
  render: (state) => [paragraph(...prose(state.replay.incident.summary))],
};
