// The incident file format, defined once. Everything else (the TypeScript types, the exported
// JSON Schema that editors use, the validator) is derived from these zod definitions.
import { z } from 'zod';
import { factProvenances } from './provenance.js';

import { idPattern } from './id-pattern.js';

export { idPattern };
const Id = z
  .string()
  .regex(idPattern, 'use lower-case letters, digits and single hyphens, e.g. `spare-capacity`')
  .describe('Identifier in kebab-case, unique within its list.');

/** Local wall time in the incident's zone (`2011-04-21 00:47`) or ISO 8601 with an offset. */
export const timePattern =
  /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?$/;
const Time = z
  .string()
  .regex(
    timePattern,
    'write `YYYY-MM-DD HH:mm` in the incident time zone, or ISO 8601 with an offset such as `2011-04-21T00:47-07:00`',
  )
  .describe(
    'Local time in the incident time zone (`YYYY-MM-DD HH:mm`, seconds optional) or ISO 8601 with an offset (`2011-04-21T07:47Z`).',
  );

/** A duration such as `90s`, `1m`, `15m`, `2h`, `1h30m`, `3d`, optionally signed. */
export const durationPattern = /^[+-]?(?:\d+(?:\.\d+)?(?:d|h|m|s))+$/;
const Duration = z
  .string()
  .regex(durationPattern, 'write a duration such as `1m`, `30m`, `2h`, `1h30m` or `-15m`')
  .describe('A duration: number and unit (d, h, m, s), e.g. `1m`, `1h30m`, `-15m`.');

export const phases = [
  'context',
  'trigger',
  'impact',
  'detection',
  'diagnosis',
  'mitigation',
  'recovery',
  'resolved',
] as const;
const FactProvenance = z.enum(factProvenances);

export const Phase = z
  .enum(phases)
  .describe(
    'Phase of the incident: context (a precursor before the trigger, e.g. a change the week before), trigger, impact, detection, diagnosis, mitigation, recovery, resolved.',
  );

export const severities = ['sev1', 'sev2', 'sev3', 'sev4'] as const;
export const provenances = ['published', 'derived', 'assumed'] as const;

export const Source = z
  .strictObject({
    id: Id,
    title: z.string().min(1).describe('Title of the document, as its publisher gives it.'),
    // Only web and mail links: the URL becomes a link in the report, and `javascript:` or `file:`
    // there would be a trap for whoever reads it.
    url: z
      .url({ protocol: /^(?:https?|mailto)$/, error: 'expected an http, https or mailto URL' })
      .optional()
      .describe('Where the source is published (http, https or mailto).'),
    published: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'write the publication date as `YYYY-MM-DD`')
      .optional()
      .describe('Publication date, YYYY-MM-DD.'),
    seed: z
      .string()
      .optional()
      .describe('File name of the copy in `shared/seeds/` this project was built from, if any.'),
    kind: z
      .enum(['primary', 'secondary'])
      .optional()
      .describe('primary: the operator’s own account; secondary: a report about it.'),
    file: z
      .string()
      .optional()
      .describe('Path (relative to the incident file, inside the project) of a local text copy: `validate` checks every quote against it.'),
    note: z.string().optional().describe('Anything a reader should know about the source (an update, a missing part).'),
  })
  .describe('A document the incident file cites.');

/** Changes an event makes to the model when the replay reaches it. */
export const Effect = z
  .strictObject({
    action: z
      .string()
      .min(1)
      .optional()
      .describe(
        'An action the model kind defines (e.g. `partition`, `disable-create-volume`), or for a composed model `<instance>.<action>` (`service.flush`, `metadata[1].trigger`); `incident-replay components` lists each type’s actions.',
      ),
    with: z
      .record(z.string(), z.union([z.number(), z.string(), z.boolean()]))
      .optional()
      .describe('Arguments of the action.'),
    set: z
      .record(z.string(), z.number())
      .optional()
      .describe('Model parameters changed from this moment on.'),
    note: z.string().optional().describe('Why the event has this effect on the model.'),
  })
  .refine((e) => (e.action === undefined) !== (e.set === undefined), {
    message: 'an effect has exactly one of `action` or `set`',
  })
  .describe('What the event does to the model: an action of the model kind, or parameters set.');

