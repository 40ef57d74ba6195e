// `::moments`: the key moments (start, detected, mitigated, resolved) and the durations
// engineers track: time to detect, to mitigate, to resolve.
import type { BlockSection } from './section.js';
import { formatLocalTime } from '../format/format-local-time.js';
import { formatOffset } from '../format/format-offset.js';
import { formatDuration } from '../format/format-duration.js';
import { code, paragraph, table, type Phrasing, type RootContent } from '../mdast.js';
import type { KeyMoments } from '../../replay/types.js';

const rowsSpec: { moment: keyof KeyMoments; label: string; duration?: 'detect' | 'mitigate' | 'resolve'; measure?: string }[] = [
  { moment: 'start', label: 'Start' },
  // Time to resolve is the impact duration (analysis/incident-durations.ts): the same number as
  // the impact list, the index and summary.json.

  { moment: 'detected', label: 'Detected', duration: 'detect', measure: 'time to detect' },
  { moment: 'mitigated', label: 'Mitigated', duration: 'mitigate', measure: 'time to mitigate' },
  { moment: 'resolved', label: 'Resolved', duration: 'resolve', measure: 'time to resolve, the impact duration' },
];

export const moments: BlockSection = {
  kind: 'block',
  description: 'Key moments with their times, and the time to detect, mitigate and resolve.',
  attributes: {},
  render(state) {
    const { moments: m, durations } = state.replay;
    const rows: Phrasing[][][] = [];
    // The trigger, when it comes before the start: the replay's times to recover count from it.
    if (m.trigger !== undefined && m.trigger !== m.start) {
      const at = Date.parse(m.trigger);
      rows.push([['Trigger'], [formatLocalTime(at, state.zone)], [formatOffset(at - state.startMs)], ['(times to recover count from here)']]);
    }
    for (const spec of rowsSpec) {
      const iso = m[spec.moment];
      if (iso === undefined) continue;
      const at = Date.parse(iso);
      const minutes = spec.duration ? durations[spec.duration] : undefined;
      rows.push([
        [spec.label],
        [formatLocalTime(at, state.zone)],
        [formatOffset(at - state.startMs)],
        [minutes === undefined ? '' : `${formatDuration(minutes)} (${spec.measure})`],
      ]);
    }
    if (rows.length === 0) return [paragraph('The timeline has no events that mark the key moments.')];
    const nodes: RootContent[] = [table(['Moment', 'Time', 'T+', 'From the start'], rows)];
    const missing = rowsSpec.filter((s) => m[s.moment] === undefined).map((s) => s.label.toLowerCase());
    if (missing.length > 0) {
      nodes.push(
        paragraph(
          `Not in the record: ${missing.join(', ')} (no event of that phase in the timeline, and no override in `,
          code('moments'),
          ').',
        ),
      );
    }
    return nodes;
  },
};
