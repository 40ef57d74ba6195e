// Give every time the text states a date and a zone, or say why it cannot be placed.
//
// Dates. A time takes, in this order: the date written with it (an ISO timestamp, "12:47 AM on
// April 21st", "April 21, 00:47"), the date of the range it ends or starts, another date in the
// same sentence, or the current date. The current date is the last date the text stated (in a
// sentence or a heading above), else the "unless noted, all times are on …" date, else `--date`.
// "The next day" / "the following morning" moves it on by one day. A date with no year takes the
// year of the current date, moved by one when that puts it more than half a year away (Dec 31 →
// Jan 1), else `--year`, else a year written anywhere in the document, else the year of `--date`.
//
// Midnight rollover. A time with no date of its own that is earlier than the event before it is
// read as the next day only when the text since the last stated date is a running narrative (no
// event so far was earlier than the one before it) and the next-day reading is at most 12 hours
// after that event (23:50 → 00:10). Otherwise it stays on the current date and a warning calls
// it a flashback: postmortems often go back in time to tell a second thread of the story.
//
// Zones. A time takes the zone written with it, that of the other end of its range, the zone of
// an "all times are …" sentence, the zone of the previous time in the text, `--timezone`, or the
// first zone written anywhere in the document, in this order. A DST gap or overlap in the zone
// is a warning, unless the abbreviation (PDT vs PST) says which of the two readings is meant.
import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { resolveTime, zoneOffsetMinutes } from '../incident/time.js';
import type { ClockMention, DateMention, TimeMentions } from './find-time-mentions.js';
import { formatOffset, type ZoneRef } from './zone-names.js';
import type { Sentence } from './split-sentences.js';

export interface Ymd {
  year: number;
  month: number;
  day: number;
}

export interface PlaceOptions {
  /** IANA zone for times the text gives no zone for. */
  timezone?: string;
  /** Date for times the text gives no date for. */
  date?: Ymd;
  /** Year for dates written without one. */
  year?: number;
}

/** What the document says about itself, beyond its sentences (see `import-postmortem.ts`). */
export interface DocumentFacts {
  /** The document's own date (front matter), where times without a date are read. */
  date?: { ymd: Ymd; from: string };
  /** Years written anywhere in the input (also in links and paths): candidates for a weekday. */
  yearsWritten?: readonly number[];
  /** Timeline entries listed latest first (status pages). */
  newestFirst?: boolean;
  /** Stop placing after this many events (see `limits` in import-postmortem.ts). */
  maxPlaced?: number;
}

export interface PlacedTime {
  /** Wall time in `zone`, `YYYY-MM-DD HH:mm[:ss]`. */
  wall: string;
  epochMs: number;
  offsetMinutes: number;
  /** IANA zone, or a fixed offset such as `UTC-07:00`. */
  zone: string;
  fixed: boolean;
  /** The wall time is ambiguous in its zone: write it with its offset. */
  needsOffset: boolean;
}

export interface PlacedEvent {
  sentence: number;
  clock: number;
  at: PlacedTime;
  until?: PlacedTime;
  approximate: boolean;
  /** The zone was written in the text (with the time, its range or an "all times" sentence). */
  zoneStated: boolean;
  /** The sentence writes the time's date (not taken from the text before it). */
  dated: boolean;
}

export interface PlaceProblem {
  sentence: number;
  /** Index in the sentence the problem is about. */
  index: number;
  rule: string;
  message: string;
  hint?: string;
  /** True when the time was not placed and the draft keeps it as a TODO. */
  unplaced: boolean;
}

export interface Placement {
  events: PlacedEvent[];
  problems: PlaceProblem[];
  /** The zone an "all times are …" sentence names. */
  statedZone?: string;
  /** Times past `DocumentFacts.maxPlaced`, counted and not placed. */
  notPlaced: number;
}

interface State {
  current?: Ymd;
  /** The date of an "unless noted, all times are on …" sentence. */
  defaultDate?: Ymd;
  last?: number;
  narrative: boolean;
  lastZone?: ZoneRef;
}

const day = 86_400_000;