export const TimelineEvent = z
  .strictObject({
    id: Id.optional().describe('Optional id, so scenarios and key moments can name the event.'),
    at: Time,
    until: Time.optional().describe('End of the event, when it spans a window.'),
    approximate: z
      .boolean()
      .optional()
      .describe('True when the source gives no exact time (e.g. “shortly after”); say how it is read in `reading`.'),
    phase: Phase,
    text: z.string().min(1).describe('What happened, in our words.'),
    label: z
      .string()
      .min(1)
      .max(40)
      .optional()
      .describe('A short title of a few words for the charts (default: the first words of `text`).'),
    source: z.string().describe('Id of a declared source.'),
    quote: z
      .string()
      .min(1)
      .optional()
      .describe('The sentence of the source this event rests on, word for word. Leave it out for a paraphrase (`provenance: secondary`).'),
    reading: z.string().optional().describe('How an ambiguous passage is read.'),
    provenance: FactProvenance.optional().describe(
      'Where this comes from: published (the quote states it), secondary (a paraphrase of the source, no quote), reading (our interpretation, in `reading`), derived (computed from published facts, say how in `reading`), assumed. Default: published with a quote and no reading, reading with a reading or an approximate time.',
    ),
    effects: z
      .array(Effect)
      .optional()
      .describe('What the event does to the model when the replay reaches it: actions of the model, or parameters set.'),
  })
  .describe('One event of the timeline.');

export const Window = z.strictObject({ from: Time, to: Time });

export const ObservedPoint = z
  .strictObject({
    id: Id.optional(),
    series: z.string().min(1).describe('The replay series this figure is a point of (e.g. `stuck`).'),
    at: Time.optional().describe('When the figure holds.'),
    window: Window.optional().describe('When the figure holds over a window instead of at an instant.'),
    aggregate: z
      .enum(['at', 'max', 'min', 'mean', 'any'])
      .optional()
      .describe(
        'How the replay is read over the window: max for a peak, mean, min, any (the figure holds at a time the record does not give, somewhere in the window); default: at the end.',
      ),
    value: z.number().describe('The figure, in `unit`.'),
    unit: z.string().min(1).describe('Unit of the figure: the unit of its series (`percent`, `count`, `servers`, …).'),
    basis: z
      .string()
      .optional()
      .describe('What a percentage is a percentage of (required for percentages).'),
    source: z.string().describe('Id of the declared source that publishes the figure.'),
    quote: z.string().min(1).optional().describe('The words of the source the figure rests on, verbatim.'),
    reading: z.string().optional().describe('How an ambiguous figure is read.'),
    provenance: FactProvenance.optional().describe(
      'Where this comes from: published (the quote states it), secondary (a paraphrase of the source, no quote), reading (our interpretation, in `reading`), derived (computed from published facts, say how in `reading`), assumed. Default: published with a quote and no reading, reading with a reading or an approximate time.',
    ),
    tolerance: z
      .number()
      .nonnegative()
      .describe('How far the replay may be from the figure, in the figure’s unit.'),
  })
  .refine((o) => (o.at === undefined) !== (o.window === undefined), {
    message: 'an observed point has exactly one of `at` or `window`',
  })
  .describe('A published impact figure, as a point the replay is compared with.');

const MomentRef = z
  .string()
  .describe('An event id or a time; overrides the moment derived from the phases.');
export const Moments = z
  .strictObject({
    start: MomentRef.optional(),
    detected: MomentRef.optional(),
    mitigated: MomentRef.optional(),
    resolved: MomentRef.optional(),
  })
  .describe(
    'Key moments. Derived when absent: start = first impact (or trigger) event, detected = first detection, mitigated = first mitigation, resolved = last resolved event.',
  );

export const Parameter = z
  .strictObject({
    value: z.number().describe('The value the replay uses, in `unit`.'),
    unit: z.string().min(1).describe('Unit of the value (`requests/min`, `min`, `servers`, …), as the model kind declares it.'),
    provenance: z
      .enum(provenances)
      .describe('published: the source states the value; derived: computed from published facts (say how in `note`); assumed: our estimate.'),
    note: z.string().min(1).describe('Where the value comes from, or why it is assumed.'),
    source: z.string().optional().describe('Id of the source, for a published or derived value.'),
    min: z.number().optional().describe('Lower bound when fitting.'),
    max: z.number().optional().describe('Upper bound when fitting.'),
    range: z
      .tuple([z.number(), z.number()])
      .optional()
      .describe(
        'Plausible values `[low, high]` of an `assumed` or `derived` parameter: `sensitivity` samples them. The value must lie inside, and the range inside the valid bounds the model declares.',
      ),
    rangeNote: z.string().min(1).optional().describe('Where the range comes from, in a sentence.'),
  })
  .describe('A model parameter with its provenance.');

