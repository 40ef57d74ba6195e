// The import pipeline, pure: postmortem text in, draft incident data out. Blocks (markdown-it) →
// sentences → time mentions → placed events, plus impact figures, title, summary and the
// problems found on the way, each with the line and column of the input it is about.
import path from 'node:path';
import type { Phase } from '../incident/schema.js';
import { textBlocks } from './text-blocks.js';
import { splitSentences, type Sentence } from './split-sentences.js';
import { findTimeMentions } from './find-time-mentions.js';
import { placeEvents, type PlaceOptions, type PlacedTime } from './place-events.js';
import { clauseAt, guessPhase } from './guess-phase.js';
import { findFigures } from './find-figures.js';
import { formatOffset, zoneNamedIn } from './zone-names.js';
import { keepMomentsInOrder } from './keep-moments-in-order.js';
import { limitNesting, maxNesting } from './limit-nesting.js';
import { documentSections, type BlockRole } from './document-sections.js';
import { readStructure } from './read-structure.js';
import { readFields, type Fields } from './read-fields.js';
import { readFrontMatter } from './read-front-matter.js';
import { formatYmd, movePlacedTime, type DocumentFacts, type PlacedEvent } from './place-events.js';

/**
 * Caps on what one draft holds. A real postmortem has tens of events and a few figures; past
 * these the input is a log or generated text, and the draft (itself under the 5 MB limit of an
 * incident file) keeps the first ones in document order and says so.
 */
export const limits = {
  events: 1000,
  figures: 200,
  warnings: 200,
  /**
   * Sentences stating a time that are read for times; past them the rest of the input is not
   * (ten times the events a draft keeps: the draft takes its events from the first ones anyway,
   * and reading 76,000 more made half the time of a 5 MB log).
   */
  timedSentences: 10_000,
  /** Figures counted for the warning; past them the rest of the input is not read for figures. */
  countedFigures: 2_000,
};

export interface ImportOptions extends PlaceOptions {
  /** How the input is named in positions (`postmortem.md:12:5`). */
  file: string;
  /** Id of the draft; default: from the title and the first event's date. */
  id?: string;
}

export interface DraftEvent {
  at: string;
  until?: string;
  phase: Phase;
  /** The word the phase guess rests on. */
  cue?: string;
  approximate: boolean;
  /** The clause, in the source's words, as a starting point for `text`. */
  text: string;
  quote: string;
  line: number;
  column: number;
  zone: string;
  epochMs: number;
}

export interface DraftFigure {
  value: number;
  unit: 'percent' | 'count';
  basis?: string;
  quote: string;
  line: number;
  column: number;
  /** When the sentence it is in states a time that was placed. */
  at?: string;
}

export interface ImportWarning {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
  hint?: string;
  /** The sentence, when the problem left a time unplaced (the draft keeps it as a TODO). */
  quote?: string;
  unplaced: boolean;
}

type Positioned<T> = T extends { offset: number } ? Omit<T, 'offset'> & { line: number; column: number } : T;
export interface DraftFields {
  actionItems: Array<Positioned<Fields['actionItems'][number]>>;
  factors: Array<Positioned<Fields['factors'][number]>>;
  severity?: Positioned<NonNullable<Fields['severity']>>;
  customerImpact?: Positioned<NonNullable<Fields['customerImpact']>>;
  lessons: { wentWell: Array<Positioned<Fields['factors'][number]>>; wentWrong: Array<Positioned<Fields['factors'][number]>>; gotLucky: Array<Positioned<Fields['factors'][number]>> };
}

export interface ImportResult {
  file: string;
  id: string;
  title: string;
  summary: string;
  timezone: string;
  /** Where the timezone came from. */
  timezoneFrom: 'text' | 'option' | 'default';
  region?: string;
  events: DraftEvent[];
  figures: DraftFigure[];
  warnings: ImportWarning[];
  /** What the sections say beyond the timeline, with input positions. */
  fields: DraftFields;
  /** Sentences that state a time at all (placed or not). */
  timedSentences: number;
}