export function placeEvents(sentences: readonly Sentence[], mentions: readonly TimeMentions[], options: PlaceOptions, facts: DocumentFacts = {}): Placement {
  const events: PlacedEvent[] = [];
  const problems: PlaceProblem[] = [];
  const weekdayYear = options.year === undefined && facts.date === undefined && options.date === undefined ? yearFromWeekdays(mentions, facts.yearsWritten ?? []) : undefined;
  const statedYear = mostFrequentYear(mentions);
  const documentYear = options.year ?? statedYear ?? options.date?.year ?? facts.date?.ymd.year ?? weekdayYear?.year;
  if (weekdayYear && statedYear === undefined) {
    problems.push({
      sentence: weekdayYear.sentence,
      index: weekdayYear.index,
      rule: 'import/year-from-weekday',
      message: `the document states no year; read its dates in ${weekdayYear.year}, the only year written in it in which ${weekdayYear.text} falls on that weekday`,
      hint: 'check the year, or pass `--year YYYY`',
      unplaced: false,
    });
  }
  const firstZone = mentions.flatMap((m) => m.clocks).find((c) => c.zone)?.zone;
  const defaults = mentions.find((m) => m.statesDefaults);
  const statedZone = defaults?.defaultZone;
  const optionZone = options.timezone ? ianaRef(options.timezone) : undefined;
  const startDate = options.date ?? facts.date?.ymd;
  const state: State = { narrative: true, ...(startDate ? { current: startDate } : {}) };
  let usedDocumentDate = false;

  // Past this many placed events the input is a log: the rest is only counted, not placed (the
  // caller keeps far fewer), so a 5 MB run of times costs a count, not a placement, per time.
  const maxPlaced = facts.maxPlaced ?? Infinity;
  let notPlaced = 0;
  mentions.forEach((m, s) => {
    if (events.length >= maxPlaced) {
      notPlaced += m.clocks.filter((c) => c.alternateOf === undefined && c.rangeStart === undefined && c.notEvent === undefined).length;
      return;
    }
    const text = sentences[s]?.text ?? '';
    const problem = (index: number, rule: string, message: string, hint?: string, unplaced = true) =>
      problems.push({ sentence: s, index, rule, message, ...(hint ? { hint } : {}), unplaced });
    const dates = m.dates.map((d) => fullDate(d, state.current, documentYear));

    if (m.statesDefaults) {
      const first = dates[0];
      if (first && first !== 'no-year') state.current = state.defaultDate = first;
      state.last = undefined;
      state.narrative = true;
      return;
    }
    // "The next day" moves the story on when it leads the sentence's times ("The next morning at
    // 09:00 …"). After a time ("14:00 deploy; the fix followed the next day") it dates only the
    // times after it in that sentence, and the entries below stay on their own day.
    let shiftFrom: number | undefined;
    let sentenceDay: Ymd | undefined;
    const first = m.clocks[0];
    if (m.nextDay && first && first.start < (m.nextDayAt ?? 0)) {
      shiftFrom = m.nextDayAt;
    } else if (m.nextDay && m.dates.length === 0 && state.current) {
      state.current = addDaysYmd(state.current, 1);
      state.last = undefined;
      state.narrative = true;
    }
    if (m.dates.length > 0) state.narrative = true;
    const namedDay = m.dates.length === 0 ? m.namedDays[0] : undefined;
    if (namedDay && m.clocks.length === 0) {
      problem(namedDay.start, 'import/named-day', `“${namedDay.text}” names a day without a date; not placed`, 'add the event by hand if it matters', false);
    }

    m.clocks.forEach((clock, c) => {
      if (clock.alternateOf !== undefined || clock.rangeStart !== undefined || clock.notEvent !== undefined) return;
      const unreadable = m.ambiguousDates[0];
      if (unreadable && !clock.date) {
        problem(clock.start, 'import/ambiguous-date', `${describe(clock)} is on ${unreadable.text}, which reads as month/day and as day/month: not placed`, 'write the date in the draft by hand (YYYY-MM-DD)');
        return;
      }
      if (namedDay) {
        problem(clock.start, 'import/named-day', `${describe(clock)} is on “${namedDay.text}”, a day without a date: not placed`, 'write the date into the draft by hand');
        return;
      }
      const end = clock.rangeEnd !== undefined ? m.clocks[clock.rangeEnd] : undefined;
      // A date written before "the next day" is not the date of a time after it.
      const ownDate = dateFor(clock, m, text) ?? (end ? dateFor(end, m, text) : undefined);
      const own = ownDate && !(shiftFrom !== undefined && clock.start > shiftFrom && ownDate.start < shiftFrom) ? ownDate : undefined;
      const shifted = !own && shiftFrom !== undefined && clock.start > shiftFrom && sentenceDay ? addDaysYmd(sentenceDay, 1) : undefined;
      const date = own ? dates[m.dates.indexOf(own)] ?? fullDate(own, state.current, documentYear) : shifted ?? state.current;
      if (!own && !shifted && date && date !== 'no-year' && !options.date && facts.date && !usedDocumentDate && sameYmd(date, facts.date.ymd)) {
        usedDocumentDate = true;
        problem(clock.start, 'import/date-from-metadata', `${describe(clock)} has no date in the text; read on ${formatYmd(date)}, the document's date (${facts.date.from})`, 'check the date in the draft', false);
      }
      if (!date) {
        problem(clock.start, 'import/no-date', `${describe(clock)} has no date: the text states none before it`, 'pass `--date YYYY-MM-DD` for the day the times are on');
        return;
      }
      if (date === 'no-year') {
        problem(clock.start, 'import/no-year', `${describe(clock)} is on a date written without a year, and the document states no year`, 'pass `--year YYYY`');
        return;
      }
      const zone = clock.zone ?? statedZone ?? state.lastZone ?? optionZone ?? firstZone;
      if (!zone) {
        problem(clock.start, 'import/no-zone', `${describe(clock)} has no time zone, and the document names none`, 'pass `--timezone ZONE` (an IANA name such as America/Los_Angeles)');
        return;
      }
      let at = place(date, clock, zone);
      let placedDate = date;
      if (at.ok && !own && !shifted && facts.newestFirst && state.last !== undefined && at.time.epochMs > state.last) {
        // Latest first: a time later than the entry above it is on the day before (00:10, 23:50).
        const previous = addDaysYmd(date, -1);
        const rolled = place(previous, clock, zone);
        if (rolled.ok && state.last - rolled.time.epochMs <= day / 2) {
          at = rolled;
          placedDate = previous;
        }
      } else if (at.ok && !own && !shifted && !facts.newestFirst && state.last !== undefined && at.time.epochMs < state.last) {
        const next = addDaysYmd(date, 1);
        const rolled = place(next, clock, zone);
        if (state.narrative && rolled.ok && rolled.time.epochMs - state.last <= day / 2) {
          at = rolled;
          placedDate = next;
        } else {
          state.narrative = false;
          problem(clock.start, 'import/flashback', `${describe(clock)} is earlier than the event before it; read as the same day (${formatYmd(date)})`, 'check the date in the draft', false);
        }
      }
      if (!at.ok) {
        problem(clock.start, `import/${at.problem}`, `${describe(clock)} on ${formatYmd(placedDate)} ${at.message}`, at.hint);
        return;
      }
      if (zone.kind === 'iana' && zone.offsetMinutes !== undefined && at.time.offsetMinutes !== zone.offsetMinutes) {
        problem(
          clock.start,
          'import/zone-mismatch',
          `${describe(clock)} says ${zone.label} (${utcLabel(zone.offsetMinutes)}), but ${zone.zone} is at ${utcLabel(at.time.offsetMinutes)} on ${formatYmd(placedDate)}; read as local time in ${zone.zone}`,
          'check the time in the draft',
          false,
        );
      }
      let until: PlacedTime | undefined;
      if (end) {
        const endOwn = dateFor(end, m, text, true);
        const endDate = endOwn ? dates[m.dates.indexOf(endOwn)] ?? placedDate : placedDate;
        let placedEnd = endDate === 'no-year' ? undefined : place(endDate, end, end.zone ?? zone);
        if (placedEnd?.ok && !endOwn && placedEnd.time.epochMs <= at.time.epochMs && endDate !== 'no-year') {
          placedEnd = place(addDaysYmd(endDate, 1), end, end.zone ?? zone);
        }
        if (placedEnd?.ok && placedEnd.time.epochMs > at.time.epochMs) until = placedEnd.time;
        else problem(end.start, 'import/range-end', `the end of the range, ${describe(end)}, could not be placed after its start; the event has no \`until\``, 'add `until` by hand', false);
      }
      m.clocks.forEach((alt) => {
        if (alt.alternateOf !== c || !alt.zone || !at.ok) return;
        const other = wallIn(at.time.epochMs, alt.zone);
        if (other.slice(11, 16) !== `${pad(alt.hour)}:${pad(alt.minute)}`) {
          problem(alt.start, 'import/zone-contradiction', `${describe(alt)} does not name the same moment as ${describe(clock)} (that is ${other.slice(11, 16)} ${alt.zone.label}); kept ${describe(clock)}`, 'check which of the two the source means', false);
        }
      });
      events.push({ sentence: s, clock: c, at: at.time, ...(until ? { until } : {}), approximate: clock.approximate, zoneStated: zone !== optionZone, dated: own !== undefined });
      if (shifted) return;
      sentenceDay = placedDate;
      state.last = at.time.epochMs;
      state.current = placedDate;
      state.lastZone = zone;
    });

    // Under "unless noted, all events happened on D", an entry that writes its own date is the
    // noted exception: the entries after it without a date are on D again, not on its date.
    if (state.defaultDate && m.clocks.length > 0 && m.dates.length > 0 && events[events.length - 1]?.sentence === s) {
      state.current = state.defaultDate;
      state.last = undefined;
      return;
    }
    // The dates of a plan or a stamp ("Last updated: 2023-11-09 10:00") are not the story's day.
    if (m.clocks.length > 0 && m.clocks.every((c) => c.notEvent !== undefined)) return;
    if (m.datesNotCurrent) return;
    const lastDate = dates.filter((d): d is Ymd => d !== 'no-year').pop();
    if (lastDate && events[events.length - 1]?.sentence !== s) {
      state.current = lastDate;
      state.last = undefined;
    } else if (lastDate && state.current && daysBetween(state.current, lastDate) > 0) {
      state.current = lastDate;
    }
  });
  return { events, problems, notPlaced, ...(statedZone?.kind === 'iana' ? { statedZone: statedZone.zone } : {}) };
}

