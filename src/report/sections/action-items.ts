// `::action-items`: action items ranked by the benefit their scenario shows on the series each
// addresses — over the plausible worlds when the sensitivity run is in (see
// rank-action-items.ts), else in the replay with the file's values; items no scenario
// quantifies follow in file order. Each item says how far its benefit holds, its "how much
// would have been enough" threshold, and when it ties with another item, why.
import type { BlockSection } from './section.js';
import type { ReportState } from '../report-state.js';
import { rankActionItems, type RankedActionItem } from '../rank-action-items.js';
import { impactReduction } from '../impact-reduction.js';
import { secondaryImpacts } from '../secondary-impacts.js';
import { areaUnit, formatNumber } from '../format/format-number.js';
import { emphasis, list, paragraph, prose, text, type Phrasing, type RootContent } from '../mdast.js';
import { sourceRef } from './source-ref.js';
import { actionItemMeta } from './action-item-meta.js';
import { seriesTitle, seriesUnit } from './series-title.js';
import { describeRobustness, formatSpread, robustnessOf } from '../robust-benefit.js';
import { describeEnough } from '../describe-enough.js';

export { rankActionItems, type RankedActionItem };

/** `; Region-wide EBS API errors: 100% less` for each other impact series the scenario reduces. */
function secondaryBenefits(state: ReportState, scenarioId: string | undefined, except: string): string {
  const actual = state.replay.scenarios[0];
  const scenario = state.replay.scenarios.find((s) => s.id === scenarioId);
  if (!actual || !scenario) return '';
  return [state.primarySeries, ...secondaryImpacts(state)]
    .filter((s, i, all) => s !== except && all.indexOf(s) === i)
    .map((s) => ({ s, r: impactReduction(actual, scenario, s) }))
    .filter(({ r }) => Number.isFinite(r.percent) && r.percent >= 1)
    .map(({ s, r }) => `; ${seriesTitle(state, s)}: ${formatNumber(r.percent)}% less`)
    .join('');
}

/** What the scenario shows for the item, after its title (`, on Stuck volumes: impact area …`). */
function benefitText(state: ReportState, r: RankedActionItem): string {
  const unit = seriesUnit(state, r.series);
  const on = seriesTitle(state, r.series);
  const atFile = r.reduction
    ? `${formatNumber(Math.abs(r.reduction.area))} ${areaUnit(unit)} ${r.reduction.area >= 0 ? 'less' : 'more'} impact` +
      (Number.isFinite(r.reduction.percent) ? ` (${formatNumber(Math.abs(r.reduction.percent))}% of the actual)` : '')
    : '';
  if (r.benefit && r.sensitivity) {
    const kept = state.sensitivity.status === 'run' ? state.sensitivity.result.kept : 0;
    return (
      `, on ${on}: impact area ${formatSpread(r.benefit.areaChangePercent)} over ${kept} plausible worlds` +
      ` (median, 10–90 %); ${describeRobustness(robustnessOf(r.sensitivity, r.benefit))}; with the file’s values ${atFile}` +
      secondaryBenefits(state, r.item.scenario, r.series)
    );
  }
  return `, on ${on}: ${atFile}${secondaryBenefits(state, r.item.scenario, r.series)}`;
}

export const actionItems: BlockSection = {
  kind: 'block',
  description: 'Action items ranked by the benefit their scenario shows on the series each addresses, over the plausible worlds when the sensitivity run is in.',
  attributes: {
    top: { description: 'Show only the first n items of the ranking (a brief shows the top few).', values: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] },
  },
  render(state, attributes) {
    const all = rankActionItems(state);
    const ranked = attributes.top === undefined ? all : all.slice(0, Number(attributes.top));
    if (ranked.length === 0) return [paragraph('The incident file lists no action items.')];
    const items = ranked.map((r): Phrasing[] => {
      const { item } = r;
      const parts: Phrasing[] = [...prose(item.text)];
      const ref = sourceRef(state, item.source);
      if (ref.length > 0) parts.push(' ', ...ref);
      parts.push(...actionItemMeta(item));
      if (r.reduction && r.scenarioTitle) {
        // The scenario by its title, in italics: curly quotes would read as the source's words.
        parts.push(' — scenario ', emphasis(text(r.scenarioTitle)), ...prose(`${benefitText(state, r)} (replayed).`));
        const enough = r.sensitivity?.enough;
        if (enough) parts.push(' How much was enough: ', ...prose(describeEnough(state, enough)));
        if (r.tie) {
          parts.push(
            ' ',
            ...prose(
              `Tied with ${r.tie.with.map((id) => `\`${id}\``).join(', ')}: ${r.tie.reason}` +
                (r.sensitivity?.enough?.margin != null ? '; ordered by how far each scenario goes past what was enough.' : '.'),
            ),
          );
        }
      } else if (state.replayed) {
        // Without a model no item is quantified, and the paragraph above says so once.
        parts.push(' — ', emphasis('not quantified by a scenario'));
      }
      return parts;
    });
    const ran = state.sensitivity.status === 'run' && state.sensitivity.result.kept > 0;
    const order = !state.replayed
      ? 'In the order of the incident file: it has no model, so no scenario measures their benefit.'
      : ran
        ? 'Ranked by the reduction of the impact area of the series each item addresses over the plausible worlds of the sensitivity run: the median first, then the 10th percentile; items that show the same benefit are called a tie.'
        : `Ranked by the reduction of the impact area of the series each item addresses in the replay with the file’s values: ${notRunReason(state)}.`;
    const nodes: RootContent[] = [
      paragraph(...prose(order)),
      list(true, items),
    ];
    if (ranked.length < all.length) nodes.push(paragraph(`${all.length - ranked.length} more in the full report.`));
    return nodes;
  },
};

/** Why a report has no sensitivity, in a few words. */
export function notRunReason(state: ReportState): string {
  const s = state.sensitivity;
  if (s.status === 'run') return s.result.kept === 0 ? 'no sampled world reproduces the published figures' : 'the sensitivity run is in';
  if (s.reason === 'no-ranges') return 'the sensitivity was not run: no parameter has a plausible range';
  if (s.reason === 'failed') return `the sensitivity run failed: ${s.message ?? 'unknown error'}`;
  return 'the sensitivity was not run for this report (`--no-sensitivity`)';
}
