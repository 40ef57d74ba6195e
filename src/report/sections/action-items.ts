// `::action-items`: action items ranked by the benefit their scenario shows (the reduction of
// the primary series' impact area); items no scenario quantifies follow in file order.
import type { BlockSection } from './section.js';
import type { ReportState } from '../report-state.js';
import type { ActionItem } from '../../incident/schema.js';
import { impactReduction, type ImpactReduction } from '../impact-reduction.js';
import { secondaryImpacts } from '../secondary-impacts.js';
import { areaUnit, formatNumber } from '../format/format-number.js';
import { emphasis, list, paragraph, prose, type Phrasing, type RootContent } from '../mdast.js';
import { sourceRef } from './source-ref.js';
import { actionItemMeta } from './action-item-meta.js';
import { seriesTitle, seriesUnit } from './series-title.js';

export interface RankedActionItem {
  item: ActionItem;
  scenarioTitle?: string;
  reduction?: ImpactReduction;
}

/** Action items by decreasing benefit; unquantified ones keep their file order at the end. */
export function rankActionItems(state: ReportState): RankedActionItem[] {
  const actual = state.replay.scenarios[0];
  const ranked = (state.replay.incident.actionItems ?? []).map((item, index) => {
    const scenario = item.scenario ? state.replay.scenarios.find((s) => s.id === item.scenario) : undefined;
    const reduction = actual && scenario ? impactReduction(actual, scenario, state.primarySeries) : undefined;
    return { item, index, scenarioTitle: scenario?.title, reduction };
  });
  const benefit = (r: (typeof ranked)[number]) =>
    r.reduction && Number.isFinite(r.reduction.area) ? r.reduction.area : Number.NEGATIVE_INFINITY;
  ranked.sort((a, b) => benefit(b) - benefit(a) || a.index - b.index);
  return ranked.map(({ item, scenarioTitle, reduction }) => ({ item, scenarioTitle, reduction }));
}

/** `; Region-wide EBS API errors: 100% less` for each secondary impact the scenario reduces. */
function secondaryBenefits(state: ReportState, scenarioId: string | undefined): string {
  const actual = state.replay.scenarios[0];
  const scenario = state.replay.scenarios.find((s) => s.id === scenarioId);
  if (!actual || !scenario) return '';
  return secondaryImpacts(state)
    .map((s) => ({ s, r: impactReduction(actual, scenario, s) }))
    .filter(({ r }) => Number.isFinite(r.percent) && r.percent >= 1)
    .map(({ s, r }) => `; ${seriesTitle(state, s)}: ${formatNumber(r.percent)}% less`)
    .join('');
}

export const actionItems: BlockSection = {
  kind: 'block',
  description: 'Action items ranked by the impact reduction their scenario shows in the replay.',
  attributes: {
    top: { description: 'Show only the first n items of the ranking (a brief shows the top few).', values: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] },
  },
  render(state, attributes) {
    const all = rankActionItems(state);
    const ranked = attributes.top === undefined ? all : all.slice(0, Number(attributes.top));
    if (ranked.length === 0) return [paragraph('The incident file lists no action items.')];
    const unit = seriesUnit(state, state.primarySeries);
    const items = ranked.map(({ item, scenarioTitle, reduction }): Phrasing[] => {
      const parts: Phrasing[] = [...prose(item.text)];
      const ref = sourceRef(state, item.source);
      if (ref.length > 0) parts.push(' ', ...ref);
      parts.push(...actionItemMeta(item));
      parts.push(' — ');
      if (reduction && scenarioTitle) {
        parts.push(
          emphasis(
            `scenario “${scenarioTitle}”: ${formatNumber(Math.abs(reduction.area))} ${areaUnit(unit)} ${reduction.area >= 0 ? 'less' : 'more'} impact` +
              (Number.isFinite(reduction.percent) ? ` (${formatNumber(Math.abs(reduction.percent))}% of the actual)` : '') +
              secondaryBenefits(state, item.scenario),
          ),
        );
      } else {
        parts.push(emphasis('not quantified by a scenario'));
      }
      return parts;
    });
    const nodes: RootContent[] = [
      paragraph(
        `Ranked by the reduction of the impact area of ${seriesTitle(state, state.primarySeries)} that the item’s scenario shows in the replay.`,
      ),
      list(true, items),
    ];
    if (ranked.length < all.length) nodes.push(paragraph(`${all.length - ranked.length} more in the full report.`));
    return nodes;
  },
};
