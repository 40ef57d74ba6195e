import { describe, it, expect } from 'vitest';
import { coincidingCurves, interleavedDash } from '../../../src/report/charts/coinciding-curves.js';

describe('coincidingCurves', () => {
  it('points each curve at the first earlier curve it coincides with', () => {
    const actual = [0, 5, 10, 5];
    const zero = [0, 0, 0, 0];
    expect(coincidingCurves([actual, zero, [0, 3, 4, 1], [0, 0, 0.001, 0], actual.slice(), undefined], 0.01)).toEqual([-1, -1, -1, 1, 0, -1]);
  });

  it('does not join curves further apart than the tolerance, or with gaps in other places', () => {
    expect(coincidingCurves([[0, 1], [0, 1.5]], 0.1)).toEqual([-1, -1]);
    expect(coincidingCurves([[0, Number.NaN], [0, 0]], 0.1)).toEqual([-1, -1]);
  });
});

describe('interleavedDash', () => {
  it('shifts the dashes of each member of a group by one dash, so the colours alternate', () => {
    expect(interleavedDash(0, 3)).toEqual({ borderDash: [8, 16], borderDashOffset: -0 });
    expect(interleavedDash(2, 3)).toEqual({ borderDash: [8, 16], borderDashOffset: -16 });
    expect(interleavedDash(0, 1)).toEqual({ borderDash: [6, 4], borderDashOffset: 0 });
  });
});
