// `::secondary-charts`: one chart per secondary series, each under its own heading. By default
// the secondary series are those with published figures (RDS instances stuck…) and those the
// model marks as an impact (`impact: true`, e.g. region-wide API errors): the impacts the record describes. A model also records internal state (spare servers, threads)
// that `which=all` charts too, and `::chart{series=…}` picks one by name.
import type { RootContent } from 'mdast';
import type { BlockSection } from './section.js';
import { SectionError } from './section.js';
import { heading, text } from '../mdast.js';
import { chartParagraphs } from './chart.js';
import { seriesTitle } from './series-title.js';

export const secondaryCharts: BlockSection = {
  kind: 'block',
  needsReplay: true,
  description: 'One chart per series other than the primary one: those with published figures, or all.',
  attributes: {
    which: { description: 'observed (default): series with published figures or marked as an impact by the model; all: every series.', values: ['observed', 'all'] },
    depth: { description: 'Heading level of each chart (default 3).', values: ['2', '3', '4', '5', '6'] },
  },
  render(state, attributes) {
    const depth = Number(attributes.depth ?? '3') as 2 | 3 | 4 | 5 | 6;
    const all = Object.keys(state.replay.scenarios[0]?.series.series ?? {});
    if (all.length === 0) throw new SectionError(`the replay of ${state.replay.incident.id} has no series`);
    const observed = new Set(state.replay.observed.map((o) => o.series));
    return all
      .filter((s) => s !== state.primarySeries && (attributes.which === 'all' || observed.has(s) || state.seriesInfo[s]?.impact === true))
      .flatMap((series): RootContent[] => [heading(depth, text(seriesTitle(state, series))), ...chartParagraphs(state, series)]);
  },
};
