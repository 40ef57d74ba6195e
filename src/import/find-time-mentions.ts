// Every way a sentence can state a time or a date, found with small regular expressions:
// ISO 8601 dates and timestamps, dates written out ("April 21st", "21 April 2011", "Apr 22"),
// 12- and 24-hour clocks ("12:47 AM", "14:03", "9:39am", "5 PM", "Noon", "midnight") with
// their zone, ranges between two clocks, and a second zone given for the same time.
import { isoOffsetZone, zoneAt, zoneNamedIn, type ZoneRef } from './zone-names.js';

export interface DateMention {
  start: number;
  end: number;
  year?: number;
  /** 1–12 */
  month: number;
  day: number;
  /** The day of the week written with it (0 = Sunday), which can fix a missing year. */
  weekday?: number;
}

export interface ClockMention {
  start: number;
  end: number;
  hour: number;
  minute: number;
  second?: number;
  zone?: ZoneRef;
  /** The date written with the time itself (an ISO timestamp). */
  date?: DateMention;
  /** Written with "about", "around", "shortly after", … */
  approximate: boolean;
  /** Why this time is not a moment of the incident (a plan, an "as of" stamp), set by the structure pass. */
  notEvent?: string;
  /** The same moment given again in another zone: "10:00 PDT (17:00 UTC)". */
  alternateOf?: number;
  /** Index of the clock that ends the range this one starts. */
  rangeEnd?: number;
  /** Index of the clock that starts the range this one ends. */
  rangeStart?: number;
}

export interface TimeMentions {
  clocks: ClockMention[];
  dates: DateMention[];
  /** Years written with a month but no day ("April 2011"). */
  years: number[];
  /** Days named without a date ("Saturday morning", "on Thursday"). */
  namedDays: Array<{ start: number; end: number; text: string }>;
  /** "the next day", "the following morning". */
  nextDay: boolean;
  /** Where that phrase starts in the sentence. */
  nextDayAt?: number;
  /** The sentence announces or stamps rather than tells: its dates do not set the story's day. */
  datesNotCurrent?: boolean;
  /** Numeric dates that read both ways (03/04/2021: March 4 or 3 April?). */
  ambiguousDates: Array<{ start: number; end: number; text: string }>;
  /** "Unless noted, all times are …": sets defaults, is not itself an event. */
  statesDefaults: boolean;
  /** The zone such a statement names. */
  defaultZone?: ZoneRef;
}