/** A number, or an expression over the model's parameters (`capacity * 0.5`). */
const NumberOrExpression = z.union([z.number(), z.string().min(1)]);

export const StockDeclaration = z
  .strictObject({
    unit: z.string().min(1).describe('Unit of the amount (`requests`, `clients`, `requests/min`); every port wired to the stock must use it.'),
    description: z.string().optional().describe('What the amount is, in a few words.'),
    initial: NumberOrExpression.optional().describe('Amount at the start: a number or an expression over the model’s parameters. Default 0.'),
    role: z
      .enum(['stock', 'source', 'sink'])
      .optional()
      .describe('`stock` (default): conserved, never negative; `source`: amounts come from outside; `sink`: amounts leave to it.'),
    perCell: z.boolean().optional().describe('One amount per cell (see `cells`).'),
  })
  .describe('A stock of the composed model: an amount that components move to and from other stocks.');

export const ComponentInstance = z
  .strictObject({
    type: z.string().min(1).describe('The component type, e.g. `service-queue`, `closed-clients` (see the README, “Model your own incident”).'),
    description: z.string().optional().describe('What this instance stands for in the incident.'),
    parameters: z
      .record(z.string(), NumberOrExpression)
      .optional()
      .describe('Values of the component’s parameters: numbers, or names of (expressions over) `model.parameters`, so `fit` and scenarios can change them.'),
    stocks: z.record(z.string(), z.string().min(1)).optional().describe('Which stock of `model.stocks` each port of the component is.'),
    perCell: z.boolean().optional().describe('One copy per cell, each with its share of extensive parameters.'),
  })
  .describe('A component instance of the composed model.');

export const ComposedSeries = z
  .strictObject({
    expr: z.string().min(1).describe('Expression over stocks (`queue`), flows per minute (`service.timedOut`), ports (`service.queue`) and parameters.'),
    title: z.string().min(1).describe('Title of the series in charts and tables.'),
    unit: z.string().min(1).describe('Unit of the series (`percent`, `requests`, `servers`, …).'),
    description: z.string().min(1).describe('What the series measures, in a phrase.'),
    threshold: z.number().optional().describe('Level above which the series counts as impact.'),
    recoveryLevel: z.number().optional().describe('Level the series must stay below to count as recovered.'),
    worse: z.enum(['higher', 'lower']).optional().describe('Which way is bad; default `higher`.'),
    impact: z.boolean().optional().describe('A secondary impact the reports chart and compare.'),
  })
  .describe('A series the replay records.');

export const Model = z
  .strictObject({
    kind: z
      .string()
      .min(1)
      .optional()
      .describe('A built-in model kind (`remirror-storm`, `retry-storm`, …), or leave it out and compose the model from `components`.'),
    module: z
      .string()
      .optional()
      .describe('Path (relative to the incident file) of a module that registers a custom kind.'),
    start: Time.describe('Start of the replay.'),
    end: Time.describe('End of the replay.'),
    step: Duration.optional().describe('Time step, default `1m`.'),
    substep: z
      .enum(['auto', 'off'])
      .optional()
      .describe('`auto` (default): a step longer than the model’s fastest time constant is split into sub-steps; `off`: never.'),
    parameters: z
      .record(z.string(), Parameter)
      .describe('Values of the model’s parameters, each with its unit and provenance.'),
    stocks: z.record(z.string(), StockDeclaration).optional().describe('The stocks of a composed model.'),
    components: z
      .record(z.string(), ComponentInstance)
      .optional()
      .describe('Component instances of a composed model, in step order.'),
    cells: z
      .strictObject({
        count: z.number().int().min(1).max(10000).describe('How many cells (zones, shards, servers).'),
        shares: z.array(z.number().nonnegative()).optional().describe('Share of extensive amounts per cell; default equal. Sums to 1.'),
      })
      .optional()
      .describe('Cells: per-cell stocks and instances are copied this many times.'),
    series: z.record(z.string(), ComposedSeries).optional().describe('Series of a composed model.'),
    primarySeries: z.string().optional().describe('The series that carries the headline impact; default the first.'),
    mechanism: z
      .strictObject({
        title: z.string().min(1).describe('Title of the mechanism chart.'),
        description: z.string().min(1).describe('One sentence: how these series drive the impact.'),
        series: z.array(z.string().min(1)).min(1).describe('Series drawn against the left axis.'),
        right: z.array(z.string().min(1)).optional().describe('Series drawn against a second axis on the right.'),
      })
      .optional()
      .describe('The series that show the mechanism of the incident; reports chart them together.'),
  })
  .refine((m) => (m.kind === undefined) !== (m.components === undefined), {
    message: 'a model has exactly one of `kind` (a built-in or module kind) or `components` (a composed model)',
  })
  .refine((m) => m.components === undefined || (m.series !== undefined && Object.keys(m.series).length > 0), {
    message: 'a composed model needs `series:` (what the replay records)',
  })
  .describe('The capacity model the timeline is replayed through.');