export function importPostmortem(source: string, options: ImportOptions): ImportResult {
  const lines = lineStarts(source);
  const position = (offset: number) => positionOf(lines, offset);
  const front = readFrontMatter(source);
  const nesting = limitNesting(front.text);
  const blocks = textBlocks(nesting.text);
  const sentences: Array<Sentence & { block: number }> = blocks.flatMap((b, i) => splitSentences(b).map((s) => ({ ...s, block: i })));
  const roles = documentSections(blocks);
  let timed = 0;
  /** The sentence after the last one read for times, when the input states more than the limit. */
  let timesReadTo: number | undefined;
  const found = sentences.map((s, i) => {
    if (timesReadTo !== undefined) return noTimeMentions();
    const m = findTimeMentions(s.text);
    if ((m.clocks.length > 0 || m.dates.length > 0) && ++timed >= limits.timedSentences) timesReadTo = i + 1;
    // A table's header may give the zone of its times: "| time (UTC) | what |"; a section's
    // heading may give it for the whole section: "Timeline (all times BST)".
    const header = blocks[s.block]!.header;
    const zone = (header === undefined ? undefined : zoneNamedIn(header)) ?? roles[s.block]!.zone;
    if (zone) for (const c of m.clocks) c.zone ??= zone;
    return m;
  });
  const structure = readStructure(sentences, roles, found);
  const mentions = structure.mentions;
  const byline = front.date ? undefined : bylineDate(sentences, mentions, position);
  const facts: DocumentFacts = {
    ...(front.date ? { date: { ymd: front.date.ymd, from: `front matter \`${front.date.key}\`, line ${front.date.line}` } } : {}),
    ...(byline ? { date: byline } : {}),
    yearsWritten: yearsWrittenIn(source),
    newestFirst: listedNewestFirst(sentences, roles, mentions),
    // Several times the events a draft keeps: some placed events are dropped by the structure pass.
    maxPlaced: 4 * limits.events,
  };
  const placement = placeEvents(sentences, mentions, options, facts);
  placement.events = placement.events.filter((e) => structure.keep(e, sentences[e.sentence]!, mentions[e.sentence]!.clocks[e.clock]!, placement.events));
  redateOutsideTimeline(placement.events, sentences, roles);
  const limitWarnings: ImportWarning[] = [];
  const limitWarning = (offset: number, rule: string, message: string, hint: string) =>
    limitWarnings.push({ file: options.file, ...position(offset), rule, message, hint, unplaced: false });
  for (const cut of nesting.cut) {
    limitWarning(
      lines[cut.line - 1]!,
      'import/too-deep',
      `quotes or lists nested ${cut.depth} deep; read as if nested ${maxNesting} deep${nesting.cutLines > nesting.cut.length ? ` (${nesting.cutLines} lines in all)` : ''}`,
      'check this part of the document: no postmortem nests that deep',
    );
  }
  if (placement.events.length > limits.events) {
    const first = placement.events[limits.events]!;
    const stated = placement.events.length + placement.notPlaced;
    const readTo = timesReadTo === undefined ? undefined : position(sentences[timesReadTo - 1]!.offsets[0]!);
    limitWarning(
      sentences[first.sentence]!.offsets[0]!,
      'import/too-many-events',
      readTo === undefined
        ? `the text states ${stated} times; the draft keeps the first ${limits.events}`
        : `the text states more than ${stated} times (it was read for times up to line ${readTo.line}, column ${readTo.column}: the ${limits.timedSentences}th sentence with one); the draft keeps the first ${limits.events}`,
      'is this a log rather than a postmortem? cut the document to its timeline',
    );
    placement.events.length = limits.events;
  }

  const zoneCounts = new Map<string, number>();
  for (const e of placement.events) if (!e.at.fixed && e.zoneStated) zoneCounts.set(e.at.zone, (zoneCounts.get(e.at.zone) ?? 0) + 1);
  const detected = placement.statedZone ?? [...zoneCounts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const timezone = detected ?? options.timezone ?? 'UTC';
  const timezoneFrom = detected ? 'text' : options.timezone ? 'option' : 'default';
  const write = (t: PlacedTime) =>
    !t.fixed && t.zone === timezone && !t.needsOffset ? t.wall : `${t.wall.replace(' ', 'T')}${formatOffset(t.offsetMinutes)}`;

  const events: DraftEvent[] = placement.events
    .map((e) => {
      const sentence = sentences[e.sentence]!;
      const clock = mentions[e.sentence]!.clocks[e.clock]!;
      const clause = clauseAt(sentence.text, clock.start);
      const guess = guessPhase(clause, sentence.text);
      const { line, column } = position(sentence.offsets[clock.start]!);
      return {
        at: write(e.at),
        ...(e.until ? { until: write(e.until) } : {}),
        phase: guess.phase,
        ...(guess.cue ? { cue: guess.cue } : {}),
        approximate: e.approximate,
        text: eventText(clause),
        quote: quoteOf(sentence, source),
        line,
        column,
        zone: e.at.zone,
        epochMs: e.at.epochMs,
      };
    })
    // A stable sort: events at the same instant keep the order of the text.
    .sort((a, b) => a.epochMs - b.epochMs);

  const phaseWarnings: ImportWarning[] = keepMomentsInOrder(events, timezone).map((c) => {
    const e = events[c.index]!;
    delete e.cue;
    return {
      file: options.file,
      line: e.line,
      column: e.column,
      rule: 'import/phase-order',
      message: `guessing \`${c.from}\` for the event at ${e.at} would put the \`${c.moment}\` moment before \`${c.before}\`; guessed \`${c.to}\` instead`,
      hint: 'check the phases of the draft',
      unplaced: false,
    };
  });

  const firstEventOf = new Map<number, (typeof placement.events)[number]>();
  for (const e of placement.events) if (!firstEventOf.has(e.sentence)) firstEventOf.set(e.sentence, e);
  // Every figure is counted (the warning says how many), but only those the draft can list, and
  // the first one past the limit (where the warning points), are written out with their quote
  // and position: 5 MB of sentences that each state a percentage have 76,000 of them.
  const listedFigures: DraftFigure[] = [];
  let figureCount = 0;
  for (let i = 0; i < sentences.length && figureCount <= limits.countedFigures; i++) {
    const s = sentences[i]!;
    const placed = firstEventOf.get(i);
    for (const f of findFigures(s.text)) {
      if (figureCount++ > limits.figures) continue;
      listedFigures.push({
        value: f.value,
        unit: f.unit,
        ...(f.basis ? { basis: f.basis } : {}),
        quote: quoteOf(s, source),
        ...position(s.offsets[f.index]!),
        ...(placed ? { at: write(placed.at) } : {}),
      });
    }
  }

  const figures = listedFigures.slice(0, limits.figures);
  if (listedFigures.length > limits.figures) {
    const first = listedFigures[limits.figures]!;
    limitWarnings.push({
      file: options.file,
      line: first.line,
      column: first.column,
      rule: 'import/too-many-figures',
      message:
        figureCount > limits.countedFigures
          ? `the text states more than ${limits.countedFigures} figures; the draft lists the first ${limits.figures}`
          : `the text states ${figureCount} figures; the draft lists the first ${limits.figures}`,
      hint: 'add the others by hand if they matter',
      unplaced: false,
    });
  }

  const problems = placement.problems.slice(0, limits.warnings);
  if (placement.problems.length > limits.warnings) {
    const first = placement.problems[limits.warnings]!;
    limitWarning(
      sentences[first.sentence]!.offsets[0]!,
      'import/too-many-warnings',
      `${placement.problems.length - limits.warnings} more warnings from here on are not shown`,
      'fix the first ones (often one --date, --year or --timezone fixes many) and import again',
    );
  }
  const warnings: ImportWarning[] = problems.map((p) => {
    const sentence = sentences[p.sentence]!;
    return {
      file: options.file,
      ...position(sentence.offsets[p.index] ?? sentence.offsets[0]!),
      rule: p.rule,
      message: p.message,
      ...(p.hint ? { hint: p.hint } : {}),
      ...(p.unplaced ? { quote: quoteOf(sentence, source) } : {}),
      unplaced: p.unplaced,
    };
  });
  warnings.push(...phaseWarnings, ...dateOnlyEntries(sentences, blocks, roles, mentions, options.file, source, position), ...limitWarnings);

  const read = readFields(blocks, roles);
  const at = <T extends { offset: number }>({ offset, ...rest }: T) => ({ ...rest, ...position(offset) });
  const fields: DraftFields = {
    actionItems: read.actionItems.map(at),
    factors: read.factors.map(at),
    ...(read.severity ? { severity: at(read.severity) } : {}),
    ...(read.customerImpact ? { customerImpact: at(read.customerImpact) } : {}),
    lessons: { wentWell: read.lessons.wentWell.map(at), wentWrong: read.lessons.wentWrong.map(at), gotLucky: read.lessons.gotLucky.map(at) },
  };
  const title = front.title?.trim() || findTitle(blocks, options.file);
  // The incident's date: the one its title states, else the day most events are on (not the
  // first event's, which may be a cause set months before: "[12-05 16:21] bug introduced"; not
  // the front matter's, which is often the day the postmortem was published).
  const titleDate = findTimeMentions(title).dates.find((d) => d.year !== undefined);
  const firstDate = titleDate ? formatYmd({ year: titleDate.year!, month: titleDate.month, day: titleDate.day }) : busiestDay(events);
  return {
    file: options.file,
    id: options.id ?? idFrom(title, firstDate),
    title,
    summary: findSummary(sentences, blocks, roles, title),
    timezone,
    timezoneFrom,
    ...regionIn(source),
    events,
    figures,
    warnings,
    fields,
    timedSentences: mentions.filter((m) => m.clocks.length > 0 && !m.statesDefaults).length,
  };
}

/** What a sentence past the read limit is taken to state: nothing. */
function noTimeMentions(): ReturnType<typeof findTimeMentions> {
  return { clocks: [], dates: [], years: [], namedDays: [], nextDay: false, ambiguousDates: [], statesDefaults: false };
}

/**
 * The sentence word for word as the input has it. Usually that is its plain text; where
 * markdown changed the text (an entity, an escape, emphasis inside the sentence) it is the
 * input between the sentence's first and last character, widened over emphasis marks at
 * either end, so a quote is always a substring of the input.
 */
function quoteOf(sentence: Sentence, source: string): string {
  let start = sentence.offsets[0]!;
  let end = sentence.offsets[sentence.offsets.length - 1]! + 1;
  const raw = source.slice(start, end);
  if (raw === sentence.text) return raw;
  // Markup between the lines (deep indents, `>` runs) can make the input span far longer than
  // the sentence: then quote its first line, which stays a substring and stays short.
  if (raw.length > 2 * sentence.text.length + 16) {
    const newline = raw.indexOf('\n');
    return newline > 0 ? raw.slice(0, newline).trimEnd() : raw.slice(0, 2 * sentence.text.length);
  }
  while (start > 0 && '*_`~'.includes(source[start - 1]!)) start--;
  while (end < source.length && '*_`~'.includes(source[end]!)) end++;
  return source.slice(start, end);
}

/** The clause without its leading time phrase ("At 2:40 AM PDT on April 21st, "), capitalised and short. */
function eventText(clause: string): string {
  // A table row: its cells, without those that only hold the date or time.
  if (/^\s*\|/.test(clause)) {
    const cells = clause
      .split('|')
      .map((c) => c.trim())
      .filter((c) => c !== '' && !/^[\d\s:.\-–—/T+()]*(?:[aApP]\.?[mM]\.?)?\s*(?:[A-Z]{1,5})?$/.test(c));
    if (cells.length > 0) clause = cells.join('; ');
  }
  let text = clause
    .replace(/^\s*(?:(?:at|by|around|about|shortly after|from|on|until|after)\b[^,]{0,60}?(?:\d|noon|midnight)[^,]{0,40},\s*)/i, '')
    // "[03-26 08:10] fix deployed", "[16:04] Prow is slow" → the entry without its stamp
    .replace(/^\s*\[[^\]\n]{0,24}\d{1,2}:\d{2}[^\]\n]{0,12}\]\s*[:–—-]?\s*/, '')
    // "14:03 UTC: a change was deployed" → "a change was deployed"
    .replace(/^\s*(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:\(?[A-Z]{1,5}(?:[+−-]\d{1,2}(?::?\d{2})?)?\)?)?\s*[:–—,-]\s*/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length > 160) text = `${text.slice(0, 160).replace(/\s+\S*$/, '')}…`;
  text = text.charAt(0).toUpperCase() + text.slice(1);
  return text || clause.trim();
}

