// `::mechanism-chart`: the chart of the mechanism the model says drove the incident (the series
// its kind names in `mechanism`), under a heading, with the kind's one-sentence account of it.
// A kind that declares no mechanism gives nothing.
import type { RootContent } from 'mdast';
import type { BlockSection } from './section.js';
import { emphasis, heading, image, link, paragraph, text } from '../mdast.js';

export const mechanismChart: BlockSection = {
  kind: 'block',
  needsReplay: true,
  description: 'Chart of the mechanism the model says drove the incident, as its kind declares it (nothing if it declares none).',
  attributes: {
    depth: { description: 'Heading level (default 3).', values: ['2', '3', '4', '5', '6'] },
  },
  render(state, attributes): RootContent[] {
    const mechanism = state.mechanism;
    if (!mechanism) return [];
    const depth = Number(attributes.depth ?? '3') as 2 | 3 | 4 | 5 | 6;
    const name = 'mechanism';
    state.charts.set(name, { name, series: mechanism.series[0]!, view: 'mechanism' });
    const names = [...mechanism.series, ...(mechanism.right ?? [])].map((s) => state.seriesInfo[s]?.title ?? s);
    return [
      heading(depth, text(`Mechanism: ${mechanism.title}`)),
      paragraph(text(mechanism.description)),
      paragraph(image(`charts/${name}.png`, `${mechanism.title} over time in the replay of what happened: ${names.join(', ')}`)),
      paragraph(emphasis('Also as ', link(`charts/${name}.svg`, 'SVG'), '; chart data: ', link(`charts/${name}.json`, `${name}.json`), '.')),
    ];
  },
};
