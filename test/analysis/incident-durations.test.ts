import { describe, it, expect } from 'vitest';
import { hoursToRecoverFrom, incidentDurations, residualImpact, triggerOf } from '../../src/analysis/incident-durations.js';
import { seriesMetrics } from '../../src/analysis/metrics.js';
import type { Incident } from '../../src/incident/schema.js';

const t = (hhmm: string) => Date.parse(`2020-01-01T${hhmm}:00Z`);

function incident(timeline: { at: string; phase: string; id?: string }[], moments?: Record<string, string>): Incident {
  return { id: 'x', timezone: 'UTC', timeline, ...(moments ? { moments } : {}) } as unknown as Incident;
}

describe('incidentDurations', () => {
  const timeline = [
    { id: 'change', at: '2020-01-01 01:00', phase: 'trigger' },
    { id: 'errors', at: '2020-01-01 02:00', phase: 'impact' },
    { id: 'page', at: '2020-01-01 02:30', phase: 'detection' },
    { id: 'rollback', at: '2020-01-01 03:00', phase: 'mitigation' },
    { id: 'main-back', at: '2020-01-01 05:00', phase: 'resolved' },
    { id: 'knock-on-back', at: '2020-01-01 07:00', phase: 'resolved' },
  ];

  it('measures detect, mitigate and resolve from the start; resolve is the impact duration', () => {
    const d = incidentDurations(incident(timeline));
    expect(d.at).toEqual({ trigger: t('01:00'), start: t('02:00'), detected: t('02:30'), mitigated: t('03:00'), resolved: t('07:00') });
    expect(d.minutes).toEqual({ detect: 30, mitigate: 60, resolve: 300 });
  });

  it('follows a resolved moment the file names, not the last resolved event', () => {
    const d = incidentDurations(incident(timeline, { resolved: 'main-back' }));
    expect(d.minutes.resolve).toBe(180);
  });

  it('falls back to the start when there is no trigger, and never puts the trigger after the start', () => {
    const noTrigger = timeline.filter((e) => e.phase !== 'trigger');
    expect(triggerOf(incident(noTrigger), t('02:00'))).toBe(t('02:00'));
    const late = [...noTrigger, { at: '2020-01-01 04:00', phase: 'trigger' }];
    expect(triggerOf(incident(late), t('02:00'))).toBe(t('02:00'));
  });
});

describe('hoursToRecoverFrom', () => {
  it('counts from the origin, 0 when never impacted, null when never recovered', () => {
    expect(hoursToRecoverFrom(t('01:00'), t('04:30'), true)).toBe(3.5);
    expect(hoursToRecoverFrom(t('01:00'), t('00:00'), false)).toBe(0);
    expect(hoursToRecoverFrom(t('01:00'), t('00:30'), true)).toBe(0);
    expect(hoursToRecoverFrom(t('01:00'), null, true)).toBeNull();
  });

  it('is what seriesMetrics reports with an origin', () => {
    // 00:00 … 00:09 at one-minute steps; above 1 until 00:05, so recovered at 00:06.
    const values = [0, 2, 5, 5, 3, 2, 0, 0, 0, 0];
    const base = { startMs: t('00:00'), stepMinutes: 1, zone: 'UTC', unit: 'percent', threshold: 1, recoveryLevel: 1 };
    expect(seriesMetrics(values, base).hoursToRecover).toBeCloseTo(6 / 60, 12);
    expect(seriesMetrics(values, { ...base, originMs: t('00:01') }).hoursToRecover).toBeCloseTo(5 / 60, 12);
  });
});

describe('residualImpact', () => {
  const o = { startMs: t('00:00'), stepMinutes: 60, recoveryLevel: 1 };

  it('states what is left after the resolved moment: level, recovery, area, end', () => {
    // Hourly samples: resolved at 03:00 with 4 still stuck, below 1 from 05:00, 0.5 never restored.
    const values = [10, 10, 8, 4, 2, 0.5, 0.5];
    const r = residualImpact(values, { ...o, resolvedMs: t('03:00') })!;
    expect(r.atResolved).toBe(4);
    expect(r.beyondLevel).toBe(true);
    expect(r.recoveredMs).toBe(t('05:00'));
    expect(r.hoursAfterResolved).toBe(2);
    // Trapezoids 03→04 (4,2), 04→05 (2,0.5), 05→06 (0.5,0.5): 3 + 1.25 + 0.5.
    expect(r.area).toBeCloseTo(4.75, 12);
    expect(r.atEnd).toBe(0.5);
  });

  it('is none when the series is back before the resolved moment', () => {
    const r = residualImpact([10, 0, 0, 0], { ...o, resolvedMs: t('02:00') })!;
    expect(r.beyondLevel).toBe(false);
    expect(r.hoursAfterResolved).toBe(0);
    expect(r.area).toBe(0);
  });

  it('mirrors for a series where lower is worse, and says never when it is still short at the end', () => {
    const r = residualImpact([100, 0, 50, 80], { ...o, recoveryLevel: 90, lower: true, baseline: 100, resolvedMs: t('02:00') })!;
    expect(r.beyondLevel).toBe(true);
    expect(r.recoveredMs).toBeNull();
    expect(r.hoursAfterResolved).toBeNull();
    // Shortfalls 50 and 20: one trapezoid of 35.
    expect(r.area).toBe(35);
  });

  it('is null when the resolved moment is outside the replay', () => {
    expect(residualImpact([1, 2], { ...o, resolvedMs: t('05:00') })).toBeNull();
  });
});