function findTitle(blocks: ReturnType<typeof textBlocks>, file: string): string {
  const heading = blocks.find((b) => b.kind === 'heading');
  const firstLine = blocks[0]?.text.split('\n')[0];
  const raw = heading?.text ?? firstLine ?? '';
  const title = raw.replace(/\s+/g, ' ').trim().replace(/[.:]$/, '');
  if (title === '') return path.basename(file).replace(/\.[^.]+$/, '');
  return title.length > 120 ? `${title.slice(0, 120).replace(/\s+\S*$/, '')}…` : title;
}

/**
 * The first paragraph of prose: its first sentences, up to about 200 characters. Not a line of
 * metadata ("Status: resolved · Authors: …", "Date: …"), a list item, a quote or a heading-like
 * line, and not a paragraph of the timeline, action items or appendix.
 */
function findSummary(
  sentences: Array<Sentence & { block: number }>,
  blocks: ReturnType<typeof textBlocks>,
  roles: readonly BlockRole[],
  title: string,
): string {
  const prose = (b: number) => {
    const block = blocks[b]!;
    const role = roles[b]!;
    if (block.kind !== 'paragraph' || block.listItem || role.quoted) return false;
    if (!['other', 'impact', 'factors'].includes(role.section)) return false;
    // The tests look at the start only: `\p{Ll}{2,}\s+` backtracks over a long run of letters
    // without a space, quadratic on a block that is one long word.
    const text = block.text.trim().slice(0, 400);
    // Not a label line ("Planned Outage:") or an aside in parentheses.
    return !/[·•|]/.test(text) && !/^[\p{L} ]{1,30}:\s/u.test(text) && !(text.length <= 60 && /:$/.test(text)) && !text.startsWith('(') && /\p{Ll}{2,}\s+\p{Ll}{2,}/u.test(text) && block.text.trim().length >= 30;
  };
  // Walked in order and stopped at the first fit: a long document is not normalised sentence by sentence.
  const notTitle = (s: Sentence) => s.text.replace(/\s+/g, ' ').trim().replace(/[.:]$/, '') !== title;
  let firstIndex = sentences.findIndex((s) => prose(s.block) && notTitle(s));
  if (firstIndex === -1) firstIndex = sentences.findIndex((s) => blocks[s.block]!.kind === 'paragraph' && notTitle(s));
  if (firstIndex === -1) return title;
  const first = sentences[firstIndex]!;
  const parts: string[] = [];
  for (const s of sentences.slice(firstIndex, firstIndex + 20).filter(notTitle)) {
    if (s.block !== first.block || parts.join(' ').length >= 200 || parts.length >= 3) break;
    parts.push(s.text.replace(/\s+/g, ' ').trim());
  }
  return parts.join(' ');
}