export const TimelineAdd = TimelineEvent.extend({
  source: z.string().optional().describe('Id of a declared source, if the added event rests on one.'),
  quote: z.string().optional().describe('The words of the source it rests on, verbatim, if any.'),
}).describe('An event a scenario adds (it needs no source).');

/**
 * "How much would have been enough": the goal a scenario's one changed number is bisected
 * against in every plausible world (see analysis/find-enough.ts). Without it, a scenario that
 * changes exactly one parameter is searched with the default goal: the peak of its series at or
 * below the series' impact threshold.
 */
export const EnoughGoal = z
  .strictObject({
    parameter: z
      .string()
      .min(1)
      .optional()
      .describe('The parameter to search (default: the only one the scenario changes); the scenario’s other changes are kept.'),
    series: z.string().min(1).optional().describe('The series the goal is on (default: the scenario’s `series`).'),
    peakBelow: z
      .number()
      .optional()
      .describe('Goal: the series’ peak (for a lower-is-worse series, its shortfall) stays at or below this, in its unit. Default: the series’ impact threshold.'),
    areaBelow: z
      .number()
      .nonnegative()
      .optional()
      .describe('Goal: the impact area stays at or below this (unit × hours), instead of the peak.'),
  })
  .refine((g) => g.peakBelow === undefined || g.areaBelow === undefined, { message: 'a goal has at most one of `peakBelow` or `areaBelow`' })
  .describe('The goal of the “how much would have been enough” search.');

export const Scenario = z
  .strictObject({
    id: Id,
    title: z.string().min(1).describe('The counterfactual in a few words (“Load shedding from the start”).'),
    rationale: z.string().min(1).describe('Why this counterfactual, and what it assumes.'),
    remediation: z
      .string()
      .optional()
      .describe('The remediation of the postmortem this scenario quantifies, quoted.'),
    source: z.string().optional().describe('Id of the source the remediation is quoted from.'),
    parameters: z
      .record(z.string(), z.number())
      .optional()
      .describe('Parameter overrides.'),
    series: z
      .string()
      .min(1)
      .optional()
      .describe('The series this scenario addresses: its benefit is measured there (default: the model’s primary series).'),
    enough: z
      .union([EnoughGoal, z.literal(false)])
      .optional()
      .describe('The goal of the “how much would have been enough” search, or `false` for none.'),
    timeline: z
      .strictObject({
        remove: z.array(z.string()).optional().describe('Ids of events to remove.'),
        shift: z
          .array(z.strictObject({ event: z.string().describe('Id of the event to move.'), by: Duration }))
          .optional()
          .describe('Events moved by a duration.'),
        add: z.array(TimelineAdd).optional().describe('Events the scenario adds (an earlier action, an alarm that fires).'),
      })
      .optional()
      .describe('Changes to the actual timeline: events removed, moved or added.'),
  })
  .describe('A counterfactual: the replay with one thing changed.');

const BoundaryMapAxis = z
  .strictObject({
    parameter: z.string().min(1).describe('A parameter of `model.parameters`.'),
    range: z
      .tuple([z.number(), z.number()])
      .optional()
      .describe('The values the axis spans, `[low, high]`; default the parameter’s plausible `range`, else its valid bounds. Within the valid bounds; includes the file’s value.'),
  })
  .describe('One axis of a boundary map.');

