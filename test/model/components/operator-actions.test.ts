import { describe, it, expect } from 'vitest';
import { drainAtRate, startRamp, stepRamp } from '../../../src/model/components/operator-actions.js';

describe('operator actions', () => {
  it('a ramp over 4 minutes adds a quarter a minute and stops at the total', () => {
    const ramp = startRamp(400, { overMinutes: 4 });
    expect([1, 2, 3, 4, 5].map(() => stepRamp(ramp, 1))).toEqual([100, 100, 100, 100, 0]);
    expect(ramp.remaining).toBe(0);
  });

  it('a ramp at a rate, and one with neither rate nor duration arriving at once', () => {
    const byRate = startRamp(250, { ratePerMinute: 100 });
    expect([stepRamp(byRate, 2), stepRamp(byRate, 2)]).toEqual([200, 50]);
    expect(stepRamp(startRamp(70), 1)).toBe(70);
  });

  it('drains a backlog no faster than its throttle', () => {
    expect(drainAtRate(1000, 30, 5)).toBe(150);
    expect(drainAtRate(100, 30, 5)).toBe(100);
    expect(drainAtRate(-1, 30, 5)).toBe(0);
  });
});