function idFrom(title: string, date: string | undefined): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    // The date is added once, at the end: a date in the title would be written twice.
    .replace(/\b\d{4}-\d{2}(?:-\d{2})?\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b|\b(?:19|20)\d{2}\b/g, ' ')
    .replace(/\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\s+\d{1,2}(?:st|nd|rd|th)?\b/g, ' ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 6);
  return [...(words.length > 0 ? words : ['incident']), ...(date ? [date] : [])].join('-');
}

function regionIn(source: string): { region?: string } {
  const m = /\b(?:us|eu|ap|sa|ca|me|af|il|mx)-(?:gov-)?(?:east|west|north|south|central|northeast|northwest|southeast|southwest)-\d\b/i.exec(source);
  return m ? { region: m[0].toLowerCase() } : {};
}

/**
 * A dated byline near the top ("Last Modified: 2019-02-08", "Updated 2023-11-09"): the date the
 * document carries, which dates its times when the text gives them none (like front matter).
 */
function bylineDate(
  sentences: ReadonlyArray<Sentence & { block: number }>,
  mentions: readonly ReturnType<typeof findTimeMentions>[],
  position: (offset: number) => { line: number; column: number },
): DocumentFacts['date'] {
  for (let i = 0; i < Math.min(sentences.length, 12); i++) {
    const m = mentions[i]!;
    const d = m.dates[0];
    if (!m.datesNotCurrent || !d || d.year === undefined) continue;
    const line = sentences[i]!.text.split('\n')[0]!.trim().slice(0, 40);
    return { ymd: { year: d.year, month: d.month, day: d.day }, from: `“${line}”, line ${position(sentences[i]!.offsets[0]!).line}` };
  }
  return undefined;
}

