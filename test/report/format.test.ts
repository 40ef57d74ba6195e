import { describe, it, expect } from 'vitest';
import { formatLocalTime, zoneAbbreviation } from '../../src/report/format/format-local-time.js';
import { formatOffset } from '../../src/report/format/format-offset.js';
import { formatDuration } from '../../src/report/format/format-duration.js';
import { formatNumber, formatQuantity, formatSigned, roundForDisplay } from '../../src/report/format/format-number.js';

describe('formatLocalTime', () => {
  it('prints wall time in the zone with its abbreviation, daylight or standard', () => {
    expect(formatLocalTime(Date.parse('2011-04-21T07:47:00Z'), 'America/Los_Angeles')).toBe('2011-04-21 00:47 PDT');
    expect(formatLocalTime(Date.parse('2020-11-25T10:44:00Z'), 'America/Los_Angeles')).toBe('2020-11-25 02:44 PST');
    expect(formatLocalTime(Date.parse('2020-11-25T10:44:00Z'), 'UTC')).toBe('2020-11-25 10:44 UTC');
  });

  it('uses the abbreviation in force at the instant (DST ends 2011-11-06 02:00 PDT)', () => {
    expect(zoneAbbreviation(Date.parse('2011-11-06T08:59:00Z'), 'America/Los_Angeles')).toBe('PDT');
    expect(zoneAbbreviation(Date.parse('2011-11-06T09:00:00Z'), 'America/Los_Angeles')).toBe('PST');
  });
});

describe('formatOffset', () => {
  it('writes T+h:mm below a day and T+Nd hh:mm above', () => {
    expect(formatOffset(3 * 60_000)).toBe('T+0:03');
    expect(formatOffset(0)).toBe('T+0:00');
    expect(formatOffset((11 * 60 + 43) * 60_000)).toBe('T+11:43');
    expect(formatOffset(((24 + 11) * 60 + 43) * 60_000)).toBe('T+1d 11:43');
    expect(formatOffset((3 * 24 * 60 + 5) * 60_000)).toBe('T+3d 00:05');
  });

  it('writes a precursor before the start with a minus sign', () => {
    expect(formatOffset(-3 * 60_000)).toBe('T-0:03');
    expect(formatOffset(-(6 * 24 + 14) * 3_600_000)).toBe('T-6d 14:00');
  });
});

describe('formatDuration', () => {
  it('writes days, hours and minutes, leaving out zero parts', () => {
    expect(formatDuration(0)).toBe('0 min');
    expect(formatDuration(45)).toBe('45 min');
    expect(formatDuration(113)).toBe('1 h 53 min');
    expect(formatDuration(120)).toBe('2 h');
    expect(formatDuration(66.7 * 60)).toBe('2 d 18 h 42 min');
  });
});

describe('formatNumber', () => {
  it('rounds to three significant digits and whole numbers from 1,000', () => {
    expect(formatNumber(13.0449)).toBe('13');
    expect(formatNumber(0.07)).toBe('0.07');
    expect(formatNumber(2.2345)).toBe('2.23');
    expect(formatNumber(1234.56)).toBe('1,235');
    expect(formatNumber(0.30000000000000004)).toBe('0.3');
    expect(roundForDisplay(-0.0001)).toBe(-0.0001);
    expect(formatNumber(Number.NaN)).toBe('n/a');
  });

  it('signs differences and writes percent with a sign and other units as words', () => {
    expect(formatSigned(5)).toBe('+5');
    expect(formatSigned(-0.0000001)).toBe('-0.0000001');
    expect(formatSigned(0)).toBe('0');
    expect(formatQuantity(13, 'percent')).toBe('13%');
    expect(formatQuantity(2500, 'servers')).toBe('2,500 servers');
  });
});
