// `::boundary-map{id=…}`: each boundary map of the incident (or the one named) as an image with
// alt text, links to its SVG and data, and the sentences saying how close to the edge the
// actual system sat and where each scenario sits. The maps are computed before the report
// (`boundaryMapsOf`) and handed in with the state: the section only reads them.
import type { RootContent } from 'mdast';
import type { BlockSection } from './section.js';
import { SectionError } from './section.js';
import { code, emphasis, image, link, paragraph, prose, strong } from '../mdast.js';
import { chartName } from './chart.js';
import { describeBoundaryMargin } from '../boundary-margin.js';
import { unitLabel } from '../format/format-number.js';

export const boundaryMap: BlockSection = {
  kind: 'block',
  needsReplay: true,
  description: 'Boundary maps: the peak over a grid of two parameters, the boundary, and how close to it the actual system sat.',
  attributes: {
    id: { description: 'The id of one map of `boundaryMaps` (default: every map).' },
  },
  render(state, attributes) {
    const declared = state.replay.incident.boundaryMaps ?? [];
    if (declared.length === 0) {
      if (attributes.id !== undefined) throw new SectionError(`no boundary map \`${attributes.id}\`: ${state.replay.incident.id} declares no \`boundaryMaps\``);
      return [paragraph('The incident file declares no boundary map (', code('boundaryMaps:'), ').')];
    }
    const maps = state.boundaryMaps;
    if (!maps && state.sensitivity.status === 'not-run' && state.sensitivity.reason === 'skipped') {
      // Skipped with the sensitivity run: say so rather than leave a gap.
      return [
        paragraph(
          `The boundary map${declared.length === 1 ? '' : 's'} of this incident (${declared.map((m) => m.id).join(', ')}) ${declared.length === 1 ? 'was' : 'were'} not computed in this build: they are computed with the sensitivity run, which was skipped (`,
          code('--no-sensitivity'),
          ').',
        ),
      ];
    }
    if (!maps) {
      throw new SectionError(
        `the boundary maps of ${state.replay.incident.id} were not computed`,
        'a report with `::boundary-map` needs them: `build` and `report` compute them; a caller of `generateReport` passes `boundaryMaps`',
      );
    }
    const wanted = attributes.id === undefined ? maps : maps.filter((m) => m.id === attributes.id);
    if (wanted.length === 0) {
      throw new SectionError(`no boundary map \`${attributes.id}\` in ${state.replay.incident.id}`, `use one of: ${declared.map((m) => m.id).join(', ')}`);
    }
    return wanted.flatMap((map): RootContent[] => {
      const name = chartName(`boundary-${map.id}`);
      state.charts.set(name, { name, boundaryMap: map.id });
      const alt =
        `Boundary map: ${map.measure === 'end' ? 'value at the end of the replay of' : 'peak'} ${map.seriesTitle.toLowerCase()} (${unitLabel(map.unit)}) over ${map.x.parameter} and ${map.y.parameter}, ` +
        `with the boundary where it crosses the threshold, the actual system` +
        (map.scenarios.some((s) => s.onMap) ? ' and the scenarios that change either parameter' : '') +
        ' as points';
      const thresholdFrom = { map: 'the threshold the map declares', series: 'the series’ impact threshold', default: 'a tenth of the actual peak' }[map.thresholdFrom];
      return [
        paragraph(strong(map.title), ...(map.note ? [': ', ...prose(map.note)] : [])),
        paragraph(image(`charts/${name}.png`, alt)),
        paragraph(
          emphasis(
            `Each cell replays ${map.scenario ? `the timeline of scenario ${map.scenario.id}` : 'the actual timeline'} with ${map.x.parameter} and ${map.y.parameter} set (${map.grid} × ${map.grid} replays); the boundary is ${thresholdFrom}. Also as `,
            link(`charts/${name}.svg`, 'SVG'),
            '; chart data: ',
            link(`charts/${name}.json`, `${name}.json`),
            '.',
          ),
        ),
        ...describeBoundaryMargin(map).map((sentence) => paragraph(...prose(sentence))),
      ];
    });
  },
};
