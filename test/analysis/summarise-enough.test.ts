import { describe, it, expect } from 'vitest';
import { summariseEnough } from '../../src/analysis/summarise-enough.js';
import type { ResolvedGoal } from '../../src/analysis/resolve-goals.js';

const goal: ResolvedGoal = { parameter: 'buffer', unit: 'percent', series: 'stuck', metric: 'peak', below: 1, defaultGoal: true, from: 5, to: 20, bound: Infinity, integer: false };

describe('summariseEnough', () => {
  it('gives the median, the 90 % interval and the most demanding threshold, and counts the worlds without one', () => {
    const s = summariseEnough(
      goal,
      [
        { status: 'found', threshold: 10, evaluations: 9 },
        { status: 'found', threshold: 12, evaluations: 9 },
        { status: 'already', threshold: 5, evaluations: 2 },
        { status: 'not-monotone', met: 8, missed: 15, evaluations: 7 },
        { status: 'not-reached', searchedTo: Infinity, evaluations: 7 },
      ],
      { status: 'found', threshold: 11, evaluations: 9 },
    );
    expect(s).toMatchObject({ worlds: 5, found: 3, already: 1, notMonotone: 1, notReached: 1, direction: 'up', bound: null });
    expect(s.threshold).toEqual({ p05: 5.5, median: 10, p95: 11.8, worst: 12 });
    expect(s.notMonotoneExample).toEqual({ met: 8, missed: 15 });
    // Not every world has a threshold: no margin is claimed.
    expect(s.margin).toBeNull();
    expect(s.atFileValues).toEqual({ status: 'found', threshold: 11 });
  });

  it('measures the margin past the most demanding threshold in % of the change, downwards too', () => {
    const up = summariseEnough(goal, [{ status: 'found', threshold: 8, evaluations: 1 }, { status: 'found', threshold: 11, evaluations: 1 }], { status: 'found', threshold: 9, evaluations: 1 });
    expect(up.margin).toBeCloseTo((100 * (20 - 11)) / 15, 9);
    const down = summariseEnough({ ...goal, from: 10, to: 1, bound: 0 }, [{ status: 'found', threshold: 4, evaluations: 1 }, { status: 'found', threshold: 7, evaluations: 1 }], { status: 'found', threshold: 5, evaluations: 1 });
    expect(down.direction).toBe('down');
    expect(down.threshold!.worst).toBe(4);
    expect(down.margin).toBeCloseTo((100 * (1 - 4)) / (1 - 10), 9);
  });
});
