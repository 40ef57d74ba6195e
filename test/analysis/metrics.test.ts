import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { defaultLowerThreshold, defaultThreshold, impactOf, metricDiff, seriesMetrics } from '../../src/analysis/metrics.js';
import { formatInstant } from '../../src/analysis/format-instant.js';

// Samples every 30 minutes from 2011-04-21 00:00 PDT (07:00 UTC).
const startMs = Date.UTC(2011, 3, 21, 7, 0);
const options = { startMs, stepMinutes: 30, zone: 'America/Los_Angeles', unit: 'percent', threshold: 5, recoveryLevel: 2 };

describe('seriesMetrics', () => {
  it('computes peak, area, hours above and recovery by hand', () => {
    //        00:00 00:30 01:00 01:30 02:00 02:30 03:00
    const v = [0, 10, 13, 8, 4, 1, 0];
    const m = seriesMetrics(v, options);
    expect(m.peak).toBe(13);
    expect(m.peakAt).toBe('2011-04-21T01:00:00-07:00');
    // Trapezoids of half an hour: (0+10)/2 + (10+13)/2 + (13+8)/2 + (8+4)/2 + (4+1)/2 + (1+0)/2
    // = 5 + 11.5 + 10.5 + 6 + 2.5 + 0.5 = 36, times 0.5 h = 18 percent·hours.
    expect(m.impactArea).toBeCloseTo(18, 12);
    // Above 5: 10, 13, 8 → three samples of half an hour.
    expect(m.hoursAbove).toBe(1.5);
    // Last sample above 2 is 02:00 (4); recovered from 02:30 on, 2.5 h after the start.
    expect(m.recoveredAt).toBe('2011-04-21T02:30:00-07:00');
    expect(m.hoursToRecover).toBe(2.5);
    expect(m.threshold).toBe(5);
    expect(m.recoveryLevel).toBe(2);
  });

  it('never recovers when the last sample is above the level', () => {
    const m = seriesMetrics([0, 3, 6], options);
    expect(m.recoveredAt).toBeNull();
    expect(m.hoursToRecover).toBeNull();
  });

  it('a series never above the level has nothing to recover from: recovered at the start', () => {
    const m = seriesMetrics([1, 1.5, 0], options);
    expect(m.recoveredAt).toBe('2011-04-21T00:00:00-07:00');
    expect(m.hoursToRecover).toBe(0);
    expect(m.hoursAbove).toBe(0);
  });

  it('takes the first of equal peaks', () => {
    expect(seriesMetrics([0, 7, 7, 0], options).peakAt).toBe('2011-04-21T00:30:00-07:00');
  });
});

describe('seriesMetrics of a series where lower is worse', () => {
  it('measures the trough, the shortfall below the baseline, time below the threshold, recovery above the level', () => {
    //        00:00 00:30 01:00 01:30 02:00 02:30 03:00   (goodput, healthy at 100)
    const v = [100, 60, 20, 50, 95, 120, 100];
    const m = seriesMetrics(v, { ...options, unit: 'requests/min', threshold: 90, recoveryLevel: 90, worse: 'lower', baseline: 100 });
    expect(m.peak).toBe(20);
    expect(m.peakAt).toBe('2011-04-21T01:00:00-07:00');
    // Shortfalls 0, 40, 80, 50, 5, 0 (120 is not a negative shortfall), 0: trapezoids
    // (0+40)/2 + (40+80)/2 + (80+50)/2 + (50+5)/2 + (5+0)/2 + 0 = 20 + 60 + 65 + 27.5 + 2.5 = 175, × 0.5 h.
    expect(m.impactArea).toBeCloseTo(87.5, 12);
    expect(m.hoursAbove).toBe(1.5); // 60, 20, 50 are below 90
    expect(m.recoveredAt).toBe('2011-04-21T02:00:00-07:00');
    expect(m.hoursToRecover).toBe(2);
    expect(m).toMatchObject({ worse: 'lower', baseline: 100, threshold: 90 });
  });

  it('takes the first sample as the baseline when none is given', () => {
    const m = seriesMetrics([10, 5, 10], { ...options, threshold: 9, recoveryLevel: 9, worse: 'lower' });
    expect(m.baseline).toBe(10);
    expect(m.impactArea).toBeCloseTo(2.5, 12);
  });
});