const weekdayNames = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const monthHintRe = new RegExp(monthNames.join('|'), 'i');
const MONTH = String.raw`(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const WEEKDAY = String.raw`(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:,?\s+(\d{4}))?`;

const isoRe = /(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?:(?:T|\s+)(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?(?![\w-]|:\d)/g;
const monthDayRe = new RegExp(String.raw`\b${WEEKDAY}?${MONTH}\s+${DAY}(?![\d:])${YEAR}(?![\d:])`, 'gi');
const dayMonthRe = new RegExp(String.raw`\b${WEEKDAY}?${DAY}\s+(?:of\s+)?${MONTH}(?![a-z])${YEAR}(?![\d:])`, 'gi');
const monthYearRe = new RegExp(String.raw`\b${MONTH}\s+(\d{4})\b`, 'gi');
const clockRe =
  /(?<![\w:.,])(?:(\d{1,2}):(\d{2})(?::(\d{2}))?(?!\d|:\d)(?:\s*([ap])\.?\s?m\b\.?)?|(\d{1,2})\s*([ap])\.?m\b\.?|(noon|midday|midnight)\b(?:\s*([ap])\.?m\b\.?)?|([01]\d|2[0-3])([0-5]\d)(?=\s?(?:UTC|GMT|Z)\b))/gi;
// "[11-08 14:03]", "11-08 14:03": a month and day before a clock, as chat and log exports write.
const monthDayClockRe = /(?<![\w/.:-])(\d{1,2})-(\d{1,2})(?=[ T]\d{1,2}:\d{2})/g;
// "daily at 00:00", "every night at 02:00": a schedule, not a moment of the incident.
const routineRe = /\b(?:daily|nightly|hourly|every (?:day|night|morning|evening|hour|week)|each (?:day|night)|scheduled (?:daily |nightly )?(?:for|at)|runs? (?:daily )?at|cron)\s+(?:at\s+)?$/i;
const numericDateRe = /(?<![\w/.-])(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?![\w/])/g;
const namedDayRe = /\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:\s+(?:morning|afternoon|evening|night))?\b/g;
const nextDayRe = /\b(?:the\s+)?(?:next|following)\s+(?:day|morning|afternoon|evening|night)\b/i;
const defaultsRe = /\ball times\b|\bunless (?:otherwise )?(?:noted|stated|specified|indicated)\b|\btimes (?:below |in this (?:document|report|post) )?are (?:given )?in\b/i;
const approximateRe = /(?:\babout|\baround|\bapproximately|\bapprox\.?|\bcirca|\broughly|\bshortly (?:after|before)|~)\s*(?:at\s+)?$/i;

export function findTimeMentions(sentence: string): TimeMentions {
  const dates: DateMention[] = [];
  const clocks: ClockMention[] = [];
  const years: number[] = [];
  // Spans already claimed are blanked so a later, looser pattern cannot read them again.
  // Claims are collected and applied once before the next pattern reads the text: blanking each
  // span at once would copy the sentence per claim, quadratic in a long run of dates.
  let masked = sentence;
  let pending: Array<[number, number]> = [];
  const claim = (start: number, end: number) => {
    pending.push([start, end]);
  };
  const remask = () => {
    if (pending.length === 0) return masked;
    pending.sort((a, b) => a[0] - b[0]);
    const parts: string[] = [];
    let at = 0;
    for (const [start, end] of pending) {
      if (end <= at) continue;
      const from = Math.max(start, at);
      parts.push(masked.slice(at, from), ' '.repeat(end - from));
      at = end;
    }
    parts.push(masked.slice(at));
    masked = parts.join('');
    pending = [];
    return masked;
  };

  // Dates and clocks are written with digits, but for "noon" and "midnight": a sentence with
  // neither (most of a postmortem) skips the patterns that need them.
  const digits = /\d/.test(sentence);
  const clockWords = digits || /\b(?:noon|midday|midnight)\b/i.test(sentence);
  // Cheap tests for what each later pattern needs, so most sentences run few of them.
  const months = digits && monthHintRe.test(sentence);
  const hyphen = digits && sentence.includes('-');
  for (const m of hyphen ? sentence.matchAll(isoRe) : []) {
    const [, y, mo, d, h, mi, s, off] = m;
    const date: DateMention = { start: m.index, end: m.index + m[0].length, year: +y!, month: +mo!, day: +d! };
    if (!validDate(date)) continue;
    dates.push(date);
    let end = date.end;
    if (h !== undefined) {
      let zone: ZoneRef | undefined = off ? isoOffsetZone(off) : undefined;
      if (!zone) {
        const named = zoneAt(sentence, end);
        if (named) ({ ref: zone, end } = named);
      }
      if (+h! <= 23 && +mi! <= 59) {
        clocks.push({
          start: m.index,
          end,
          hour: +h!,
          minute: +mi!,
          ...(s !== undefined ? { second: +s } : {}),
          ...(zone ? { zone } : {}),
          date,
          approximate: approximateRe.test(sentence.slice(Math.max(0, m.index - 40), m.index)),
        });
      }
    }
    claim(m.index, end);
  }

  for (const re of months ? [monthDayRe, dayMonthRe] : []) {
    re.lastIndex = 0;
    const text = remask();
    for (const m of text.matchAll(re)) {
      const monthFirst = re === monthDayRe;
      const monthText = monthFirst ? m[1]! : m[2]!;
      const monthAt = m.index + m[0].indexOf(monthText);
      // "may" and "march" are also words: a month name is capitalised.
      if (!/^\p{Lu}/u.test(text[monthAt]!)) continue;
      const weekday = weekdayNames.indexOf(m[0].slice(0, 3).toLowerCase());
      const date: DateMention = {
        start: m.index,
        end: m.index + m[0].length,
        month: monthNames.indexOf(monthText.slice(0, 3).toLowerCase()) + 1,
        day: Number(monthFirst ? m[2] : m[1]),
        ...(m[3] ? { year: Number(m[3]) } : {}),
        ...(weekday !== -1 ? { weekday } : {}),
      };
      if (!validDate(date)) continue;
      dates.push(date);
      claim(date.start, date.end);
    }
  }
  for (const m of months ? remask().matchAll(monthYearRe) : []) {
    if (/^\p{Lu}/u.test(m[1]!)) years.push(Number(m[2]));
  }
  for (const m of hyphen ? remask().matchAll(monthDayClockRe) : []) {
    const date: DateMention = { start: m.index, end: m.index + m[0].length, month: +m[1]!, day: +m[2]! };
    if (!validDate(date)) continue;
    dates.push(date);
    claim(date.start, date.end);
  }
  // 04/21/2011 or 21/04/2011: read when one of the two numbers can only be the day.
  const ambiguousDates: TimeMentions['ambiguousDates'] = [];
  for (const m of digits && sentence.includes('/') ? remask().matchAll(numericDateRe) : []) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    const end = m.index + m[0].length;
    const [month, day] = a > 12 ? [b, a] : b > 12 || a === b ? [a, b] : [0, 0];
    const date: DateMention = { start: m.index, end, year, month, day };
    if (month === 0 || !validDate(date)) {
      ambiguousDates.push({ start: m.index, end, text: m[0] });
    } else {
      dates.push(date);
    }
    claim(m.index, end);
  }

  let claimedUntil = 0;
  // How each clock was written: a bare "12:50" takes the AM/PM of the end of its range.
  const meridiems = new Map<ClockMention, 'a' | 'p' | 'bare'>();
  for (const m of clockWords ? remask().matchAll(clockRe) : []) {
    // The digits of a zone just read ("UTC+01:00") are not a second clock.
    if (m.index < claimedUntil) continue;
    const [, clockH, clockMi, s, meridiem, bareHour, bareMeridiem, word, wordMeridiem, militaryH, militaryMi] = m;
    // "1400 UTC" is read only with a zone after it: four digits alone are usually a year or a count.
    const h = clockH ?? militaryH;
    const mi = clockMi ?? militaryMi;
    let hour: number;
    let minute = 0;
    let ampm: string | undefined;
    if (word) {
      hour = /midnight/i.test(word) ? 0 : 12;
      void wordMeridiem; // "Noon PM" says the same thing twice
    } else if (bareHour) {
      hour = +bareHour;
      ampm = bareMeridiem!.toLowerCase();
    } else {
      hour = +h!;
      minute = +mi!;
      ampm = meridiem?.toLowerCase();
    }
    if (ampm) {
      if (hour < 1 || hour > 12) continue;
      hour = (hour % 12) + (ampm === 'p' ? 12 : 0);
    }
    if (hour > 23 || minute > 59 || (s !== undefined && +s > 59)) continue;
    if (routineRe.test(sentence.slice(Math.max(0, m.index - 40), m.index))) continue;
    let end = m.index + m[0].length;
    const named = zoneAt(sentence, end);
    let zone: ZoneRef | undefined;
    if (named) ({ ref: zone, end } = named);
    claimedUntil = end;
    const clock: ClockMention = {
      start: m.index,
      end,
      hour,
      minute,
      ...(s !== undefined ? { second: +s } : {}),
      ...(zone ? { zone } : {}),
      approximate: approximateRe.test(sentence.slice(Math.max(0, m.index - 40), m.index)),
    };
    clocks.push(clock);
    if (ampm === 'a' || ampm === 'p') meridiems.set(clock, ampm);
    else if (!word && hour <= 12) meridiems.set(clock, 'bare');
  }
  clocks.sort((a, b) => a.start - b.start);
  dates.sort((a, b) => a.start - b.start);
  linkClocks(sentence, clocks, dates, meridiems);

  const namedDays = [...(/day\b/i.test(sentence) ? remask().matchAll(namedDayRe) : [])].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
  const statesDefaults = defaultsRe.test(sentence);
  const defaultZone = statesDefaults ? zoneNamedIn(sentence) : undefined;
  return {
    clocks,
    dates,
    years,
    namedDays,
    ...nextDayIn(sentence),
    ambiguousDates,
    statesDefaults,
    ...(defaultZone ? { defaultZone } : {}),
  };
}

function nextDayIn(sentence: string): { nextDay: boolean; nextDayAt?: number } {
  const m = nextDayRe.exec(sentence);
  return m ? { nextDay: true, nextDayAt: m.index } : { nextDay: false };
}

/** Mark second zones ("(17:00 UTC)") and ranges ("from X to Y", "X–Y", "between X and Y"). */
function linkClocks(
  sentence: string,
  clocks: ClockMention[],
  dates: DateMention[],
  meridiems: ReadonlyMap<ClockMention, 'a' | 'p' | 'bare'>,
): void {
  const withoutDates = (from: number, to: number) => {
    let text = sentence.slice(from, to);
    for (const d of dates) {
      if (d.start >= from && d.end <= to) text = text.replace(sentence.slice(d.start, d.end), ' ');
    }
    return text.replace(/\bon\b/g, ' ');
  };
  let previous: number | undefined;
  for (let i = 0; i < clocks.length; i++) {
    const b = clocks[i]!;
    if (previous === undefined) {
      previous = i;
      continue;
    }
    const a = clocks[previous]!;
    const between = sentence.slice(a.end, b.start);
    if (b.zone && /^\s*(?:[(/]|or)\s*$/.test(between)) {
      b.alternateOf = previous;
      continue;
    }
    // "4:06pm (first notice) - 5:30pm": a short aside between the ends is still a range.
    const gap = withoutDates(a.end, b.start).replace(/\([^()]{0,40}\)/g, ' ');
    const connector =
      /^[\s,]*(?:–|—|-|to|until|till|through|thru)\s*$/i.test(gap) ||
      (/^\s*and\s*$/i.test(gap) && /\bbetween\s*$/i.test(sentence.slice(0, a.start)));
    if (connector && a.rangeStart === undefined) {
      a.rangeEnd = i;
      b.rangeStart = previous;
      // "12:50–2:40 AM PDT": the end's meridiem and zone apply to the start too.
      // Applied only when it keeps the range in order: "11:00–1:00 PM" starts in the morning.
      const aBare = meridiems.get(a) === 'bare';
      const bMeridiem = meridiems.get(b);
      if (aBare && bMeridiem !== undefined && bMeridiem !== 'bare' && b.date === undefined) {
        const hour = (a.hour % 12) + (bMeridiem === 'p' ? 12 : 0);
        if (hour * 60 + a.minute <= b.hour * 60 + b.minute) a.hour = hour;
      }
      if (!a.zone && b.zone) a.zone = b.zone;
      if (!b.zone && a.zone) b.zone = a.zone;
    }
    previous = i;
  }
}

function validDate(d: DateMention): boolean {
  if (d.month < 1 || d.month > 12 || d.day < 1) return false;
  const days = new Date(Date.UTC(d.year ?? 2000, d.month, 0)).getUTCDate();
  return d.day <= days;
}
