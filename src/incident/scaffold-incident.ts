// The text of a new incident file: valid as it stands (so `validate` passes from the first
// minute), with a comment on every field saying what goes there.
import { parse } from 'yaml';
import { resolveTime } from './time.js';

export interface ScaffoldOptions {
  id: string;
  timezone: string;
  title?: string;
  /** The `$schema` path written into the yaml-language-server modeline, relative to the file. */
  schemaPath: string;
  /** The day the example timeline is set on, `YYYY-MM-DD`. */
  date: string;
  /** The registered model kinds, listed in the comment on `model:`. */
  kinds?: readonly string[];
  /**
   * `false`: no `model:`, no scenarios and no effects (`new --no-model`): a postmortem without a
   * capacity model, whose report shows the record alone. Default true.
   */
  model?: boolean;
}

/** The date in an id such as `aws-ebs-2011-04-21`, if it holds one. */
export function dateInId(id: string): string | undefined {
  const m = /(?:^|-)(\d{4}-\d{2}-\d{2})(?:-|$)/.exec(id);
  if (!m) return undefined;
  const [y, mo, d] = m[1]!.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? m[1] : undefined;
}

export function scaffoldIncident(options: ScaffoldOptions): string {
  const { id, timezone, schemaPath, date } = options;
  const title = options.title ?? `Incident ${id}`;
  const at = (hhmm: string) => `${date} ${hhmm}`;
  const isoExample = `${date}T09:00${formatOffset(resolveTime(at('09:00'), timezone))}`;
  const withModel = options.model !== false;
  return `# yaml-language-server: $schema=${schemaPath}
# An incident file of incident-replay. Every field is explained in a comment; the format is in
# \`incident-replay schema\`. Check the file with \`incident-replay validate\` as you go.

# Identifier in kebab-case; the file is named after it.
id: ${id}
# One line, as a report heading.
title: ${quote(title)}
# Two or three sentences: what broke, why, how long.
summary: >-
  What happened, in two or three sentences: the trigger, the mechanism that made it worse, and
  how it ended.
# The affected service, as the operator names it.
service: Example service
# The affected region (or zone, or data center).
region: example-region-1
# IANA zone the times below are in (the zone of the postmortem's clock), e.g. America/Los_Angeles.
# A local time that does not exist (DST gap) or happens twice (DST overlap) is reported.
timezone: ${timezone}
# sev1 (widest impact) to sev4.
severity: sev2

# The documents this file rests on. Everything below cites one of them by id.
sources:
  - id: postmortem
    title: The operator's post-incident summary
    # Where it is published: sources are public documents a reader can look up.
    url: https://example.com/postmortem
    # published: ${date}
    # primary: the operator's own account; secondary: a report about it.
    kind: primary

# What happened, one event per entry, in time order. Times are local (\`YYYY-MM-DD HH:mm\` in
# \`timezone\`) or ISO 8601 with an offset (\`${isoExample}\`).
# phase: context, trigger, impact, detection, diagnosis, mitigation, recovery or resolved.
timeline:
  - id: trigger
    at: ${at('09:00')}
    phase: trigger
    text: What started it, in our words.
    # Id of a source above, and the sentence of it this event rests on, word for word.
    source: postmortem
    quote: The sentence of the postmortem that says so.
  - id: impact
    at: ${at('09:05')}
    # When the source gives no exact time ("shortly after"), add \`approximate: true\` and say how
    # you read it in \`reading:\`; validate warns when a key moment rests on such a time.
    # \`provenance:\` is published (the default with a quote), secondary (a paraphrase: no quote),
    # reading, derived or assumed.
    phase: impact
    text: Customers start to see errors.
    source: postmortem
    quote: At 9:05, customers began to see errors.
${withModel ? effectOnTrigger : ''}  - at: ${at('09:30')}
    phase: detection
    text: An alarm pages the on-call engineer.
    source: postmortem
    quote: At 9:30 AM an alarm paged the on-call engineer.
  - id: mitigation
    at: ${at('10:00')}
    # End of the event, when it spans a window.
    until: ${at('10:15')}
    phase: mitigation
    text: The change is rolled back.
    source: postmortem
    quote: The change was rolled back.
${withModel ? effectOnRollback : ''}  - at: ${at('11:00')}
    phase: resolved
    text: Error rates back to normal.
    source: postmortem
    quote: By 11:00 AM error rates had returned to normal.

${withModel ? '# Published impact figures: the points the replay is compared with.' : '# Published impact figures, as the report lists them.'}
observed:
  - id: peak-errors
${withModel ? '    # The replay series the figure is a point of (see the model kind).' : '    # What the figure measures, as one word (with a model: the replay series it is a point of).'}
    series: errorPercent
    # \`at\` for a figure at an instant, or \`window: { from, to }\` with \`aggregate: max\` for a peak.
    at: ${at('09:45')}
    value: 12
    # percent, count, servers, …; a percentage needs a \`basis\`: what it is a percentage of.
    unit: percent
    basis: API requests in the region
    source: postmortem
    quote: At the peak, 12% of API requests failed.
${withModel ? '    # How far the replay may be from the figure, in its unit.' : '    # How far a replay may be from the figure, in its unit (used once the file has a model).'}
    tolerance: 2

# Key moments, derived from the phases when absent: start = first impact (or trigger) event,
# detected = first detection, mitigated = first mitigation, resolved = last resolved event.
# Override one with an event id or a time:
# moments:
#   start: trigger

${withModel ? modelAndScenarios(options, at) : noModel}
# What made the incident possible or worse, as the postmortem names it.
contributingFactors:
  - id: no-canary
    text: The change reached every server at once.
    source: postmortem
${withModel ? '# The remediations the postmortem commits to; `scenario` names the one that quantifies it.' : '# The remediations the postmortem commits to (with a model, `scenario` names the one that quantifies it).'}
actionItems:
  - id: canary-changes
    text: Roll changes out to a canary first.
    source: postmortem
${withModel ? '    # The scenario that quantifies its benefit (ranks the action items in the report).\n    scenario: earlier-rollback\n' : ''}    status: proposed
`;
}

