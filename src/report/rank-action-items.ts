// The ranking of action items. Each item is measured on the series it addresses (its `series:`,
// else its scenario's, else the primary series). With the sensitivity run: by its benefit over
// the plausible worlds — the median reduction of the impact area, then the 10th percentile of
// the reduction (the pessimistic end) — compared at the 0.1 % they are printed with, so no
// extra decimal separates two items. Items that show the same benefit are a tie, and the report
// says why (equal in every plausible world, or only in median and interval); a tie is ordered by
// the "enough" margin (how far the scenario goes past the most demanding threshold), then file
// order. Without the run: by the reduction in the replay with the file's values, with the same
// tie rule. Items no scenario quantifies follow in file order.
import type { ActionItem } from '../incident/schema.js';
import type { ReportState } from './report-state.js';
import type { ScenarioSensitivity, SeriesBenefit } from '../analysis/sensitivity.js';
import { impactReduction, type ImpactReduction } from './impact-reduction.js';
import { benefitOn, scenarioSensitivity, toTenth } from './robust-benefit.js';

export interface RankedActionItem {
  item: ActionItem;
  /** The series its benefit is measured on. */
  series: string;
  scenarioTitle?: string;
  /** In the replay with the file's values. */
  reduction?: ImpactReduction;
  /** Over the plausible worlds, when the sensitivity run is in. */
  sensitivity?: ScenarioSensitivity;
  benefit?: SeriesBenefit;
  /** Set on every item of a tie: the ids of the others, and why they are equal. */
  tie?: { with: string[]; reason: string };
}

/** What ranks an item, as printed: reduction %, higher first. */
function keyOf(r: RankedActionItem): [number, number, number] | undefined {
  if (r.benefit) {
    const median = toTenth(r.benefit.areaChangePercent.median);
    const p90 = toTenth(r.benefit.areaChangePercent.p90);
    const p10 = toTenth(r.benefit.areaChangePercent.p10);
    // A reduction is a negative change: the 10th percentile of the reduction is the 90th of the change.
    return median === null || p90 === null || p10 === null ? undefined : [-median, -p90, -p10];
  }
  if (r.reduction && Number.isFinite(r.reduction.percent)) {
    const p = toTenth(r.reduction.percent)!;
    return [p, p, p];
  }
  return undefined;
}

const sameKey = (a: readonly number[] | undefined, b: readonly number[] | undefined) => !!a && !!b && a.every((x, i) => x === b[i]);

export function rankActionItems(state: ReportState): RankedActionItem[] {
  const actual = state.replay.scenarios[0];
  const items = (state.replay.incident.actionItems ?? []).map((item, index) => {
    const spec = state.replay.incident.scenarios?.find((s) => s.id === item.scenario);
    const replayed = item.scenario ? state.replay.scenarios.find((s) => s.id === item.scenario) : undefined;
    const wanted = item.series ?? spec?.series ?? state.primarySeries;
    const series = actual && wanted in actual.metrics ? wanted : state.primarySeries;
    const r: RankedActionItem = { item, series };
    if (replayed) r.scenarioTitle = replayed.title;
    if (actual && replayed) r.reduction = impactReduction(actual, replayed, series);
    const sens = scenarioSensitivity(state, item.scenario);
    const benefit = benefitOn(state, item.scenario, series);
    if (sens && benefit && benefit.areaChangePercent.median !== null) {
      r.sensitivity = sens;
      r.benefit = benefit;
    }
    return { r, index, key: keyOf(r), margin: r.sensitivity?.enough?.margin ?? null };
  });
  const compareKeys = (a: (typeof items)[number], b: (typeof items)[number]) => {
    if (!a.key || !b.key) return (a.key ? -1 : b.key ? 1 : 0);
    for (let i = 0; i < 3; i++) if (a.key[i] !== b.key[i]) return b.key[i]! - a.key[i]!;
    return 0;
  };
  items.sort(
    (a, b) =>
      compareKeys(a, b) ||
      // A tie: the scenario with more room past its most demanding threshold first.
      (a.margin === null ? (b.margin === null ? 0 : 1) : b.margin === null ? -1 : b.margin - a.margin) ||
      a.index - b.index,
  );
  // Ties: runs of items of different scenarios that show the same benefit.
  for (let i = 0; i < items.length; ) {
    let j = i + 1;
    while (j < items.length && sameKey(items[i]!.key, items[j]!.key)) j++;
    const run = items.slice(i, j).map((x) => x.r);
    if (new Set(run.map((r) => r.item.scenario)).size > 1) {
      const reason = tieReason(run);
      for (const r of run) r.tie = { with: run.filter((o) => o !== r).map((o) => o.item.id), reason };
    }
    i = j;
  }
  return items.map((x) => x.r);
}

function tieReason(run: RankedActionItem[]): string {
  const withBenefit = run.filter((r) => r.benefit);
  if (withBenefit.length === run.length) {
    const worlds = withBenefit.map((r) => JSON.stringify(r.benefit!.areaChangePercentByWorld));
    const sameSeries = new Set(run.map((r) => r.series)).size === 1;
    if (sameSeries && worlds.every((w) => w === worlds[0])) {
      const median = toTenth(withBenefit[0]!.benefit!.areaChangePercent.median);
      return median === -100
        ? 'each removes the whole impact in every plausible world'
        : 'their benefits are equal in every plausible world';
    }
    return sameSeries
      ? 'the same median and 10–90 % interval over the plausible worlds, though not the same in each world'
      : 'the same median and 10–90 % interval over the plausible worlds, each on the series it addresses';
  }
  return 'the same reduction in the replay with the file’s values; the sensitivity run was not made to tell them apart';
}
