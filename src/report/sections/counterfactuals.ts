// `::counterfactuals`: every scenario against the actual replay (peak, impact area, time to
// recover from the trigger, difference), then one paragraph per scenario stating what it changes in the system
// and what it assumes. Counterfactuals are about system parameters, not about what people
// should have done: the wording follows the scenario's own title and rationale.
import type { BlockSection } from './section.js';
import { SectionError } from './section.js';
import { instantOfTime, type ReportState } from '../report-state.js';
import { formatLocalTime } from '../format/format-local-time.js';
import type { ScenarioReplay } from '../../replay/types.js';
import { areaUnit, formatNumber, formatQuantity, formatSigned, formatSignedQuantity } from '../format/format-number.js';
import { formatHours } from '../format/format-duration.js';
import { code, emphasis, paragraph, prose, strong, table, text, type Phrasing, type RootContent } from '../mdast.js';
import { seriesTitle, seriesUnit } from './series-title.js';
import { impactReduction } from '../impact-reduction.js';
import { secondaryImpacts } from '../secondary-impacts.js';
import { extremeLabel, extremeVerb, lowerIsWorse } from '../lower-is-worse.js';
import { benefitOn, formatSpread, scenarioSensitivity } from '../robust-benefit.js';
import { provenanceLabel } from '../provenance-note.js';

export const counterfactuals: BlockSection = {
  kind: 'block',
  needsReplay: true,
  description: 'Table and wording of the counterfactual scenarios against the actual replay.',
  attributes: {
    series: { description: 'Series to compare (default: the primary series).' },
  },
  render(state, attributes) {
    const series = attributes.series ?? state.primarySeries;
    const actual = state.replay.scenarios[0];
    if (!actual || !(series in actual.metrics)) {
      throw new SectionError(
        `no series \`${series}\` in the replay`,
        `use one of: ${Object.keys(actual?.metrics ?? {}).join(', ') || '(the replay has no series)'}`,
      );
    }
    const scenarios = state.replay.scenarios.slice(1);
    if (scenarios.length === 0) return [paragraph('The incident file defines no counterfactual scenarios.')];
    const unit = seriesUnit(state, series);
    const nodes: RootContent[] = [
      table(
        ['Scenario', `${extremeLabel(actual.metrics[series])} ${seriesTitle(state, series)}`, 'Impact area', 'Time to recover', 'Impact vs actual', ...intervalHead(state)],
        [actual, ...scenarios].map((s) => scenarioRow(state, s, series, 'recover')),
        [null, 'right', 'right', 'right', 'right', 'right'],
      ),
      paragraph(
        emphasis(
          `Every figure in this table is replayed: computed by the model with the parameters of its assumptions section, not published. Impact area is the integral ${lowerIsWorse(actual.metrics[series]) ? 'of the shortfall of' : 'of'} ${seriesTitle(state, series)} over time (${areaUnit(unit)}); time to recover runs from the trigger${triggerText(state)} until the series stays ${lowerIsWorse(actual.metrics[series]) ? 'at or above' : 'at or below'} its recovery level (${formatQuantity(actual.metrics[series]!.recoveryLevel, unit)}).`,
        ),
      ),
    ];
    for (const s of scenarios) nodes.push(...scenarioWording(state, s, series, unit));
    // A remediation may act on a secondary impact only (control-plane timeouts on API errors):
    // compare the scenarios on every series the model marks as an impact too.
    if (attributes.series === undefined) {
      for (const other of secondaryImpacts(state)) nodes.push(...secondaryTable(state, other));
    }
    return nodes;
  },
};

/** ` (02:44 PST)`: the instant times to recover count from (analysis/incident-durations.ts). */
function triggerText(state: ReportState): string {
  const trigger = state.replay.moments.trigger;
  return trigger === undefined ? '' : ` (${formatLocalTime(Date.parse(trigger), state.zone)})`;
}

function secondaryTable(state: ReportState, series: string): RootContent[] {
  const actual = state.replay.scenarios[0]!;
  const unit = seriesUnit(state, series);
  const a = actual.metrics[series]!;
  const rows = state.replay.scenarios.map((s) => scenarioRow(state, s, series, 'above'));
  return [
    paragraph(
      `The same scenarios on ${seriesTitle(state, series)} (${lowerIsWorse(a) ? 'shortfall' : 'time'} ${lowerIsWorse(a) ? 'below' : 'above'} ${formatQuantity(a.threshold, unit).trim()}):`,
    ),
    table(
      ['Scenario', `${extremeLabel(a)} ${seriesTitle(state, series)}`, 'Impact area', lowerIsWorse(a) ? 'Time below' : 'Time above', 'Impact vs actual', ...intervalHead(state)],
      rows,
      [null, 'right', 'right', 'right', 'right', 'right'],
    ),
  ];
}

