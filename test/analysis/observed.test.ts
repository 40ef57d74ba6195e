import { describe, it, expect } from 'vitest';
import { compareObserved, errorSummary, ObservedError, valueAt, valueOver } from '../../src/analysis/observed.js';
import type { SeriesSet } from '../../src/model/engine.js';
import { minimalIncident } from '../support/minimal-incident.js';

// stuck (%) every 10 minutes from 2024-01-01 00:00 UTC: 0, 10, 20, 40, 30, 30
const startMs = Date.UTC(2024, 0, 1);
const replay: SeriesSet = { startMs, stepMinutes: 10, length: 6, series: { stuck: Float64Array.from([0, 10, 20, 40, 30, 30]) } };
const point = { unit: 'percent', basis: 'volumes of the AZ', source: 'test', quote: 'q', tolerance: 2 };
const incident = minimalIncident({
  model: undefined,
  observed: [
    { id: 'at-grid', series: 'stuck', at: '2024-01-01 00:20', value: 21, ...point },
    { series: 'stuck', at: '2024-01-01 00:25', value: 27, ...point },
    { id: 'peak', series: 'stuck', window: { from: '2024-01-01 00:05', to: '2024-01-01 00:45' }, aggregate: 'max', value: 45, ...point },
    { series: 'stuck', window: { from: '2024-01-01 00:10', to: '2024-01-01 00:30' }, aggregate: 'mean', value: 20, ...point },
    { series: 'stuck', window: { from: '2024-01-01 00:00', to: '2024-01-01 00:50' }, aggregate: 'min', value: 0, ...point },
    { series: 'stuck', window: { from: '2024-01-01 00:00', to: '2024-01-01 00:35' }, value: 35, ...point },
  ],
});

describe('valueAt and valueOver', () => {
  it('reads samples, and interpolates between them', () => {
    expect(valueAt(replay.series.stuck!, replay, startMs + 20 * 60_000)).toBe(20);
    expect(valueAt(replay.series.stuck!, replay, startMs + 25 * 60_000)).toBe(30);
    expect(valueAt(replay.series.stuck!, replay, startMs + 51 * 60_000)).toBeNaN();
  });

  it('aggregates over a window including its interpolated ends', () => {
    const v = replay.series.stuck!;
    const m = (min: number) => startMs + min * 60_000;
    expect(valueOver(v, replay, m(5), m(45), 'max')).toBe(40);
    expect(valueOver(v, replay, m(5), m(45), 'min')).toBe(5);
    expect(valueOver(v, replay, m(5), m(45), 'at')).toBe(30);
    // Time-weighted mean of the line 10 → 20 → 40 over 00:10–00:30: (15·10 + 30·10) / 20 = 22.5.
    expect(valueOver(v, replay, m(10), m(30), 'mean')).toBe(22.5);
  });
});

describe('compareObserved', () => {
  it('compares every point with the replay: error = replayed − observed, within tolerance', () => {
    const c = compareObserved(incident, replay);
    expect(c.map((x) => [x.at, x.replayed, x.error, x.within])).toEqual([
      ['2024-01-01T00:20:00Z', 20, -1, true],
      ['2024-01-01T00:25:00Z', 30, 3, false],
      ['2024-01-01T00:45:00Z', 40, -5, false],
      ['2024-01-01T00:30:00Z', 22.5, 2.5, false],
      ['2024-01-01T00:50:00Z', 0, 0, true],
      ['2024-01-01T00:35:00Z', 35, 0, true],
    ]);
    expect(c[0]).toMatchObject({ id: 'at-grid', series: 'stuck', observed: 21, tolerance: 2, unit: 'percent', basis: 'volumes of the AZ' });
  });

  it('summarises the errors as RMSE and max |error|', () => {
    const s = errorSummary([{ error: 3 }, { error: -4 }]);
    expect(s.rmse).toBeCloseTo(Math.sqrt(12.5), 12);
    expect(s.maxAbsError).toBe(4);
    expect(errorSummary([])).toEqual({ rmse: 0, maxAbsError: 0 });
  });

  it('refuses a point of a series the replay lacks, or outside the replay, saying which', () => {
    const bad = (o: object) => minimalIncident({ model: undefined, observed: [{ series: 'stuck', at: '2024-01-01 00:20', value: 1, ...point, ...o }] });
    expect(() => compareObserved(bad({ series: 'errors', id: 'e' }), replay)).toThrow(
      new ObservedError('observed[0] (e): the replay has no series `errors`; its series are stuck'),
    );
    expect(() => compareObserved(bad({ at: '2024-01-01 02:00' }), replay)).toThrow(/observed\[0\]: 2024-01-01 02:00 is outside the replay/);
  });
});
