// `::sensitivity`: how far the counterfactuals' conclusions hold. What was sampled (the ranged
// parameters and where their ranges come from), how many sampled worlds still reproduce the
// published figures, each scenario's benefit on the series it addresses over those worlds with
// what it depends on, the "how much would have been enough" thresholds, and a bar chart of the
// action items' benefit with its interval. When the run was not made, it says so and why.
import type { BlockSection } from './section.js';
import type { ReportState } from '../report-state.js';
import { code, emphasis, image, link, list, paragraph, prose, table, text, type Phrasing, type RootContent } from '../mdast.js';
import { formatNumber, formatQuantity } from '../format/format-number.js';
import { seriesTitle } from './series-title.js';
import { describeRobustness, formatSpread, robustnessOf } from '../robust-benefit.js';
import { describeEnough } from '../describe-enough.js';
import { notRunReason, rankActionItems } from './action-items.js';

export const benefitChartName = 'benefit';

export const sensitivity: BlockSection = {
  kind: 'block',
  needsReplay: true,
  description: 'How far the counterfactuals hold over the plausible ranges: benefits with intervals, drivers, “how much was enough”, a bar chart.',
  attributes: {},
  render(state) {
    const s = state.sensitivity;
    if (s.status !== 'run') {
      return [paragraph(...prose(`The conclusions above rest on the parameter values of the incident file alone: ${notRunReason(state)}.`))];
    }
    const r = s.result;
    const nodes: RootContent[] = [
      paragraph(
        `${r.samples} Latin hypercube samples (seed ${r.seed}) of the plausible ranges of ${r.parameters.length} parameter${r.parameters.length === 1 ? '' : 's'}; `,
        `${r.kept} of them still reproduce all ${r.figures} published figures within their tolerance, and only those count as plausible worlds. `,
        'In each, the actual timeline and every scenario are replayed deterministically.',
      ),
      list(
        false,
        r.parameters.map((p): Phrasing[] => [
          code(p.name),
          `: ${formatNumber(p.low)}–${formatQuantity(p.high, p.unit).trim()} (the file: ${formatQuantity(p.value, p.unit).trim()})`,
          ...(p.note ? [' — ', ...prose(p.note)] : []),
        ]),
      ),
    ];
    if (r.kept === 0) {
      nodes.push(paragraph('No sampled world reproduces the published figures, so nothing is claimed beyond the file’s own values: narrow the ranges, or check the tolerances.'));
      return nodes;
    }
    nodes.push(
      table(
        ['Scenario', 'Series', 'Impact area vs actual (median, 10–90 %)', 'Peak vs actual (median, 10–90 %)', 'How far it holds'],
        r.scenarios.map((sc) => {
          const b = sc.bySeries[0]!;
          return [
            [text(sc.title)],
            [seriesTitle(state, sc.series)],
            [formatSpread(b.areaChangePercent)],
            [formatSpread(b.peakChangePercent)],
            prose(describeRobustness(robustnessOf(sc, b))),
          ];
        }),
        [null, null, 'right', 'right', null],
      ),
    );
    const enough = r.scenarios.filter((sc) => sc.enough !== null);
    if (enough.length > 0) {
      nodes.push(paragraph(emphasis('How much would have been enough'), ' — the smallest change of the scenario’s number that meets its goal, searched in each plausible world:'));
      nodes.push(list(false, enough.map((sc): Phrasing[] => [text(`${sc.title}: `), ...prose(describeEnough(state, sc.enough!))])));
    }
    if (rankActionItems(state).some((x) => x.benefit)) {
      state.charts.set(benefitChartName, { name: benefitChartName, series: '', kind: 'benefit' });
      nodes.push(
        paragraph(image(`charts/${benefitChartName}.png`, 'The action items’ reduction of the impact area over the plausible worlds: median and 10–90 % interval, in the order of the ranking')),
        paragraph(emphasis('Also as ', link(`charts/${benefitChartName}.svg`, 'SVG'), '; chart data: ', link(`charts/${benefitChartName}.json`, `${benefitChartName}.json`), '.')),
      );
    }
    return nodes;
  },
};
