// "How much would have been enough" in one sentence: the threshold of the scenario's number
// with its 90 % interval over the plausible worlds, what it keeps under which goal, and — never
// folded into the number — the worlds where the search had no honest answer.
import type { EnoughSummary } from '../analysis/summarise-enough.js';
import type { ReportState } from './report-state.js';
import { areaUnit, formatNumber, formatQuantity } from './format/format-number.js';
import { seriesTitle, seriesUnit } from './sections/series-title.js';
import { provenanceLabel } from './provenance-note.js';

const quantity = (x: number, unit: string) => formatQuantity(x, unit).trim();

/** ` (assumed)`: the provenance of the file's value of a parameter, which the threshold is set against. */
function fileProvenance(state: ReportState, parameter: string): string {
  const p = state.replay.incident.model?.parameters[parameter];
  return p ? ` (${provenanceLabel(p.provenance)})` : '';
}

/** `the peak of Stuck volumes at or below 1%` */
export function describeGoal(state: ReportState, e: EnoughSummary): string {
  const unit = seriesUnit(state, e.series);
  const lower = state.seriesInfo[e.series] && state.replay.scenarios[0]?.metrics[e.series]?.worse === 'lower';
  const what = e.metric === 'area' ? `the impact area of ${seriesTitle(state, e.series)}` : lower ? `the shortfall of ${seriesTitle(state, e.series)}` : `the peak of ${seriesTitle(state, e.series)}`;
  const level = e.metric === 'area' ? `${formatNumber(e.below)} ${areaUnit(unit)}` : quantity(e.below, unit);
  return `${what} at or below ${level}${e.defaultGoal ? ' (the series’ impact threshold)' : ''}`;
}

export function describeEnough(state: ReportState, e: EnoughSummary): string {
  const goal = describeGoal(state, e);
  const bound = e.bound === null ? '' : ` (${e.direction === 'up' ? 'up to' : 'down to'} ${quantity(e.bound, e.unit)})`;
  const caveats = [
    e.notMonotone > 0
      ? `in ${e.notMonotone} the impact is not monotone in \`${e.parameter}\`${e.notMonotoneExample ? ` (the goal is met at ${quantity(e.notMonotoneExample.met, e.unit)} and missed again at ${quantity(e.notMonotoneExample.missed, e.unit)})` : ''}, so no threshold is given there`
      : '',
    e.notReached > 0 ? `in ${e.notReached} no value within its valid bounds${bound} meets the goal` : '',
  ].filter(Boolean);
  if (e.threshold === null) {
    return `No change of \`${e.parameter}\` alone would have kept ${goal} in any of the ${e.worlds} plausible worlds: ${caveats.join('; ') || 'there are none'}.`;
  }
  const t = e.threshold;
  const dir = e.direction === 'up' ? 'at least' : 'at most';
  const same = formatNumber(t.p05) === formatNumber(t.p95) && formatNumber(t.p05) === formatNumber(t.worst);
  const interval = same
    ? `the same in every plausible world with a threshold`
    : `90% interval ${formatNumber(t.p05)}–${quantity(t.p95, e.unit)} over the plausible assumptions; ${quantity(t.worst, e.unit)} in every plausible world with a threshold`;
  const where = e.found === e.worlds ? '' : ` in ${e.found} of ${e.worlds} plausible worlds`;
  const lead =
    e.already === e.found
      ? `\`${e.parameter}\` needed no change: ${goal} holds at the file’s ${quantity(e.from, e.unit)}${fileProvenance(state, e.parameter)}${where}, with the scenario’s other changes`
      : `\`${e.parameter}\` of ${dir} ${quantity(t.median, e.unit)} (${interval}) would have kept ${goal}${where}; the scenario sets ${quantity(e.to, e.unit)}, the file ${quantity(e.from, e.unit)}${fileProvenance(state, e.parameter)}`;
  return `${lead}${caveats.length > 0 ? `; ${caveats.join('; ')}` : ''}.`;
}