type Placed = { ok: true; time: PlacedTime } | { ok: false; problem: string; message: string; hint: string };

function place(date: Ymd, clock: ClockMention, zone: ZoneRef): Placed {
  const wall = `${formatYmd(date)} ${pad(clock.hour)}:${pad(clock.minute)}${clock.second !== undefined ? `:${pad(clock.second)}` : ''}`;
  if (zone.kind === 'fixed') {
    const r = resolveTime(`${wall.replace(' ', 'T')}${formatOffset(zone.offsetMinutes)}`, 'UTC');
    if (!r.ok) return { ok: false, problem: 'invalid-time', message: 'is not a valid time', hint: 'check the time in the source' };
    return { ok: true, time: { wall, epochMs: r.epochMs, offsetMinutes: zone.offsetMinutes, zone: `UTC${formatOffset(zone.offsetMinutes)}`, fixed: true, needsOffset: true } };
  }
  const r = resolveTime(wall, zone.zone);
  if (r.ok) return { ok: true, time: { wall, epochMs: r.epochMs, offsetMinutes: r.offsetMinutes, zone: zone.zone, fixed: false, needsOffset: false } };
  if (r.problem === 'ambiguous' && zone.offsetMinutes !== undefined) {
    const chosen = r.candidates?.find((c) => zoneOffsetMinutes(zone.zone, c) === zone.offsetMinutes);
    if (chosen !== undefined) {
      return { ok: true, time: { wall, epochMs: chosen, offsetMinutes: zone.offsetMinutes, zone: zone.zone, fixed: false, needsOffset: true } };
    }
  }
  switch (r.problem) {
    case 'nonexistent':
      return { ok: false, problem: 'nonexistent-time', message: `does not exist in ${zone.zone}: the clocks skip it when daylight saving time starts`, hint: 'check the source; write the time with its UTC offset' };
    case 'ambiguous':
      return { ok: false, problem: 'ambiguous-time', message: `happens twice in ${zone.zone}: the clocks repeat it when daylight saving time ends`, hint: 'write the time with its UTC offset (e.g. `-07:00` or `-08:00`)' };
    case 'unknown-zone':
      return { ok: false, problem: 'unknown-zone', message: `is in ${zone.zone}, a zone this Node.js does not know`, hint: 'pass `--timezone` with an IANA name' };
    default:
      return { ok: false, problem: 'invalid-time', message: 'is not a valid time', hint: 'check the time in the source' };
  }
}

