// `::impact`: the key figures: duration, the published figures with their sources, the
// replay's peak, impact area and time to recover of the primary series, and the residual impact
// after the resolved moment.
import type { BlockSection } from './section.js';
import { formatLocalTime } from '../format/format-local-time.js';
import { formatObservedWhen } from '../format/format-observed-when.js';
import { formatDuration, formatHours } from '../format/format-duration.js';
import { areaUnit, formatNumber, formatQuantity } from '../format/format-number.js';
import { list, strong, text, type Phrasing } from '../mdast.js';
import { sourceRef } from './source-ref.js';
import { seriesTitle } from './series-title.js';
import { extremeVerb, lowerIsWorse, showsImpact, worseValue } from '../lower-is-worse.js';
import { residualOf } from '../residual-of.js';
import type { ReportState } from '../report-state.js';
import type { ResidualImpact } from '../../analysis/incident-durations.js';
import { observedProvenance } from '../../incident/provenance.js';
import type { ObservedPoint } from '../../incident/schema.js';
import { footnoteId, provenanceFootnote, provenanceLabel } from '../provenance-note.js';
import type { FootnoteDefinition, RootContent } from 'mdast';
import { paragraph } from '../mdast.js';
import { resolveTime } from '../../incident/time.js';

export const impact: BlockSection = {
  kind: 'block',
  description: 'Key figures: duration, published impact figures, peak and impact area in the replay.',
  attributes: {},
  render(state) {
    const { incident, moments, durations } = state.replay;
    const items: Phrasing[][] = [];
    items.push([strong('Severity'), `: ${incident.severity}; `, strong('service'), ': ', text(incident.service), '; ', strong('region'), ': ', text(incident.region)]);
    // The impact duration and the times below are analysis/incident-durations.ts's definitions:
    // the same numbers as the key moments, the counterfactual table, the index and summary.json.
    if (durations.resolve !== undefined && moments.start && moments.resolved) {
      const parts: Phrasing[] = [
        strong('Duration'),
        `: ${formatDuration(durations.resolve)}, from the start (${formatLocalTime(Date.parse(moments.start), state.zone)}) to the resolved moment (${formatLocalTime(Date.parse(moments.resolved), state.zone)})`,
      ];
      if (moments.trigger && moments.trigger !== moments.start) {
        const lead = (Date.parse(moments.start) - Date.parse(moments.trigger)) / 60_000;
        parts.push(`; triggered ${formatDuration(lead)} before the start, at ${formatLocalTime(Date.parse(moments.trigger), state.zone)}`);
      }
      items.push(parts);
    }
    if (!state.replayed) return recordOnlyImpact(state, items);
    // The key figures of the record: for each series, the published figure that shows the largest
    // impact (the highest stuck volumes; the lowest share of useful servers). A figure within the
    // healthy range (errors back to 0 %) marks the end of the impact, not its size: left out.
    const published = incident.observed ?? [];
    const peaks = new Map<string, number>();
    const metricsOf = (series: string) => state.replay.scenarios[0]?.metrics[series];
    published.forEach((point, i) => {
      const m = metricsOf(point.series);
      if (!showsImpact(m, point.value)) return;
      const best = peaks.get(point.series);
      if (best === undefined || worseValue(m, point.value, published[best]!.value)) peaks.set(point.series, i);
    });
    // Only a number the source states is labelled "Published"; a reading of its words says so.
    const notes: FootnoteDefinition[] = [];
    for (const i of peaks.values()) {
      const point = published[i]!;
      const at = state.replay.observed.find((o) => o.id !== undefined && o.id === point.id) ?? state.replay.observed[i];
      const lower = lowerIsWorse(metricsOf(point.series));
      const parts: Phrasing[] = [
        ...figureMark(state, point, i, notes),
        lower ? ' (largest impact, the lowest figure): ' : ' (largest impact, the highest figure): ',
        text(`${seriesTitle(state, point.series)}: ${formatQuantity(point.value, point.unit)}`),
      ];
      if (point.basis) parts.push(text(` of ${point.basis}`));
      if (at) parts.push(` (${at.from !== undefined ? formatObservedWhen(at, state.zone) : formatLocalTime(Date.parse(at.at), state.zone)})`);
      const ref = sourceRef(state, point.source);
      if (ref.length > 0) parts.push(' ', ...ref);
      items.push(parts);
    }
    const metrics = state.replay.scenarios[0]?.metrics[state.primarySeries];
    if (metrics) {
      const title = seriesTitle(state, state.primarySeries);
      const unit = metrics.unit;
      const side = lowerIsWorse(metrics) ? 'above' : 'below';
      const replay: Phrasing[] = [
        strong('Replay'),
        `: ${title} ${extremeVerb(metrics)} ${formatQuantity(metrics.peak, unit)} at ${formatLocalTime(Date.parse(metrics.peakAt), state.zone)}; impact area ${formatNumber(metrics.impactArea)} ${areaUnit(unit)}; `,
      ];
      if (metrics.hoursToRecover === null || metrics.recoveredAt === null) replay.push(`not back ${side} ${formatQuantity(metrics.recoveryLevel, unit)} within the replay`);
      else if (metrics.hoursToRecover === 0) replay.push(`never beyond ${formatQuantity(metrics.recoveryLevel, unit)}`);
      else {
        replay.push(
          `back ${side} ${formatQuantity(metrics.recoveryLevel, unit)} for good at ${formatLocalTime(Date.parse(metrics.recoveredAt), state.zone)}, ${formatHours(metrics.hoursToRecover)} after the trigger (time to recover)`,
        );
      }
      items.push(replay);
      const residual = residualOf(state);
      if (residual) items.push(residualItem(state, residual, title, unit, lowerIsWorse(metrics), metrics.recoveryLevel));
    }
    const nodes: RootContent[] = [list(false, items), ...notes];
    return nodes;
  },
};

