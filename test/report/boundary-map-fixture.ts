// A small boundary map by hand, for the chart and section tests: a 3 × 3 grid of spare
// capacity × isolated nodes whose right column is contained.
import type { BoundaryMapResult } from '../../src/analysis/boundary-map.js';

export function boundaryMapFixture(overrides: Partial<BoundaryMapResult> = {}): BoundaryMapResult {
  return {
    id: 'buffer-vs-isolation',
    title: 'Spare capacity against isolated nodes',
    note: 'Why `spareCapacity` matters.',
    series: 'stuck',
    seriesTitle: 'Stuck volumes',
    measure: 'peak',
    unit: 'percent',
    worse: 'higher',
    threshold: 2,
    thresholdFrom: 'map',
    grid: 3,
    x: { parameter: 'spareCapacity', unit: 'percent', low: 0, high: 20, from: 'axis', values: [0, 10, 20], value: 5 },
    y: { parameter: 'isolatedNodes', unit: 'percent', low: 5, high: 15, from: 'axis', values: [5, 10, 15], value: 9 },
    peaks: [13, 13, 0.5, 14, 12, 0.9, 15, 14, 1.5],
    boundary: [[[15, 5], [15, 10], [15, 15]]],
    actual: { x: 5, y: 9, peak: 13, beyond: true, margin: { distance: 0.5, nearest: { x: 15, y: 9 }, xAtSameY: 15, yAtSameX: null } },
    scenarios: [
      { id: 'spare-capacity', title: 'More spare capacity', x: 20, y: 9, peak: 0.8, beyond: false, onMap: true, alsoChanges: [], changesTimeline: false },
      { id: 'everything', title: 'Everything', x: 40, y: 9, peak: 0.1, beyond: false, onMap: false, alsoChanges: ['raceCrashes'], changesTimeline: true },
    ],
    ...overrides,
  };
}