/** A table row: scenario, peak, impact area, time to recover (or time above), change of impact. */
function scenarioRow(state: ReportState, s: ScenarioReplay, series: string, time: 'recover' | 'above'): Phrasing[][] {
  const actual = state.replay.scenarios[0]!;
  const m = s.metrics[series]!;
  const unit = seriesUnit(state, series);
  const reduction = s.id === actual.id ? undefined : impactReduction(actual, s, series);
  return [
    [s.id === actual.id ? strong('Actual (replay)') : text(s.title)],
    [formatQuantity(m.peak, unit)],
    [`${formatNumber(m.impactArea)} ${areaUnit(unit)}`],
    [time === 'above' ? formatHours(m.hoursAbove) : m.hoursToRecover === null ? 'not within the replay' : formatHours(m.hoursToRecover)],
    [reduction === undefined ? '' : formatReduction(reduction.percent)],
    ...(intervalHead(state).length === 0 ? [] : [[s.id === actual.id ? '' : formatSpread(benefitOn(state, s.id, series)?.areaChangePercent ?? nothing)]]),
  ];
}

const nothing = { p10: null, median: null, p90: null, min: null, max: null };

/** The column of the interval over the plausible worlds, when the sensitivity run is in. */
function intervalHead(state: ReportState): string[] {
  const first = state.replay.scenarios[1];
  return first && scenarioSensitivity(state, first.id) ? ['Over the plausible worlds (median, 10–90 %)'] : [];
}

function formatReduction(percent: number): string {
  if (!Number.isFinite(percent)) return 'n/a';
  // A reduction is good news: print it as a negative change of the impact.
  return `${formatSigned(-percent)}%`;
}

function scenarioWording(state: ReportState, s: ScenarioReplay, series: string, unit: string): RootContent[] {
  const actual = state.replay.scenarios[0]!;
  const m = s.metrics[series]!;
  const a = actual.metrics[series]!;
  const d = s.diff?.[series];
  const reduction = impactReduction(actual, s, series);
  const changes = scenarioChanges(state, s);
  const lead: Phrasing[] = [strong(text(s.title)), '. '];
  if (changes.length > 0) lead.push('With ', ...changes, ', ');
  else lead.push('In this scenario, ');
  lead.push(
    `the replay ${extremeVerb(m)} ${formatQuantity(m.peak, unit)} (actual ${formatQuantity(a.peak, unit)}, ${formatSignedQuantity(d?.peak ?? m.peak - a.peak, unit)}) and its impact area is ${formatNumber(m.impactArea)} ${areaUnit(unit)}, ${describeReduction(reduction.percent)} than the actual replay`,
  );
  if (m.hoursToRecover !== null && a.hoursToRecover !== null) {
    lead.push(`; ${seriesTitle(state, series)} recovers after ${formatHours(m.hoursToRecover)} instead of ${formatHours(a.hoursToRecover)}`);
  }
  lead.push('.');
  const nodes: RootContent[] = [paragraph(...lead)];
  if (s.rationale) nodes.push(paragraph(emphasis('Rationale and assumptions:'), ' ', ...prose(s.rationale)));
  const remediation = state.replay.incident.scenarios?.find((x) => x.id === s.id)?.remediation;
  if (remediation) nodes.push(paragraph(emphasis('The remediation it quantifies:'), ' “', ...prose(remediation), '”'));
  return nodes;
}

function describeReduction(percent: number): string {
  if (!Number.isFinite(percent)) return 'not comparable (the actual impact area is zero)';
  const rounded = Number(formatNumber(Math.abs(percent)).replace(/,/g, ''));
  if (rounded === 0) return 'about the same';
  return `${formatNumber(Math.abs(percent))}% ${percent > 0 ? 'less' : 'more'}`;
}

/**
 * What the scenario changes, as phrases: `` `spareCapacity` = 20% (actual: 5%) ``, `` `dns-change`
 * removed from the timeline ``, `` `restart` moved by -2h ``, an added event with its time.
 */
function scenarioChanges(state: ReportState, s: ScenarioReplay): Phrasing[] {
  const spec = state.replay.incident.scenarios?.find((x) => x.id === s.id);
  const params = state.replay.incident.model?.parameters ?? {};
  const phrases: Phrasing[][] = Object.entries(spec?.parameters ?? {}).map(([name, value]): Phrasing[] => {
    const p = params[name];
    const unit = p?.unit ?? '';
    // The file's value is no more certain than its provenance: "(actual: 5%, assumed)".
    return [code(name), ` = ${formatQuantity(value, unit).trim()}`, p ? ` (actual: ${formatQuantity(p.value, unit).trim()}, ${provenanceLabel(p.provenance)})` : ''];
  });
  for (const id of spec?.timeline?.remove ?? []) phrases.push([code(id), ' removed from the timeline']);
  for (const { event, by } of spec?.timeline?.shift ?? []) phrases.push([code(event), ` moved by ${by}`]);
  for (const event of spec?.timeline?.add ?? []) {
    phrases.push([`an event added at ${formatLocalTime(instantOfTime(state, event.at), state.zone)} (`, ...prose(event.text), ')']);
  }
  return phrases.flatMap((p, i) => (i === 0 ? p : [i === phrases.length - 1 ? ' and ' : ', ', ...p]));
}