/**
 * The date mention a clock belongs to: written with it, right after it ("12:47 AM PDT on
 * April 21st"), right before it ("April 21, 00:47"), else the last date before it in the
 * sentence, else the first after it.
 */
function dateFor(clock: ClockMention, m: TimeMentions, sentence: string, strict = false): DateMention | undefined {
  if (clock.date) return clock.date;
  const after = m.dates.find((d) => d.start >= clock.end && /^[\s,]*(?:on|of)?[\s,]*$/i.test(sentence.slice(clock.end, d.start)));
  if (after) return after;
  if (strict) {
    return m.dates.find((d) => d.end <= clock.start && /^[\s,]*(?:at|from)?[\s,]*$/i.test(sentence.slice(d.end, clock.start)));
  }
  const before = [...m.dates].reverse().find((d) => d.end <= clock.start);
  if (before) return before;
  return m.dates.find((d) => d.start >= clock.end);
}

function fullDate(d: DateMention, current: Ymd | undefined, documentYear: number | undefined): Ymd | 'no-year' {
  if (d.year !== undefined) return { year: d.year, month: d.month, day: d.day };
  if (current) {
    let candidate = { year: current.year, month: d.month, day: d.day };
    const diff = daysBetween(current, candidate);
    if (diff < -183) candidate = { ...candidate, year: candidate.year + 1 };
    else if (diff > 183) candidate = { ...candidate, year: candidate.year - 1 };
    return candidate;
  }
  if (documentYear !== undefined) return { year: documentYear, month: d.month, day: d.day };
  return 'no-year';
}

