// `::impact`: the key figures: duration, the published figures with their sources, and the
// replay's peak and impact area of the primary series.
import type { BlockSection } from './section.js';
import { formatLocalTime } from '../format/format-local-time.js';
import { formatObservedWhen } from '../format/format-observed-when.js';
import { formatDuration, formatHours } from '../format/format-duration.js';
import { areaUnit, formatNumber, formatQuantity } from '../format/format-number.js';
import { list, strong, text, type Phrasing } from '../mdast.js';
import { sourceRef } from './source-ref.js';
import { seriesTitle } from './series-title.js';
import { extremeVerb, lowerIsWorse } from '../lower-is-worse.js';
import { observedProvenance } from '../../incident/provenance.js';
import { footnoteId, provenanceFootnote, provenanceLabel } from '../provenance-note.js';
import type { FootnoteDefinition, RootContent } from 'mdast';

export const impact: BlockSection = {
  kind: 'block',
  description: 'Key figures: duration, published impact figures, peak and impact area in the replay.',
  attributes: {},
  render(state) {
    const { incident, moments, durations } = state.replay;
    const items: Phrasing[][] = [];
    items.push([strong('Severity'), `: ${incident.severity}; `, strong('service'), ': ', text(incident.service), '; ', strong('region'), ': ', text(incident.region)]);
    if (durations.resolve !== undefined && moments.start && moments.resolved) {
      items.push([
        strong('Duration'),
        `: ${formatDuration(durations.resolve)}, from ${formatLocalTime(Date.parse(moments.start), state.zone)} to ${formatLocalTime(Date.parse(moments.resolved), state.zone)}`,
      ]);
    }
    // The key figures of the record: the worst published figure of each series, the largest
    // (stuck volumes) or, for a series that is bad when it falls (useful servers), the smallest.
    const published = incident.observed ?? [];
    const peaks = new Map<string, number>();
    const lower = (series: string) => lowerIsWorse(state.replay.scenarios[0]?.metrics[series]);
    published.forEach((point, i) => {
      const best = peaks.get(point.series);
      const worse = lower(point.series) ? point.value < published[best ?? i]!.value : point.value > published[best ?? i]!.value;
      if (best === undefined || worse) peaks.set(point.series, i);
    });
    // Only a number the source states is labelled "Published"; a reading of its words says so.
    const notes: FootnoteDefinition[] = [];
    for (const i of peaks.values()) {
      const point = published[i]!;
      const at = state.replay.observed.find((o) => o.id !== undefined && o.id === point.id) ?? state.replay.observed[i];
      const provenance = observedProvenance(point);
      const label = provenanceLabel(provenance);
      const noteId = footnoteId('impact', point.id ?? String(i + 1));
      notes.push(provenanceFootnote(state, noteId, { provenance, source: point.source, quote: point.quote, reading: point.reading }));
      const parts: Phrasing[] = [
        strong(label[0]!.toUpperCase() + label.slice(1)),
        { type: 'footnoteReference', identifier: noteId, label: noteId },
        lower(point.series) ? ' (smallest figure): ' : ' (largest figure): ',
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
      items.push([
        strong('Replay'),
        `: ${title} ${extremeVerb(metrics)} ${formatQuantity(metrics.peak, metrics.unit)} at ${formatLocalTime(Date.parse(metrics.peakAt), state.zone)}; impact area ${formatNumber(metrics.impactArea)} ${areaUnit(metrics.unit)}; ${formatHours(metrics.hoursAbove)} ${lowerIsWorse(metrics) ? 'below' : 'above'} ${formatQuantity(metrics.threshold, metrics.unit)}`,
      ]);
    }
    const nodes: RootContent[] = [list(false, items), ...notes];
    return nodes;
  },
};