const effectOnTrigger = `    # What the event does to the model when the replay reaches it: an \`action\` of the model
    # kind (with arguments in \`with:\`), or parameters changed with \`set:\`.
    # (\`- set: { capacity: 500 }\` would change a parameter of model.parameters from now on.)
    effects:
      - action: trigger               # retry-storm: capacity drops to 79% of its value
        with: { capacityFactor: 0.79 }
`;

const effectOnRollback = `    effects:
      - action: restore               # retry-storm: capacity back to its value
`;

const noModel = `# No \`model:\`: the report shows the record (summary, impact figures, timeline, key moments,
# factors, action items, sources); nothing is replayed. To replay the incident through a capacity
# model, add \`model:\`, \`scenarios:\` and \`effects:\` on the events (\`incident-replay new\`
# without --no-model writes an example of each).
`;

function modelAndScenarios(options: ScaffoldOptions, at: (hhmm: string) => string): string {
  return `# The capacity model the timeline is replayed through (\`incident-replay simulate\`). Pick a
# kind${options.kinds?.length ? ` (${options.kinds.join(', ')})` : ''};
# \`incident-replay validate\` then lists the parameters, actions and series it has. This example
# uses the generic retry-storm kind: a service of some capacity, offered load, client timeouts
# and retries; with load shedding on, the load above capacity is refused (here 12% of requests).
model:
  kind: retry-storm
  start: ${at('08:30')}
  end: ${at('12:00')}
  step: 1m
  parameters:
    capacity:
      value: 1000
      unit: requests/min
      # published (stated in a source), derived (computed from one) or assumed.
      provenance: assumed
      note: Why this value.
      # Bounds for \`incident-replay fit\`, which tunes assumed parameters to the figures.
      min: 500
      max: 2000
    load: { value: 900, unit: requests/min, provenance: assumed, note: Why this value. }
    timeout: { value: 1, unit: min, provenance: assumed, note: Why this value. }
    maxAttempts: { value: 1, unit: attempts, provenance: assumed, note: No retries. }
    loadShedding: { value: 1, unit: flag, provenance: assumed, note: Excess load is refused instead of queued. }

# Counterfactuals: the replay with one thing changed (parameters, or timeline edits).
scenarios:
  - id: earlier-rollback
    title: Rollback 30 minutes earlier
    rationale: The change rolled back at the first errors instead of after diagnosis.
    timeline:
      shift:
        - { event: mitigation, by: -30m }
    # parameters: { capacity: 1200 }   # or change parameters
`;
}

/** A YAML scalar for a title: plain when it reads back as the same text, double-quoted otherwise. */
function quote(text: string): string {
  let plain = false;
  try {
    plain = !/[\n#]/.test(text) && parse(text) === text;
  } catch {
    // Not a plain scalar (e.g. `a: b`): quote it.
  }
  return plain ? text : JSON.stringify(text);
}

/** `-08:00` for an instant resolved in the zone; `Z` when there is none (a DST gap, say). */
function formatOffset(r: ReturnType<typeof resolveTime>): string {
  if (!r.ok || r.offsetMinutes === 0) return 'Z';
  const abs = Math.abs(r.offsetMinutes);
  return `${r.offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