export const BoundaryMap = z
  .strictObject({
    id: Id,
    title: z.string().min(1).optional().describe('Title of the map (default: from the two parameters).'),
    note: z.string().min(1).optional().describe('Why these two parameters: the mechanism that ties them.'),
    scenario: z
      .string()
      .optional()
      .describe('Replay this scenario (its timeline and parameters) at every cell instead of what happened: e.g. the scenario that makes an alarm work, to map its threshold.'),
    x: BoundaryMapAxis,
    y: BoundaryMapAxis,
    grid: z
      .number()
      .int()
      .min(3)
      .max(200)
      .optional()
      .describe('Grid points per axis (default 40): the map replays the actual timeline grid × grid times.'),
    series: z.string().optional().describe('The series whose peak is mapped; default the model’s primary series.'),
    measure: z
      .enum(['peak', 'end'])
      .optional()
      .describe('`peak` (default): the worst value of the series; `end`: its value at the end of the replay, for a failure that outlives its trigger when the trigger itself is the worst moment.'),
    threshold: z
      .number()
      .optional()
      .describe('The peak that separates contained from not: the boundary drawn. Default the series’ impact threshold.'),
  })
  .describe(
    'A boundary map: the peak of a series over a grid of two parameters, the boundary where it crosses a threshold, and where the actual system and each scenario sit.',
  );

export const ContributingFactor = z
  .strictObject({
    id: Id,
    text: z.string().min(1).describe('The factor, in our words.'),
    source: z.string().optional().describe('Id of the declared source that names it.'),
    quote: z.string().optional().describe('The words of the source, verbatim.'),
  })
  .describe('A contributing factor: a condition that made the incident possible or worse.');

// The sections of a written postmortem (customer impact, detection, lessons, communication):
// each entry says in our words what the record says, and may rest on a source. A quote is the
// source's words verbatim, so it needs the source; a paraphrase carries no quote.
const quoteNeedsSource: [(s: { source?: string; quote?: string }) => boolean, { message: string; path: string[] }] = [
  (s) => s.quote === undefined || s.source !== undefined,
  { message: 'a `quote` needs the `source` it is quoted from', path: ['quote'] },
];

const statementShape = {
  text: z.string().min(1).describe('What the record says, in our words.'),
  source: z.string().optional().describe('Id of the declared source it rests on.'),
  quote: z
    .string()
    .min(1)
    .optional()
    .describe('The words of the source, verbatim. Leave it out when the source only paraphrases.'),
  reading: z.string().optional().describe('How the passage is read, when it needs reading.'),
};

export const Statement = z
  .strictObject(statementShape)
  .refine(...quoteNeedsSource)
  .describe('A statement of the record, in our words, with its source.');

export const CustomerImpact = z
  .strictObject({
    who: z.string().min(1).describe('Which customers or users were affected (e.g. “customers with EBS volumes in the affected zone”).'),
    what: z.string().min(1).describe('What they could not do, or what they saw.'),
    source: statementShape.source,
    quote: statementShape.quote,
    reading: statementShape.reading,
  })
  .refine(...quoteNeedsSource)
  .describe('Who was affected and how, from the record.');

export const Detection = z
  .strictObject({
    ...statementShape,
    text: z.string().min(1).describe('How the incident was noticed (an alarm, customers, an engineer), in our words.'),
    notAlarmed: z
      .array(Statement)
      .optional()
      .describe('What no alarm caught: conditions that were present but not alerted on.'),
  })
  .refine(...quoteNeedsSource)
  .describe('How the incident was detected, and what was not alarmed.');

export const Lessons = z
  .strictObject({
    wentWell: z.array(Statement).optional().describe('What went well.'),
    wentWrong: z.array(Statement).optional().describe('What went wrong.'),
    gotLucky: z.array(Statement).optional().describe('Where the responders got lucky: what limited the damage by chance.'),
  })
  .describe('Lessons learned, as in the Google SRE postmortem template.');

export const Communication = z
  .strictObject({
    ...statementShape,
    at: Time.optional().describe('When, if the record says.'),
    channel: z.string().min(1).optional().describe('Where: a status page, a dashboard, a post-event summary, …'),
  })
  .refine(...quoteNeedsSource)
  .describe('How the operator communicated with its customers during or after the incident.');

export const actionItemTypes = ['prevent', 'detect', 'mitigate'] as const;

// A ticket reference: an id, a link, or both. Only web links: the URL becomes a link in the
// report, and `javascript:` or `file:` there would be a trap for whoever reads it.
export const Tracker = z
  .strictObject({
    id: z.string().min(1).optional().describe('The ticket id, e.g. `EBS-1234`.'),
    url: z
      .url({ protocol: /^https?$/, error: 'expected an http or https URL' })
      .optional()
      .describe('The ticket’s address (http or https).'),
  })
  .refine((t) => t.id !== undefined || t.url !== undefined, { message: 'a tracker needs an `id`, a `url`, or both' })
  .describe('Where the action item is tracked: a ticket id, a URL, or both.');

