// `:value{name=…}`: one value inside prose or a heading, e.g. `# :value{name=title}`.
import type { InlineSection } from './section.js';
import type { ReportState } from '../report-state.js';
import { formatLocalTime } from '../format/format-local-time.js';
import { formatDuration } from '../format/format-duration.js';
import { formatQuantity } from '../format/format-number.js';
import { text } from '../mdast.js';
import { SectionError } from './section.js';

function moment(s: ReportState, name: 'start' | 'detected' | 'mitigated' | 'resolved'): string {
  const at = s.replay.moments[name];
  return at === undefined ? 'not published' : formatLocalTime(Date.parse(at), s.zone);
}

const values: Record<string, (state: ReportState) => string | undefined> = {
  id: (s) => s.replay.incident.id,
  title: (s) => s.replay.incident.title,
  service: (s) => s.replay.incident.service,
  region: (s) => s.replay.incident.region,
  severity: (s) => s.replay.incident.severity,
  timezone: (s) => s.replay.incident.timezone,
  // A composed model has no kind: it is named by its component types.
  kind: (s) => {
    const model = s.replay.incident.model;
    if (!model) return 'none';
    if (model.kind !== undefined) return model.kind;
    const types = [...new Set(Object.values(model.components ?? {}).map((c) => c.type))];
    return `composed of ${types.join(', ')}`;
  },
  // A moment the record does not give is said to be missing, as in the moments table, rather
  // than failing the report (an imported draft often has no resolution yet).
  start: (s) => moment(s, 'start'),
  detected: (s) => moment(s, 'detected'),
  mitigated: (s) => moment(s, 'mitigated'),
  resolved: (s) => moment(s, 'resolved'),
  duration: (s) => (s.replay.durations.resolve === undefined ? 'not published' : formatDuration(s.replay.durations.resolve)),
  peak: (s) => {
    if (!s.replayed) return 'not replayed (the incident has no model)';
    const m = s.replay.scenarios[0]?.metrics[s.primarySeries];
    return m && formatQuantity(m.peak, m.unit);
  },
  seeds: (s) => String(s.replay.seeds),
};

export const valueNames = Object.keys(values);

export const value: InlineSection = {
  kind: 'inline',
  description: 'A single value in running text.',
  attributes: {
    name: { description: 'Which value.', required: true, values: valueNames },
  },
  render(state, attributes) {
    const name = attributes.name!;
    const v = values[name]!(state);
    if (v === undefined) {
      throw new SectionError(`the incident has no \`${name}\``, 'add it to the incident file, or remove the directive from the template');
    }
    return [text(v)];
  },
};
