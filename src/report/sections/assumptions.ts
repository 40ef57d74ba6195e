// `::assumptions`: the one line a reader of any report needs before trusting a replayed or
// counterfactual figure: how many of the model's parameters nothing published backs, by name.
import type { BlockSection } from './section.js';
import type { ReportState } from '../report-state.js';
import type { Paragraph } from 'mdast';
import { code, joinPhrasing, paragraph, strong } from '../mdast.js';

export function assumptionsLine(state: ReportState): Paragraph {
  const model = state.replay.incident.model;
  if (!model) return paragraph('The incident has no model, so nothing in this report is replayed.');
  const entries = Object.entries(model.parameters);
  const assumed = entries.filter(([, p]) => p.provenance === 'assumed').map(([name]) => [code(name)]);
  if (assumed.length === 0) return paragraph('No parameter is assumed: each is published or derived from published figures.');
  return paragraph(
    strong(`${assumed.length} of ${entries.length} parameters ${assumed.length === 1 ? 'is' : 'are'} assumed`),
    ': ',
    ...joinPhrasing(assumed, ', '),
    assumed.length === 1
      ? '. The record does not publish it; the replay’s curves and every counterfactual depend on its value.'
      : '. The record does not publish them; the replay’s curves and every counterfactual depend on these values.',
  );
}

export const assumptions: BlockSection = {
  kind: 'block',
  needsReplay: true,
  description: 'One line: how many model parameters are assumed (not published), by name.',
  attributes: {},
  render: (state) => [assumptionsLine(state)],
};
