import { describe, it, expect, vi, afterEach } from 'vitest';
import { TZDate, tzOffset } from '@date-fns/tz';
import { formatISO } from 'date-fns/formatISO';
import { isKnownZone, parseDuration, resolveTime, zoneOffsetMinutes } from '../../src/incident/time.js';
import { formatInstant } from '../../src/analysis/format-instant.js';

const la = 'America/Los_Angeles';

describe('resolveTime', () => {
  it('resolves a local time with the offset in force (PDT in April, PST in January)', () => {
    expect(resolveTime('2011-04-21 00:47', la)).toEqual({
      ok: true,
      epochMs: Date.parse('2011-04-21T07:47:00Z'),
      offsetMinutes: -420,
    });
    expect(resolveTime('2011-01-10 09:00', la)).toEqual({
      ok: true,
      epochMs: Date.parse('2011-01-10T17:00:00Z'),
      offsetMinutes: -480,
    });
  });

  it('accepts T as separator and seconds', () => {
    expect(resolveTime('2011-04-21T00:47:30', la)).toMatchObject({ ok: true, epochMs: Date.parse('2011-04-21T07:47:30Z') });
  });

  it('uses an explicit offset instead of the zone', () => {
    expect(resolveTime('2011-04-21T00:47-07:00', 'Europe/Berlin')).toEqual({
      ok: true,
      epochMs: Date.parse('2011-04-21T07:47:00Z'),
      offsetMinutes: -420,
    });
    expect(resolveTime('2020-11-25T05:15+05:30', la)).toMatchObject({ epochMs: Date.parse('2020-11-24T23:45:00Z'), offsetMinutes: 330 });
    expect(resolveTime('2011-04-21T07:47Z', la)).toMatchObject({ epochMs: Date.parse('2011-04-21T07:47:00Z'), offsetMinutes: 0 });
  });

  it('reports 2011-03-13 02:30 in Los Angeles as nonexistent (clocks jump 02:00 -> 03:00)', () => {
    expect(resolveTime('2011-03-13 02:30', la)).toEqual({ ok: false, problem: 'nonexistent' });
    // Either side of the gap exists.
    expect(resolveTime('2011-03-13 01:59', la)).toMatchObject({ ok: true, offsetMinutes: -480 });
    expect(resolveTime('2011-03-13 03:00', la)).toMatchObject({ ok: true, offsetMinutes: -420 });
  });

  it('reports 2011-11-06 01:30 in Los Angeles as ambiguous, with both instants', () => {
    expect(resolveTime('2011-11-06 01:30', la)).toEqual({
      ok: false,
      problem: 'ambiguous',
      candidates: [Date.parse('2011-11-06T08:30:00Z'), Date.parse('2011-11-06T09:30:00Z')],
    });
    expect(resolveTime('2011-11-06 00:59', la)).toMatchObject({ ok: true, offsetMinutes: -420 });
    expect(resolveTime('2011-11-06 02:00', la)).toMatchObject({ ok: true, offsetMinutes: -480 });
  });

  it('resolves an ambiguous wall time when the offset is given', () => {
    expect(resolveTime('2011-11-06T01:30-08:00', la)).toMatchObject({ ok: true, epochMs: Date.parse('2011-11-06T09:30:00Z') });
  });

  it('rejects dates and times that do not exist on any calendar', () => {
    for (const t of ['2011-02-30 10:00', '2011-02-29 10:00', '2011-13-01 10:00', '2011-04-31 10:00', '2011-04-21 24:00', '2011-04-21 10:60', '2011-04-21 10:00:60']) {
      expect(resolveTime(t, la), t).toEqual({ ok: false, problem: 'invalid' });
    }
    expect(resolveTime('2012-02-29 10:00', la).ok).toBe(true); // A leap year.
    expect(resolveTime('21 April 2011', la)).toEqual({ ok: false, problem: 'invalid' });
  });

  it('reports an unknown zone for a local time, but not for a time with an offset', () => {
    expect(resolveTime('2011-04-21 00:47', 'America/Los_Angels')).toEqual({ ok: false, problem: 'unknown-zone' });
    expect(resolveTime('2011-04-21T00:47Z', 'America/Los_Angels').ok).toBe(true);
  });
});

describe('isKnownZone', () => {
  it('knows IANA zones and UTC, not abbreviations or misspellings', () => {
    expect(isKnownZone('America/Los_Angeles')).toBe(true);
    expect(isKnownZone('UTC')).toBe(true);
    expect(isKnownZone('America/Los_Angels')).toBe(false);
    expect(isKnownZone('')).toBe(false);
  });
});

describe('UTC without time zone data', () => {
  afterEach(() => vi.restoreAllMocks());

  it('resolves, offsets and formats UTC times without building an Intl.DateTimeFormat', () => {
    const built = vi.spyOn(Intl, 'DateTimeFormat');
    expect(isKnownZone('UTC')).toBe(true);
    // A time no other test resolves: resolveTime remembers what it resolved.
    expect(resolveTime('2031-07-09 13:14:15', 'UTC')).toEqual({ ok: true, epochMs: Date.parse('2031-07-09T13:14:15Z'), offsetMinutes: 0 });
    expect(zoneOffsetMinutes('UTC', Date.parse('2031-07-09T13:14:15Z'))).toBe(0);
    expect(formatInstant(Date.parse('2031-07-09T13:14:15.999Z'), 'UTC')).toBe('2031-07-09T13:14:15Z');
    expect(built).not.toHaveBeenCalled();
  });

  it('gives what the time zone data gives, over four-digit years and beyond them', () => {
    const instants = [0, -1, 1, 999, -86_400_001, Date.parse('0001-01-01T00:00:00Z'), Date.parse('0999-12-31T23:59:59.500Z'), Date.parse('9999-12-31T23:59:59.999Z'), 8.64e15, -8.64e15];
    // A fixed spread of instants from 1900 to 2100, milliseconds included.
    for (let i = 0; i < 2000; i++) instants.push(-2_208_988_800_000 + Math.floor(i * 3_155_695_200_000 + i * i * 7919) % 6_311_390_400_000);
    for (const ms of instants) {
      expect(formatInstant(ms, 'UTC')).toBe(formatISO(new TZDate(ms, 'UTC')));
      expect(zoneOffsetMinutes('UTC', ms)).toBe(tzOffset('UTC', new Date(ms)));
    }
  });
});

describe('parseDuration', () => {
  it('parses units, combinations and signs', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('-15m')).toBe(-900_000);
    expect(parseDuration('3d')).toBe(259_200_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('15 minutes')).toBeUndefined();
  });
});