/** The local date most events are on; the earliest such date on a tie. */
function busiestDay(events: readonly DraftEvent[]): string | undefined {
  const days = new Map<string, number>();
  for (const e of events) days.set(e.at.slice(0, 10), (days.get(e.at.slice(0, 10)) ?? 0) + 1);
  return [...days].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}

/** Years 1990–2099 written anywhere in the input, links and paths included. */
function yearsWrittenIn(source: string): number[] {
  const years = new Set<number>();
  for (const m of source.slice(0, 200_000).matchAll(/(?<!\d)(?:19[9]\d|20\d\d)(?!\d)/g)) years.add(Number(m[0]));
  return [...years];
}

/**
 * Whether the timeline lists its entries latest first, as status pages do: most consecutive
 * pairs of entries go back in time. Compared by the month, day and clock each entry writes.
 */
function listedNewestFirst(
  sentences: ReadonlyArray<Sentence & { block: number }>,
  roles: readonly BlockRole[],
  mentions: readonly ReturnType<typeof findTimeMentions>[],
): boolean {
  let back = 0;
  let forward = 0;
  let previous: number | undefined;
  sentences.forEach((s, i) => {
    if (roles[s.block]!.section !== 'timeline') return;
    const clock = mentions[i]!.clocks.find((c) => c.notEvent === undefined && c.alternateOf === undefined && c.rangeStart === undefined);
    if (!clock) return;
    const date = clock.date ?? mentions[i]!.dates[0];
    const key = (date ? (date.year ?? 0) * 10_000 + date.month * 100 + date.day : 0) * 1440 + clock.hour * 60 + clock.minute;
    if (previous !== undefined && (date !== undefined) === (previous >= 1440)) {
      if (key < previous) back++;
      else if (key > previous) forward++;
    }
    previous = key;
  });
  if (back >= 3 && back > 2 * forward) return true;
  // A status page's updates: the first says resolved, the last investigating.
  const entries = sentences.filter((s, i) => roles[s.block]!.section === 'timeline' && mentions[i]!.clocks.length > 0);
  return entries.length >= 2 && /\bresolved\b/i.test(entries[0]!.text) && /\binvestigating\b/i.test(entries[entries.length - 1]!.text);
}

