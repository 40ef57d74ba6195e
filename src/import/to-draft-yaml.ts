// The draft incident file: YAML with comments that say what is a guess and where each event
// comes from. Impact figures are kept as a commented-out `observed:` block because the import
// cannot tell when a figure holds or what replay series it belongs to; unplaced times are
// commented `# TODO:` blocks with their sentence. Both keep the draft valid as it is.
import { Document, isMap, isSeq, type YAMLMap } from 'yaml';
import type { ImportResult } from './import-postmortem.js';

/**
 * The draft, with a yaml-language-server modeline pointing at `schemaPath` (relative to where
 * the draft is written; the default suits `incidents/` beside a committed `schema/`).
 */
export function toDraftYaml(result: ImportResult, schemaPath = '../schema/incident.schema.json'): string {
  const incident = {
    id: result.id,
    title: result.title,
    summary: result.summary,
    service: 'TODO',
    region: result.region ?? 'TODO',
    timezone: result.timezone,
    severity: result.fields.severity?.value ?? 'sev2',
    sources: [{ id: 'postmortem', title: result.title, note: `imported from ${result.file} by incident-replay import` }],
    timeline: result.events.map((e) => ({
      at: e.at,
      ...(e.until ? { until: e.until } : {}),
      ...(e.approximate ? { approximate: true } : {}),
      phase: e.phase,
      text: e.text,
      source: 'postmortem',
      quote: e.quote,
      ...(e.approximate ? { reading: 'draft: the source gives this time as approximate; say how it is read' } : {}),
    })),
    ...(result.fields.factors.length > 0
      ? { contributingFactors: result.fields.factors.map((f, i) => ({ id: `factor-${i + 1}`, text: f.text, source: 'postmortem' })) }
      : {}),
    ...(result.fields.actionItems.length > 0
      ? { actionItems: result.fields.actionItems.map((a, i) => ({ id: `action-${i + 1}`, text: a.text, source: 'postmortem', status: 'proposed' })) }
      : {}),
  };
  const doc = new Document(incident);
  doc.commentBefore =
    ` yaml-language-server: $schema=${schemaPath}\n` +
    ` Draft imported from ${result.file} by \`incident-replay import\`. Every event quotes the sentence\n` +
    ' it comes from; check the phases, texts and times, then run `incident-replay validate`.';
  const root = doc.contents as YAMLMap;
  const comment = (key: string, text: string) => {
    const pair = root.items.find((p) => (p.key as { value?: unknown }).value === key);
    if (pair) (pair.key as { commentBefore?: string }).commentBefore = text;
  };
  comment('summary', ' The first paragraph of the postmortem: shorten it to what happened.');
  comment('service', ' TODO: the service the incident is about (the import cannot tell).');
  if (!result.region) comment('region', ' TODO: the region (no name such as us-east-1 in the text).');
  comment(
    'timezone',
    result.timezoneFrom === 'text'
      ? ' Detected from the zones the text writes its times in.'
      : result.timezoneFrom === 'option'
        ? ' From --timezone: the text names no zone.'
        : ' No zone in the text and no --timezone: every time is written with its offset.',
  );
  const sev = result.fields.severity;
  comment(
    'severity',
    sev
      ? ` From “${sev.written}” (${result.file}:${sev.line}:${sev.column}); check it against sev1–sev4 on your own scale.`
      : ' TODO: sev2 is a placeholder; set sev1–sev4 on your own scale.',
  );
  comment('contributingFactors', ' From the section on causes: one item per list item or paragraph. Check and shorten.');
  comment('actionItems', ' From the section on action items; status `proposed` is a guess.');
  const actions = root.get('actionItems', true);
  if (isSeq(actions)) {
    actions.items.forEach((item, i) => {
      const a = result.fields.actionItems[i]!;
      if (!isMap(item)) return;
      // The schema on this branch has no owner or tracker for an action item: kept as a comment.
      const extra = [a.owner ? `owner: ${a.owner}` : '', a.tracker ? `tracker: ${a.tracker}` : ''].filter(Boolean).join(', ');
      item.commentBefore = ` from ${result.file}:${a.line}:${a.column}${extra ? `\n TODO: ${extra} (no field for it in the incident schema yet)` : ''}`;
    });
  }
  comment('timeline', ' Each phase is a guess from the words of its sentence: correct it where it is wrong.');

  const timeline = root.get('timeline', true);
  if (isSeq(timeline)) {
    timeline.items.forEach((item, i) => {
      const e = result.events[i]!;
      if (!isMap(item)) return;
      const guess = e.cue
        ? `phase guessed from “${e.cue}”`
        : e.phase === 'impact'
          ? 'phase: no cue word, impact is the default guess'
          : 'phase re-guessed to keep the key moments in order';
      item.commentBefore = ` from ${result.file}:${e.line}:${e.column} (${guess})`;
    });
  }
  const tail = [...todoLines(result), ...sectionLines(result), ...observedLines(result)];
  if (tail.length > 0) doc.comment = tail.join('\n');
  return doc.toString({ lineWidth: 0 });
}