/**
 * The residual impact, stated apart from the duration: the resolved moment is the record's, and
 * the replay may still show impact after it (2011: volumes restored from snapshots a day later,
 * some never), or none.
 */
function residualItem(state: ReportState, r: ResidualImpact, title: string, unit: string, lower: boolean, level: number): Phrasing[] {
  const side = lower ? 'above' : 'below';
  const lead: Phrasing[] = [strong('Residual impact'), ' after the resolved moment (replay): '];
  if (!r.beyondLevel && r.hoursAfterResolved === 0) {
    return [...lead, `none: ${title} is already back ${side} ${formatQuantity(level, unit)}`];
  }
  const parts: Phrasing[] = [...lead, `${title} at ${formatQuantity(r.atResolved, unit)} then; `];
  if (r.recoveredMs === null) parts.push(`not back ${side} ${formatQuantity(level, unit)} within the replay`);
  else parts.push(`back ${side} ${formatQuantity(level, unit)} at ${formatLocalTime(r.recoveredMs, state.zone)}, ${formatHours(r.hoursAfterResolved ?? 0)} after it`);
  if (r.area > 0) parts.push(`; ${formatNumber(r.area)} ${areaUnit(unit)} of impact area after it`);
  // What outlasts the replay (the 0.07 % of volumes never restored) is impact too.
  if (!lower && r.atEnd > 0) parts.push(`; ${formatQuantity(r.atEnd, unit)} at the end of the replay`);
  return parts;
}

/**
 * A figure's provenance as the lead of its line ("**Published**" and a footnote reference); its
 * footnote, with the evidence, goes into `notes`.
 */
function figureMark(state: ReportState, point: ObservedPoint, index: number, notes: FootnoteDefinition[]): Phrasing[] {
  const provenance = observedProvenance(point);
  const label = provenanceLabel(provenance);
  const noteId = footnoteId('impact', point.id ?? String(index + 1));
  notes.push(provenanceFootnote(state, noteId, { provenance, source: point.source, quote: point.quote, reading: point.reading }));
  return [strong(label[0]!.toUpperCase() + label.slice(1)), { type: 'footnoteReference', identifier: noteId, label: noteId }];
}

/**
 * Without a model: every figure of the record, as it is published (or read), with when it holds
 * and its source; nothing is replayed, so nothing is compared, and the section says so.
 */
function recordOnlyImpact(state: ReportState, items: Phrasing[][]): RootContent[] {
  const { incident } = state.replay;
  const notes: FootnoteDefinition[] = [];
  (incident.observed ?? []).forEach((point, i) => {
    const parts: Phrasing[] = [
      ...figureMark(state, point, i, notes),
      ': ',
      text(`${point.series}: ${formatQuantity(point.value, point.unit)}`),
    ];
    if (point.basis) parts.push(text(` of ${point.basis}`));
    const when = whenPublished(point, state.zone);
    if (when) parts.push(` (${when})`);
    const ref = sourceRef(state, point.source);
    if (ref.length > 0) parts.push(' ', ...ref);
    items.push(parts);
  });
  const figures = incident.observed?.length ?? 0;
  return [
    list(false, items),
    paragraph(
      figures === 0
        ? 'The incident has no model, so nothing is replayed; the incident file gives no figures of its impact.'
        : `The incident has no model, so nothing is replayed: the ${figures === 1 ? 'figure is' : `${figures} figures are`} shown as the record gives ${figures === 1 ? 'it' : 'them'}, not compared with a replay.`,
    ),
    ...notes,
  ];
}

/** When a figure holds, from the file's own times (the file passed validation, so they resolve). */
function whenPublished(point: { at?: string; window?: { from: string; to: string }; aggregate?: string }, zone: string): string | undefined {
  const iso = (time: string) => {
    const r = resolveTime(time, zone);
    return r.ok ? new Date(r.epochMs).toISOString() : undefined;
  };
  if (point.window) {
    const from = iso(point.window.from);
    const at = iso(point.window.to);
    return from && at ? formatObservedWhen({ from, at, ...(point.aggregate ? { aggregate: point.aggregate } : {}) }, zone) : undefined;
  }
  const at = point.at === undefined ? undefined : iso(point.at);
  return at && formatLocalTime(Date.parse(at), zone);
}
