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
  const impact = result.fields.customerImpact;
  const customerImpact = impact ? customerImpactOf(impact.text) : undefined;
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
    ...(customerImpact ? { customerImpact: [customerImpact] } : {}),
    ...(lessonsOf(result) ?? {}),
    ...(result.fields.actionItems.length > 0
      ? {
          actionItems: result.fields.actionItems.map((a, i) => {
            const type = actionType(a.text);
            return {
              id: `action-${i + 1}`,
              text: a.text,
              source: 'postmortem',
              status: 'proposed',
              ...(a.owner ? { owner: a.owner } : {}),
              ...(type ? { type } : {}),
              ...(a.tracker ? { tracker: trackerOf(a.tracker) } : {}),
            };
          }),
        }
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
  comment('actionItems', ' From the section on action items: status `proposed` and each `type` are guesses; owner and tracker as written.');
  const actions = root.get('actionItems', true);
  if (isSeq(actions)) {
    actions.items.forEach((item, i) => {
      const a = result.fields.actionItems[i]!;
      if (isMap(item)) item.commentBefore = ` from ${result.file}:${a.line}:${a.column}`;
    });
  }
  if (impact && customerImpact) {
    comment(
      'customerImpact',
      ` From the impact section (${result.file}:${impact.line}:${impact.column}).` +
        (customerImpact.who.startsWith('TODO') ? ' TODO: say who was affected.' : ' Check who and what.'),
    );
  }
  comment('lessons', ' From the lessons learned, one entry per list item.');
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
  const tail = [...todoLines(result), ...observedLines(result)];
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

/** Who was affected, from the words of the impact paragraph; what, as the paragraph says it. */
function customerImpactOf(text: string): { who: string; what: string; source: string } {
  const who = /\b(?:all|some|many|most|\d[\d,.]*%? of|a (?:small |large )?(?:number|subset|portion) of)?\s*(?:our\s+)?(?:customers|users|developers|contributors|clients|subscribers|merchants|visitors|projects|maintainers)\b(?:\s+(?:of|in|on|using|with)\s+[\w./-]+)?/i.exec(text);
  return { who: who ? who[0].trim() : 'TODO: who was affected', what: text, source: 'postmortem' };
}

function lessonsOf(result: ImportResult): { lessons: Record<string, Array<{ text: string; source: string }>> } | undefined {
  const lessons: Record<string, Array<{ text: string; source: string }>> = {};
  for (const bucket of ['wentWell', 'wentWrong', 'gotLucky'] as const) {
    const items = result.fields.lessons[bucket];
    if (items.length > 0) lessons[bucket] = items.map((item) => ({ text: item.text, source: 'postmortem' }));
  }
  return Object.keys(lessons).length > 0 ? { lessons } : undefined;
}

/** `PAY-123` or `#456` as an id, a link as a url (http and https only, as the schema asks). */
function trackerOf(written: string): { id?: string; url?: string } {
  return /^https?:\/\//.test(written) ? { url: written } : { id: written };
}

/** prevent, detect or mitigate, from the verbs of the item; none when it says none of them. */
function actionType(text: string): 'prevent' | 'detect' | 'mitigate' | undefined {
  if (/\b(?:alert\w*|monitor\w*|detect\w*|dashboard|page (?:the|on)|notif\w*|observab\w*|metrics?)\b/i.test(text)) return 'detect';
  if (/\b(?:rollback|roll back|runbook|playbook|recover\w*|restore\w*|failover|mitigat\w*|faster|break-?glass|repair)\b/i.test(text)) return 'mitigate';
  if (/\b(?:prevent\w*|validat\w*|test\w*|review\w*|canary|version\w*|guard\w*|block\w*|limit\w*|automat\w*|ensure\w*|avoid\w*|ban\w*)\b/i.test(text)) return 'prevent';
  return undefined;
}