function todoLines(result: ImportResult): string[] {
  const unplaced = result.warnings.filter((w) => w.unplaced);
  if (unplaced.length === 0) return [];
  const lines = [' Times the import could not place. Add each as an event by hand once you know its date and zone.'];
  for (const w of unplaced) {
    lines.push(` TODO: ${w.file}:${w.line}:${w.column} ${w.message}`);
    lines.push(`   quote: ${JSON.stringify(w.quote ?? '')}`);
  }
  lines.push('');
  return lines;
}

function observedLines(result: ImportResult): string[] {
  if (result.figures.length === 0) return [];
  const list = new Document(
    result.figures.map((f) => ({
      series: 'impact',
      at: f.at ?? 'TODO',
      value: f.value,
      unit: f.unit,
      ...(f.basis ? { basis: f.basis } : {}),
      source: 'postmortem',
      quote: f.quote,
      reading: 'draft: check series, basis and tolerance',
      tolerance: 0,
    })),
  );
  const seq = list.contents;
  if (isSeq(seq)) {
    seq.items.forEach((item, i) => {
      const f = result.figures[i]!;
      if (isMap(item)) item.commentBefore = ` from ${result.file}:${f.line}:${f.column}`;
    });
  }
  const body = list.toString({ lineWidth: 0 }).trimEnd().split('\n');
  return [
    ' Impact figures found in the text. Uncomment the ones you keep and check each: the replay',
    ' series it is a point of, when it holds (`at` or `window`), its basis and its tolerance.',
    ' observed:',
    ...body.map((l) => `   ${l}`),
  ];
}

/**
 * Customer impact and lessons learned as the document states them. The incident schema on this
 * branch has no fields for them (a strict schema would reject the draft), so they are kept as
 * commented-out `customerImpact:` and `lessons:` blocks, under the names they are expected to get.
 */
function sectionLines(result: ImportResult): string[] {
  const { customerImpact, lessons } = result.fields;
  const lines: string[] = [];
  if (customerImpact) {
    lines.push(` TODO: customer impact, from ${result.file}:${customerImpact.line}:${customerImpact.column} (no field in the incident schema yet):`);
    lines.push(` customerImpact: ${JSON.stringify(customerImpact.text)}`, '');
  }
  const buckets = (['wentWell', 'wentWrong', 'gotLucky'] as const).filter((b) => lessons[b].length > 0);
  if (buckets.length > 0) {
    lines.push(' TODO: lessons learned, from the document (no field in the incident schema yet):', ' lessons:');
    for (const b of buckets) {
      lines.push(`   ${b}:`);
      for (const item of lessons[b]) lines.push(`     - ${JSON.stringify(item.text)}  # ${result.file}:${item.line}:${item.column}`);
    }
    lines.push('');
  }
  return lines;
}