/**
 * The single loop the metrics were computed with before each direction had its own (one pass
 * branching on the direction at every sample, then a second pass for the counts): the reference
 * the scans must match to the bit.
 */
function referenceScan(values: number[], stepMinutes: number, lower: boolean, baseline: number, threshold: number, level: number) {
  const hoursPerStep = stepMinutes / 60;
  const sign = lower ? -1 : 1;
  let worst = Number.NEGATIVE_INFINITY;
  let peakIndex = 0;
  let area = 0;
  let previous = 0;
  for (let i = 0; i < values.length; i++) {
    const v = sign * values[i]!;
    if (v > worst) {
      worst = v;
      peakIndex = i;
    }
    const impact = lower ? Math.max(0, baseline + v) : v;
    if (i > 0) area += ((previous + impact) / 2) * hoursPerStep;
    previous = impact;
  }
  let above = 0;
  let lastAboveLevel = -1;
  for (let i = 0; i < values.length; i++) {
    const v = sign * values[i]!;
    if (v > sign * threshold) above++;
    if (v > sign * level) lastAboveLevel = i;
  }
  return { area, peak: values.length === 0 ? Number.NaN : sign * worst, peakIndex, hoursAbove: above * hoursPerStep, lastAboveLevel };
}

describe('the scans of a series', () => {
  it('give the bits of the single loop they replaced, in either direction', () => {
    const sample = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, -0, 1, 5));
    fc.assert(
      fc.property(
        fc.array(sample, { maxLength: 60 }),
        fc.boolean(),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.constantFrom(1 / 60, 1, 30),
        (values, lower, threshold, level, stepMinutes) => {
          const baseline = values[0] ?? 0;
          const ref = referenceScan(values, stepMinutes, lower, baseline, threshold, level);
          const impact = impactOf(values, stepMinutes, lower, baseline);
          expect([impact.area, impact.peak, impact.peakIndex]).toEqual([ref.area, ref.peak, ref.peakIndex]);
          const m = seriesMetrics(values, { ...options, stepMinutes, threshold, recoveryLevel: level, ...(lower ? { worse: 'lower' as const, baseline } : {}) });
          expect([m.impactArea, m.peak, m.hoursAbove]).toEqual([ref.area, ref.peak, ref.hoursAbove]);
          const n = values.length;
          const recovered = ref.lastAboveLevel === -1 ? 0 : ref.lastAboveLevel === n - 1 ? -1 : ref.lastAboveLevel + 1;
          const at = (i: number) => formatInstant(options.startMs + i * stepMinutes * 60_000, options.zone);
          expect([m.peakAt, m.recoveredAt]).toEqual([at(ref.peakIndex), recovered === -1 ? null : at(recovered)]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('metricDiff and defaultThreshold', () => {
  it('subtracts the actual, and is null when either never recovered', () => {
    const a = seriesMetrics([0, 10, 13, 8, 4, 1, 0], options);
    const b = seriesMetrics([0, 5, 6, 1, 0, 0, 0], options);
    const d = metricDiff(b, a);
    expect(d.peak).toBe(-7);
    // b's area: (5 + 11 + 7 + 1 + 0 + 0)/2... = (2.5 + 5.5 + 3.5 + 0.5 + 0 + 0) · 0.5 = 6
    expect(d.impactArea).toBeCloseTo(6 - 18, 12);
    expect(d.hoursAbove).toBe(0.5 - 1.5);
    expect(d.hoursToRecover).toBe(1.5 - 2.5);
    expect(metricDiff(seriesMetrics([0, 9], options), a).hoursToRecover).toBeNull();
  });

  it('defaults the threshold to a tenth of the actual peak', () => {
    expect(defaultThreshold(13)).toBeCloseTo(1.3, 12);
    expect(defaultThreshold(0)).toBe(0);
    expect(defaultThreshold(Number.NaN)).toBe(0);
    expect(defaultLowerThreshold(700)).toBeCloseTo(630, 12);
  });
});