function sameYmd(a: Ymd, b: Ymd): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/**
 * A year that a written weekday fixes: "Tue Oct 11" falls on a Tuesday in 2016 and 2022 among
 * others, so only the years the document writes somewhere (a link, a version, a copyright
 * line) are candidates, and the guess stands only when exactly one of them fits every weekday.
 */
function yearFromWeekdays(mentions: readonly TimeMentions[], candidates: readonly number[]): { year: number; sentence: number; index: number; text: string } | undefined {
  const dated = mentions.flatMap((m, sentence) => m.dates.filter((d) => d.weekday !== undefined && d.year === undefined).map((d) => ({ d, sentence })));
  if (dated.length === 0) return undefined;
  const fits = [...new Set(candidates)].filter((year) => dated.every(({ d }) => new Date(Date.UTC(year, d.month - 1, d.day)).getUTCDay() === d.weekday));
  if (fits.length !== 1) return undefined;
  const first = dated[0]!;
  const names = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  return { year: fits[0]!, sentence: first.sentence, index: first.d.start, text: `${names[first.d.weekday!]} ${first.d.month}/${first.d.day}` };
}

/** The same wall time on another day, in the same zone (for a time whose date was a guess). */
export function movePlacedTime(t: PlacedTime, date: Ymd): PlacedTime | undefined {
  const wall = `${formatYmd(date)}${t.wall.slice(10)}`;
  if (t.fixed) {
    const r = resolveTime(`${wall.replace(' ', 'T')}${formatOffset(t.offsetMinutes)}`, 'UTC');
    return r.ok ? { ...t, wall, epochMs: r.epochMs } : undefined;
  }
  const r = resolveTime(wall, t.zone);
  return r.ok ? { ...t, wall, epochMs: r.epochMs, offsetMinutes: r.offsetMinutes, needsOffset: false } : undefined;
}

function mostFrequentYear(mentions: readonly TimeMentions[]): number | undefined {
  const counts = new Map<number, number>();
  for (const m of mentions) {
    for (const y of [...m.dates.flatMap((d) => (d.year !== undefined ? [d.year] : [])), ...m.years]) counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  let best: number | undefined;
  for (const [y, n] of counts) if (best === undefined || n > counts.get(best)!) best = y;
  return best;
}

function ianaRef(zone: string): ZoneRef {
  return { kind: 'iana', zone, label: zone };
}

/** A calendar date as midnight UTC, for date-fns arithmetic that must not see the machine's zone. */
function toDate(d: Ymd): TZDate {
  return new TZDate(d.year, d.month - 1, d.day, 'UTC');
}

export function addDaysYmd(d: Ymd, n: number): Ymd {
  const next = addDays(toDate(d), n);
  return { year: next.getFullYear(), month: next.getMonth() + 1, day: next.getDate() };
}

export function formatYmd(d: Ymd): string {
  return `${String(d.year).padStart(4, '0')}-${pad(d.month)}-${pad(d.day)}`;
}

/** Calendar days from `a` to `b`. Plain UTC arithmetic: this runs for every date in the text. */
function daysBetween(a: Ymd, b: Ymd): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / day);
}

/** Wall time of an instant in a zone, `YYYY-MM-DD HH:mm`. */
function wallIn(epochMs: number, zone: ZoneRef): string {
  const offset = zone.kind === 'fixed' ? zone.offsetMinutes : zoneOffsetMinutes(zone.zone, epochMs);
  return new Date(epochMs + offset * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

function describe(clock: ClockMention): string {
  return `${pad(clock.hour)}:${pad(clock.minute)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `UTC+01:00`, `UTC-07:00`, and `UTC` for UTC itself (not `UTCZ`). */
function utcLabel(offsetMinutes: number): string {
  return offsetMinutes === 0 ? 'UTC' : `UTC${formatOffset(offsetMinutes)}`;
}
