// replica-search: re-mirroring bounded by free space within a step, released space while the
// search runs, and a capacity addition that stops at the backlog plus the buffer.
import { describe, expect, it } from 'vitest';
import type { Composition } from '../../../src/model/compose/composition.js';
import { runComposition } from '../../support/run-composition.js';

const model = (o: { a?: number; b?: number; free?: number; released?: number; newCapacity?: number; spare?: number; election?: number } = {}): Composition => ({
  id: 'search-test',
  description: 'volumes searching for replica space',
  parameters: {},
  stocks: {
    a: { unit: 'volumes', initial: o.a ?? 60 },
    b: { unit: 'volumes', initial: o.b ?? 40 },
    healthy: { unit: 'volumes', initial: 900 },
    waiting: { unit: 'volumes' },
    free: { unit: 'replicas', initial: o.free ?? 50 },
    used: { unit: 'replicas', initial: 2000 },
  },
  components: {
    search: {
      type: 'replica-search',
      parameters: {
        volumes: 1000,
        spareCapacity: o.spare ?? 5,
        spaceReleasedPerHour: o.released ?? 0,
        newCapacityPerHour: o.newCapacity ?? 0,
        electionNeeded: o.election ?? 40,
      },
      stocks: { searching: 'a', searchingAlso: 'b', healthy: 'healthy', waiting: 'waiting', freeSpace: 'free', usedSpace: 'used' },
    },
  },
  series: {
    a: { expr: 'a', title: 'a', unit: 'volumes', description: '' },
    b: { expr: 'b', title: 'b', unit: 'volumes', description: '' },
    healthy: { expr: 'healthy', title: 'healthy', unit: 'volumes', description: '' },
    waiting: { expr: 'waiting', title: 'waiting', unit: 'volumes', description: '' },
    free: { expr: 'free', title: 'free', unit: 'replicas', description: '' },
    used: { expr: 'used', title: 'used', unit: 'replicas', description: '' },
  },
  primarySeries: 'a',
});

describe('replica-search', () => {
  it('re-mirrors what the free space allows at once, from both searching stocks in proportion', () => {
    const r = runComposition(model(), { minutes: 5 });
    // 100 searching, 50 free: 30 from a, 20 from b; 40% of them wait for an election.
    expect(r.series.a![1]).toBeCloseTo(30, 9);
    expect(r.series.b![1]).toBeCloseTo(20, 9);
    expect(r.series.waiting![1]).toBeCloseTo(20, 9);
    expect(r.series.healthy![1]).toBeCloseTo(930, 9);
    expect(r.series.free![1]).toBe(0);
    expect(r.series.used![1]).toBe(2050);
    // No more space: nothing moves.
    expect(r.series.a![5]).toBeCloseTo(30, 9);
  });

  it('empties the searching stocks exactly when there is space for all of them', () => {
    const r = runComposition(model({ free: 500 }), { minutes: 2 });
    expect(r.series.a![1]).toBe(0);
    expect(r.series.b![1]).toBe(0);
    expect(r.series.free![1]).toBe(400);
  });

  it('releases space at a rate while the search runs, and not once nothing searches', () => {
    // 6% of 1000 volumes per hour: one replica of space a minute, re-mirroring one volume a minute.
    const r = runComposition(model({ free: 0, a: 10, b: 0, released: 6, election: 0 }), { minutes: 30 });
    expect(r.series.a![5]).toBeCloseTo(5, 9);
    expect(r.series.a![10]).toBe(0);
    expect(r.series.used![30]).toBe(2000);
    expect(r.series.free![30]).toBe(0);
  });

  it('adds capacity at a rate up to the backlog plus the buffer, and stops', () => {
    // 60% of 1000 per hour = 10 a minute; target = searching + 5% of 1000 = 150 free.
    const r = runComposition(model({ free: 0, newCapacity: 60, election: 0 }), { actions: [[0, 'search.add-capacity']], minutes: 60 });
    expect(r.series.a![1]! + r.series.b![1]!).toBeCloseTo(90, 9);
    expect(r.series.a![10]! + r.series.b![10]!).toBeCloseTo(0, 9);
    // Searching gone, the buffer is built up to 50 and no further.
    expect(r.series.free![60]).toBeCloseTo(50, 9);
  });

  it('stops re-mirroring when the search is stopped', () => {
    const r = runComposition(model({ free: 0, released: 6 }), { actions: [[0, 'search.stop']], minutes: 10 });
    expect(r.series.a![10]).toBe(60);
    expect(r.series.free![10]).toBe(0);
  });
});
