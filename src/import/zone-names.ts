// Time-zone names as postmortems write them, mapped to IANA zones or fixed offsets.
//
// An abbreviation names a zone and, for most, the offset it implies (PDT is UTC−7): the zone is
// used to read the wall time, the offset to pick the right reading in a DST overlap and to warn
// when the text says PST on a date in daylight time. Choices: CET/CEST → Europe/Berlin (Paris
// keeps the same rules since 1996), IST → Asia/Kolkata (not Irish or Israel time), GMT → UTC
// (a postmortem saying GMT means UTC, not London's summer time), MST → America/Denver.

export type ZoneRef =
  | { kind: 'iana'; zone: string; label: string; offsetMinutes?: number }
  | { kind: 'fixed'; offsetMinutes: number; label: string };

const abbreviations: Record<string, { zone: string; offsetMinutes?: number }> = {
  PDT: { zone: 'America/Los_Angeles', offsetMinutes: -420 },
  PST: { zone: 'America/Los_Angeles', offsetMinutes: -480 },
  PT: { zone: 'America/Los_Angeles' },
  MDT: { zone: 'America/Denver', offsetMinutes: -360 },
  MST: { zone: 'America/Denver', offsetMinutes: -420 },
  MT: { zone: 'America/Denver' },
  CDT: { zone: 'America/Chicago', offsetMinutes: -300 },
  CST: { zone: 'America/Chicago', offsetMinutes: -360 },
  CT: { zone: 'America/Chicago' },
  EDT: { zone: 'America/New_York', offsetMinutes: -240 },
  EST: { zone: 'America/New_York', offsetMinutes: -300 },
  ET: { zone: 'America/New_York' },
  BST: { zone: 'Europe/London', offsetMinutes: 60 },
  WET: { zone: 'Europe/Lisbon', offsetMinutes: 0 },
  WEST: { zone: 'Europe/Lisbon', offsetMinutes: 60 },
  CET: { zone: 'Europe/Berlin', offsetMinutes: 60 },
  CEST: { zone: 'Europe/Berlin', offsetMinutes: 120 },
  EET: { zone: 'Europe/Athens', offsetMinutes: 120 },
  EEST: { zone: 'Europe/Athens', offsetMinutes: 180 },
  IST: { zone: 'Asia/Kolkata', offsetMinutes: 330 },
  SGT: { zone: 'Asia/Singapore', offsetMinutes: 480 },
  HKT: { zone: 'Asia/Hong_Kong', offsetMinutes: 480 },
  JST: { zone: 'Asia/Tokyo', offsetMinutes: 540 },
  KST: { zone: 'Asia/Seoul', offsetMinutes: 540 },
  AEST: { zone: 'Australia/Sydney', offsetMinutes: 600 },
  AEDT: { zone: 'Australia/Sydney', offsetMinutes: 660 },
  NZST: { zone: 'Pacific/Auckland', offsetMinutes: 720 },
  NZDT: { zone: 'Pacific/Auckland', offsetMinutes: 780 },
  UTC: { zone: 'UTC', offsetMinutes: 0 },
  GMT: { zone: 'UTC', offsetMinutes: 0 },
  Z: { zone: 'UTC', offsetMinutes: 0 },
};

const regions: Record<string, string> = {
  pacific: 'America/Los_Angeles',
  mountain: 'America/Denver',
  central: 'America/Chicago',
  eastern: 'America/New_York',
};

const abbreviationAlternatives = Object.keys(abbreviations)
  .filter((a) => a !== 'Z')
  .sort((a, b) => b.length - a.length)
  .join('|');

const zoneAtRe = new RegExp(
  String.raw`(?:(Z)\b|( ?[+-]\d{4}(?![\d:])|\+\d{2}:\d{2}(?![\d:]))|\s*\(?(?:(UTC|GMT)\s*([+−–-])\s*(\d{1,2})(?::?(\d{2}))?\b|(?:US\s+)?(${abbreviationAlternatives})\b|(Pacific|Mountain|Central|Eastern)(?:\s+(?:Daylight|Standard))?(?:\s+Time)?\b))`,
  'y',
);
const zoneNameRe = new RegExp(String.raw`\b(?:${abbreviationAlternatives}|Pacific|Mountain|Central|Eastern|UTC|GMT)\b`, 'g');

/**
 * A zone written right after a clock time, from `index` on: `PDT`, `UTC`, `UTC−7`,
 * `UTC+01:00`, `GMT+2`, `Eastern`, `Pacific Daylight Time`; `Z` or `+01:00` directly after the
 * digits; an RFC 2822 offset (`08:10:45 +0000`). A bare `-07:00` is not read as an offset
 * after a clock: `02:44-03:47` is a range.
 */
export function zoneAt(text: string, index: number): { ref: ZoneRef; end: number } | undefined {
  // Compiled once: this runs for every clock of a document.
  const re = zoneAtRe;
  re.lastIndex = index;
  const m = re.exec(text);
  if (!m) return undefined;
  // A zone in parentheses belongs to this time only when it is just a zone: "10:00 (PDT)".
  const opened = m[0].includes('(');
  let end = index + m[0].length;
  if (opened) {
    if (text[end] !== ')') return undefined;
    end += 1;
  }
  const ref = zoneFromMatch(m);
  return ref ? { ref, end } : undefined;
}

function zoneFromMatch(m: RegExpExecArray): ZoneRef | undefined {
  const [, z, bare, prefix, sign, hours, minutes, abbreviation, region] = m;
  if (z) return { kind: 'iana', zone: 'UTC', label: 'Z', offsetMinutes: 0 };
  if (bare) return isoOffsetZone(bare.trim());
  if (prefix) {
    const total = (sign === '+' ? 1 : -1) * (Number(hours) * 60 + Number(minutes ?? 0));
    if (Math.abs(total) > 14 * 60) return undefined;
    return total === 0
      ? { kind: 'iana', zone: 'UTC', label: m[0].trim(), offsetMinutes: 0 }
      : { kind: 'fixed', offsetMinutes: total, label: m[0].trim() };
  }
  if (abbreviation) {
    const known = abbreviations[abbreviation]!;
    return { kind: 'iana', zone: known.zone, label: abbreviation, offsetMinutes: known.offsetMinutes };
  }
  if (region) return { kind: 'iana', zone: regions[region.toLowerCase()]!, label: m[0].trim() };
  return undefined;
}

/** A zone named anywhere in a sentence ("All times are Eastern", "all times in UTC"). */
export function zoneNamedIn(text: string): ZoneRef | undefined {
  for (const m of text.matchAll(zoneNameRe)) {
    const found = zoneAt(text, m.index);
    if (found) return found.ref;
  }
  return undefined;
}

/** `+01:00`, `-07:00`, `Z` (ISO 8601 offsets). */
export function isoOffsetZone(text: string): ZoneRef {
  if (text === 'Z' || text === 'z') return { kind: 'iana', zone: 'UTC', label: 'Z', offsetMinutes: 0 };
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text)!;
  const total = (m[1] === '+' ? 1 : -1) * (Number(m[2]) * 60 + Number(m[3]));
  return total === 0
    ? { kind: 'iana', zone: 'UTC', label: text, offsetMinutes: 0 }
    : { kind: 'fixed', offsetMinutes: total, label: text };
}

/** `-07:00` for −420 minutes, `Z` for 0. */
export function formatOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'Z';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