/**
 * A time outside the timeline that writes no date of its own took the date of the text above
 * it, which in a summary or a root-cause section is often not the incident's day (a date named
 * in passing, "last week (2019-03-20)"). It is moved to the day most timeline events are on.
 */
function redateOutsideTimeline(events: PlacedEvent[], sentences: ReadonlyArray<Sentence & { block: number }>, roles: readonly BlockRole[]): void {
  const inTimeline = (e: PlacedEvent) => roles[sentences[e.sentence]!.block]!.section === 'timeline';
  const days = new Map<string, number>();
  for (const e of events) if (inTimeline(e)) days.set(e.at.wall.slice(0, 10), (days.get(e.at.wall.slice(0, 10)) ?? 0) + 1);
  const top = [...days].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  if (!top) return;
  const [year, month, day] = top.split('-').map(Number) as [number, number, number];
  for (const e of events) {
    if (e.dated || inTimeline(e) || e.at.wall.startsWith(top)) continue;
    const moved = movePlacedTime(e.at, { year, month, day });
    if (!moved) continue;
    const shift = moved.epochMs - e.at.epochMs;
    e.at = moved;
    if (e.until) e.until = { ...e.until, epochMs: e.until.epochMs + shift, wall: new Date(Date.parse(`${e.until.wall.replace(' ', 'T')}Z`) + shift).toISOString().slice(0, 16).replace('T', ' ') };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionOf(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

/**
 * Timeline entries (list items and table rows of a timeline section) that state a date and no
 * time: kept as a TODO with their date, since an event needs a time the text does not give.
 */
function dateOnlyEntries(
  sentences: ReadonlyArray<Sentence & { block: number }>,
  blocks: ReturnType<typeof textBlocks>,
  roles: readonly BlockRole[],
  mentions: readonly ReturnType<typeof findTimeMentions>[],
  file: string,
  source: string,
  position: (offset: number) => { line: number; column: number },
): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  // A line that is only a date ("April 9th", "### 2019-04-10") dates the time-less entries below it.
  let dateLine: string | undefined;
  sentences.forEach((s, i) => {
    const block = blocks[s.block]!;
    const m = mentions[i]!;
    const first = i === 0 || sentences[i - 1]!.block !== s.block;
    if (roles[s.block]!.section !== 'timeline') return;
    const events = m.clocks.filter((c) => c.notEvent === undefined);
    if (!(block.listItem || block.kind === 'row')) {
      if (!first) return;
      const d = m.dates[0];
      const rest = d ? (s.text.slice(0, d.start) + s.text.slice(d.end)).replace(/\bupdated\b[^]*$/i, '').trim() : '';
      dateLine = d && events.length === 0 && rest.length <= 12 ? s.text.slice(d.start, d.end) : undefined;
      return;
    }
    if (events.length > 0 || warnings.length >= limits.warnings) return;
    // Only the entry's first sentence: the rest of an entry restates or explains it.
    if (!first) return;
    const d = m.dates[0];
    if (!d && !dateLine) return;
    const written = d ? s.text.slice(d.start, d.end) : dateLine!;
    warnings.push({
      file,
      ...position(s.offsets[d?.start ?? 0]!),
      rule: 'import/date-only',
      message: `the timeline entry on ${written} gives a date and no time: kept as a TODO`,
      hint: 'add the event by hand with the time, if another source gives it',
      quote: quoteOf(s, source),
      unplaced: true,
    });
  });
  return warnings;
}
