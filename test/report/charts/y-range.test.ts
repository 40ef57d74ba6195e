import { describe, it, expect } from 'vitest';
import { yRange } from '../../../src/report/charts/y-range.js';

describe('yRange', () => {
  it('ends near the data: 0–5 for data up to 4.6, not 0–100', () => {
    expect(yRange(0, 4.6, { unit: 'percent' })).toEqual({ min: 0, max: 5, stepSize: 1, ticks: ['0', '1', '2', '3', '4', '5'] });
  });

  it('stops a percentage at 100 when the data does', () => {
    expect(yRange(0, 100, { unit: 'percent' })).toMatchObject({ min: 0, max: 100, stepSize: 25 });
    // Another unit gets its headroom above the round number.
    expect(yRange(0, 100, { unit: 'servers' }).max).toBe(125);
  });

  it('gives a flat zero series a unit of scale', () => {
    expect(yRange(0, 0)).toMatchObject({ min: 0, max: 1 });
  });

  it('goes below zero for negative data, to a round number', () => {
    expect(yRange(-3, 8)).toMatchObject({ min: -5, max: 10, stepSize: 2.5 });
  });

  it('starts near the data when asked and the data sits far from zero', () => {
    const r = yRange(3935, 4032, { zero: false });
    expect(r.min).toBeGreaterThan(3800);
    expect(r.min).toBeLessThanOrEqual(3935);
    expect(r.max).toBeGreaterThanOrEqual(4032);
    expect(r.ticks[0]).toBe(new Intl.NumberFormat('en-US').format(r.min));
    // Data that reaches near zero keeps the zero.
    expect(yRange(1, 50, { zero: false }).min).toBe(0);
  });
});
