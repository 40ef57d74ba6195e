import { describe, it, expect } from 'vitest';
import { zoomWindow } from '../../../src/report/charts/zoom-window.js';

const hour = 3_600_000;
const startMs = Date.parse('2011-04-21T07:00:00Z');

/** Three days at 10-minute steps: a storm in the first hours, then a slow decline. */
function storm(): number[] {
  return Array.from({ length: 72 * 6 + 1 }, (_, i) => {
    const h = i / 6;
    return h < 1 ? 13 * h : h < 10 ? 13 - 0.2 * (h - 1) : h < 12 ? 11.2 - 5 * (h - 10) : Math.max(0, 1.2 - (h - 12) / 50);
  });
}

describe('zoomWindow', () => {
  it('finds the hours where most happened and rounds them out to whole hours', () => {
    // Half the curve's movement is the rise in the first hour, with an event and the figure
    // close by: the shortest stretch holding 60% of what happened is the first four hours.
    const w = zoomWindow({ startMs, stepMs: 600_000, actual: storm(), counterfactuals: [], events: [startMs + hour, startMs + 10 * hour], figures: [startMs + 4 * hour] });
    expect(w).toEqual({ from: startMs, to: startMs + 5 * hour });
    expect(w!.from % hour).toBe(0);
    expect(w!.to % hour).toBe(0);
  });

  it('is deterministic', () => {
    const input = { startMs, stepMs: 600_000, actual: storm(), counterfactuals: [storm().map((v) => v / 2)], events: [], figures: [] };
    expect(zoomWindow(input)).toEqual(zoomWindow(input));
  });

  it('gives none when what happened is spread over the replay, or the replay is short', () => {
    const ramp = Array.from({ length: 73 }, (_, i) => i);
    expect(zoomWindow({ startMs, stepMs: hour, actual: ramp, counterfactuals: [], events: [], figures: [] })).toBeUndefined();
    expect(zoomWindow({ startMs, stepMs: 600_000, actual: [0, 5, 0, 0], counterfactuals: [], events: [], figures: [] })).toBeUndefined();
    expect(zoomWindow({ startMs, stepMs: hour, actual: new Array(73).fill(0), counterfactuals: [], events: [], figures: [] })).toBeUndefined();
  });
});
