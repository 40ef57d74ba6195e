// Every time must name one instant: a real date, and (for a local time) a wall time that
// exists exactly once in the incident's zone. A DST gap or overlap is reported, never guessed.
import type { Check } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';
import { formatPath } from '../schema-issue.js';
import { timeFields } from '../time-fields.js';
import { resolveTime, zoneOffsetMinutes } from '../time.js';

export const checkTimes: Check = (ctx) => {
  const zone = ctx.incident.timezone;
  const diagnostics: Diagnostic[] = [];
  for (const { path, text } of timeFields(ctx.incident)) {
    const r = resolveTime(text, zone);
    if (r.ok || r.problem === 'unknown-zone') continue; // The zone check reports that once.
    const where = `\`${formatPath(path)}\``;
    if (r.problem === 'invalid') {
      diagnostics.push(
        ctx.at(path, {
          severity: 'error',
          rule: 'time/invalid',
          message: `${where} is \`${text}\`, which is not a valid time: ${whyInvalid(text)}`,
          hint: 'check the date and time against the source',
        }),
      );
    } else if (r.problem === 'nonexistent') {
      const wall = wallMs(text);
      const before = zoneOffsetMinutes(zone, wall - 86_400_000);
      const after = zoneOffsetMinutes(zone, wall + 86_400_000);
      diagnostics.push(
        ctx.at(path, {
          severity: 'error',
          rule: 'time/nonexistent',
          message: `${where} is \`${text}\`, which does not exist in ${zone}: the clocks jump forward by ${after - before} minutes that night (daylight saving time starts)`,
          hint: `check the source; if the time is right in the old offset, write it with the offset: \`${withOffset(text, before)}\``,
        }),
      );
    } else {
      const offsets = (r.candidates ?? []).map((instant) => (wallMs(text) - instant) / 60_000);
      diagnostics.push(
        ctx.at(path, {
          severity: 'error',
          rule: 'time/ambiguous',
          message: `${where} is \`${text}\`, which happens twice in ${zone}: the clocks go back that night (daylight saving time ends)`,
          hint: `say which one with the offset: ${offsets.map((o, i) => `\`${withOffset(text, o)}\` (${i === 0 ? 'the first' : 'the second'})`).join(' or ')}`,
        }),
      );
    }
  }
  return diagnostics;
};

const partsRe = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/;

/** The wall time read as if it were UTC: what `resolveTime` compares offsets against. */
function wallMs(text: string): number {
  const [, y, mo, d, h, mi, s] = partsRe.exec(text)!;
  return Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, s ? +s : 0);
}

function whyInvalid(text: string): string {
  const m = partsRe.exec(text);
  if (!m) return 'expected `YYYY-MM-DD HH:mm`';
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  if (mo! < 1 || mo! > 12) return `there is no month ${m[2]}`;
  const days = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  if (d! < 1 || d! > days) return `${m[1]}-${m[2]} has ${days} days`;
  if (h! > 23) return `the hour is ${m[4]}, expected 00–23`;
  if (mi! > 59) return `the minute is ${m[5]}, expected 00–59`;
  if (s !== undefined && !Number.isNaN(s) && s > 59) return `the second is ${m[6]}, expected 00–59`;
  return 'expected `YYYY-MM-DD HH:mm`';
}

function withOffset(text: string, offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${text.replace(' ', 'T')}${sign}${hh}:${mm}`;
}