export const ActionItem = z
  .strictObject({
    id: Id,
    text: z.string().min(1).describe('What will be done, in our words.'),
    scenario: z.string().optional().describe('Id of the scenario that quantifies its benefit.'),
    series: z
      .string()
      .min(1)
      .optional()
      .describe('The series this item addresses: its benefit is ranked there (default: its scenario’s `series`).'),
    source: z.string().optional().describe('Id of the declared source that announces it.'),
    quote: z.string().optional().describe('The words of the source, verbatim.'),
    status: z
      .enum(['proposed', 'in-progress', 'done', 'published'])
      .optional()
      .describe('proposed, in-progress, done, or published (announced in the postmortem, state unknown).'),
    owner: z.string().min(1).optional().describe('Who owns the item: a team or a role, as the record names it.'),
    type: z
      .enum(actionItemTypes)
      .optional()
      .describe('prevent: stops it happening again; detect: notices it sooner; mitigate: limits the damage when it happens.'),
    tracker: Tracker.optional(),
  })
  .describe('A remediation: what will be done, by whom, and where it is tracked.');

export const Incident = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema this file follows, for editors.'),
    id: Id,
    title: z.string().min(1).describe('Title of the incident, e.g. “AWS EBS: re-mirroring storm in us-east-1”.'),
    summary: z.string().min(1).describe('What happened, in a short paragraph.'),
    service: z.string().min(1).describe('The service that failed (`EBS`, `Kinesis`, …).'),
    region: z.string().min(1).describe('Where: a region (`us-east-1`), a zone, or `global`.'),
    timezone: z.string().min(1).describe('IANA time zone name, e.g. `America/Los_Angeles`.'),
    severity: z.enum(severities).describe('sev1 (the worst) to sev4.'),
    template: z.string().optional().describe('Report template for this incident (path relative to the file).'),
    sources: z.array(Source).min(1).describe('The documents the file cites: the postmortem, and any other account.'),
    timeline: z.array(TimelineEvent).min(1).describe('What happened, event by event, in time order.'),
    observed: z.array(ObservedPoint).optional().describe('The published impact figures the replay is compared with.'),
    moments: Moments.optional(),
    model: Model.optional(),
    scenarios: z.array(Scenario).optional().describe('Counterfactuals: what would have happened had one thing been different.'),
    contributingFactors: z.array(ContributingFactor).optional().describe('The conditions that made the incident possible or worse.'),
    customerImpact: z.array(CustomerImpact).optional().describe('Who was affected and how.'),
    detection: Detection.optional(),
    lessons: Lessons.optional(),
    communication: z.array(Communication).optional().describe('Status updates and other communication with customers.'),
    actionItems: z.array(ActionItem).optional().describe('The remediations the postmortem announces.'),
    boundaryMaps: z
      .array(BoundaryMap)
      .optional()
      .describe('Boundary maps (`incident-replay boundary`, `::boundary-map`): how close to the edge the system sat.'),
  })
  .describe('An incident: its timeline, published figures, model and counterfactuals.');

export type Incident = z.infer<typeof Incident>;
export type Source = z.infer<typeof Source>;
export type TimelineEvent = z.infer<typeof TimelineEvent>;
export type Effect = z.infer<typeof Effect>;
export type ObservedPoint = z.infer<typeof ObservedPoint>;
export type Parameter = z.infer<typeof Parameter>;
export type Model = z.infer<typeof Model>;
export type Scenario = z.infer<typeof Scenario>;
export type ActionItem = z.infer<typeof ActionItem>;
export type BoundaryMap = z.infer<typeof BoundaryMap>;
export type EnoughGoal = z.infer<typeof EnoughGoal>;
export type ContributingFactor = z.infer<typeof ContributingFactor>;
export type Statement = z.infer<typeof Statement>;
export type CustomerImpact = z.infer<typeof CustomerImpact>;
export type Detection = z.infer<typeof Detection>;
export type Lessons = z.infer<typeof Lessons>;
export type Communication = z.infer<typeof Communication>;
export type Tracker = z.infer<typeof Tracker>;
export type Phase = (typeof phases)[number];
