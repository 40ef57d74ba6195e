// `::parameters`: the model's parameters with their provenance. Assumed values are called out
// by name after the table: the replay's conclusions lean on them and nothing published backs them.
import type { BlockSection } from './section.js';
import { formatNumber } from '../format/format-number.js';
import { code, paragraph, prose, strong, table, text, joinPhrasing, type Phrasing, type RootContent } from '../mdast.js';
import { sourceRef } from './source-ref.js';

export const parameters: BlockSection = {
  kind: 'block',
  description: 'Table of the model parameters with value, unit, provenance (published / derived / assumed) and note.',
  attributes: {},
  render(state) {
    const model = state.replay.incident.model;
    if (!model) return [paragraph('The incident has no model.')];
    const entries = Object.entries(model.parameters);
    const rows = entries.map(([name, p]): Phrasing[][] => [
      [code(name)],
      [formatNumber(p.value)],
      [text(p.unit)],
      [p.provenance === 'assumed' ? strong('assumed') : p.provenance],
      prose(p.note),
      sourceRef(state, p.source),
    ]);
    const nodes: RootContent[] = [
      model.kind !== undefined
        ? paragraph('Model kind ', code(model.kind), `, replayed in steps of ${model.step ?? '1m'}.`)
        : paragraph(`A model composed of ${Object.keys(model.components ?? {}).length} components (`, ...joinPhrasing(Object.entries(model.components ?? {}).map(([name, c]) => [code(name), ` (${c.type})`]), ', '), `), replayed in steps of ${model.step ?? '1m'}.`),
      table(['Parameter', 'Value', 'Unit', 'Provenance', 'Note', 'Source'], rows, [null, 'right']),
    ];
    const assumed = entries.filter(([, p]) => p.provenance === 'assumed').map(([name]) => [code(name)]);
    nodes.push(
      assumed.length === 0
        ? paragraph('No parameter is assumed: each is published or derived from published figures.')
        : paragraph(
            strong(`${assumed.length} of ${entries.length} parameters ${assumed.length === 1 ? 'is' : 'are'} assumed`),
            ': ',
            ...joinPhrasing(assumed, ', '),
            assumed.length === 1
              ? '. The record does not publish it; the replay’s curves and every counterfactual depend on its value.'
              : '. The record does not publish them; the replay’s curves and every counterfactual depend on these values.',
          ),
    );
    return nodes;
  },
};
