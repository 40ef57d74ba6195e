// Wall-clock times in an incident's zone, resolved to instants. A local time that falls into a
// DST gap does not exist; one in a DST overlap is ambiguous. Both are reported, never guessed.
import { tzOffset } from '@date-fns/tz';

export type ResolvedTime =
  | { ok: true; epochMs: number; offsetMinutes: number }
  | { ok: false; problem: 'invalid' | 'nonexistent' | 'ambiguous' | 'unknown-zone'; candidates?: number[] };

const localRe = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/;

// Building an Intl.DateTimeFormat costs a fraction of a millisecond, and every local time of
// a file asks about the same zone: remember the answer.
const knownZones = new Map<string, boolean>();

/**
 * The zone every runtime knows (ECMA-402 requires it) and whose offset is always 0. It is
 * answered without Intl: a process's first Intl.DateTimeFormat loads ICU's date formatting
 * data, about 20 ms, which a command on an incident kept in UTC would otherwise pay for nothing.
 */
export const utcZone = 'UTC';

/** True when `zone` is an IANA zone this Node.js knows. */
export function isKnownZone(zone: string): boolean {
  if (zone === utcZone) return true;
  let known = knownZones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      known = zone.length > 0;
    } catch {
      known = false;
    }
    knownZones.set(zone, known);
  }
  return known;
}

/**
 * Resolve a time of the incident file (`2011-04-21 00:47` in `zone`, or ISO 8601 with an
 * offset) to an instant.
 */
export function resolveTime(text: string, zone: string): ResolvedTime {
  // Every check and the replay plan resolve the same few hundred times of a file: remember them.
  const key = `${zone} ${text}`;
  let resolved = resolvedTimes.get(key);
  if (resolved === undefined) {
    if (resolvedTimes.size >= maxRememberedTimes) resolvedTimes.clear();
    resolved = Object.freeze(resolveTimeUncached(text, zone));
    resolvedTimes.set(key, resolved);
  }
  return resolved;
}

const resolvedTimes = new Map<string, ResolvedTime>();
const maxRememberedTimes = 50_000;

function resolveTimeUncached(text: string, zone: string): ResolvedTime {
  const m = localRe.exec(text);
  if (!m) return { ok: false, problem: 'invalid' };
  const [, y, mo, d, h, mi, s, off] = m;
  const wall = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, s ? +s : 0);
  const check = new Date(wall);
  // Date.UTC rolls 2011-02-30 over into March: reject instead of silently moving the event.
  if (
    check.getUTCFullYear() !== +y! ||
    check.getUTCMonth() !== +mo! - 1 ||
    check.getUTCDate() !== +d! ||
    +h! > 23 ||
    +mi! > 59 ||
    (s !== undefined && +s > 59)
  ) {
    return { ok: false, problem: 'invalid' };
  }
  if (off !== undefined) {
    const offsetMinutes = off === 'Z' ? 0 : (off[0] === '-' ? -1 : 1) * (+off.slice(1, 3) * 60 + +off.slice(4, 6));
    return { ok: true, epochMs: wall - offsetMinutes * 60_000, offsetMinutes };
  }
  if (!isKnownZone(zone)) return { ok: false, problem: 'unknown-zone' };
  // The offsets in force a day either side cover every transition a wall time can fall into.
  const offsets = new Set<number>([
    zoneOffsetMinutes(zone, wall - 86_400_000),
    zoneOffsetMinutes(zone, wall),
    zoneOffsetMinutes(zone, wall + 86_400_000),
  ]);
  const candidates = [...offsets]
    .map((o) => wall - o * 60_000)
    .filter((instant) => zoneOffsetMinutes(zone, instant) * 60_000 + instant === wall)
    .sort((a, b) => a - b);
  if (candidates.length === 0) return { ok: false, problem: 'nonexistent' };
  if (candidates.length > 1) return { ok: false, problem: 'ambiguous', candidates };
  const epochMs = candidates[0]!;
  return { ok: true, epochMs, offsetMinutes: zoneOffsetMinutes(zone, epochMs) };
}

/** The zone's UTC offset in minutes at an instant (−420 for PDT). */
export function zoneOffsetMinutes(zone: string, epochMs: number): number {
  if (zone === utcZone) return 0;
  return tzOffset(zone, new Date(epochMs));
}

const durationPartRe = /(\d+(?:\.\d+)?)(d|h|m|s)/g;
const unitMs = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 } as const;

/** Parse `1h30m`, `-15m`, `90s` into milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  if (!/^[+-]?(?:\d+(?:\.\d+)?(?:d|h|m|s))+$/.test(text)) return undefined;
  const sign = text.startsWith('-') ? -1 : 1;
  let total = 0;
  for (const [, n, u] of text.matchAll(durationPartRe)) total += Number(n) * unitMs[u as keyof typeof unitMs];
  return sign * total;
}
