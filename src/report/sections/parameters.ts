// `::parameters`: the model's parameters with their provenance. The line that names the assumed
// ones is `::assumptions`, so a brief can show it without the table.
import type { BlockSection } from './section.js';
import { formatNumber } from '../format/format-number.js';
import { code, paragraph, prose, strong, table, text, joinPhrasing, type Phrasing, type RootContent } from '../mdast.js';
import { sourceRef } from './source-ref.js';

export const parameters: BlockSection = {
  kind: 'block',
  needsReplay: true,
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
    return nodes;
  },
};
