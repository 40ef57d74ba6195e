// `::counterfactual-caveat`: what a counterfactual figure is and is not. Any template that shows
// a counterfactual (the table, a chart with scenario curves, an action item's benefit) puts
// this before it, so no template can state such a figure without the caveat.
import type { BlockSection } from './section.js';
import { paragraph } from '../mdast.js';

export const counterfactualCaveat: BlockSection = {
  kind: 'block',
  needsReplay: true,
  description: 'The caveat that goes before any counterfactual figure: what a counterfactual replay estimates, and what it does not.',
  attributes: {},
  render(state) {
    const n = state.replay.scenarios.length - 1;
    if (n <= 0) return [paragraph('The incident file has no counterfactual scenarios: every figure here is the actual replay.')];
    return [
      paragraph(
        `Each counterfactual (${n} here) replays the same timeline with one property of the system changed, and states what it assumes. ` +
          'They estimate how much that property mattered in this incident, under the model’s parameters; ' +
          'they say nothing about what the people responding could have known or done at the time.',
      ),
    ];
  },
};
