import { describe, it, expect } from 'vitest';
import { advanceStaleShardMaps, createStaleShardMaps, keepStaleShardMaps, lifetimeSteps } from '../../../src/model/components/stale-shard-maps.js';

const step = (m: ReturnType<typeof createStaleShardMaps>, ...crossed: number[]) => {
  advanceStaleShardMaps(m, Float64Array.from(crossed));
  return [...m.routing];
};

describe('staleShardMaps', () => {
  it('keeps each crossing routing for exactly the lifetime, then drops it (closed form)', () => {
    const m = createStaleShardMaps(1, 3, 1);
    expect(step(m, 10)).toEqual([10]);
    expect(step(m, 5)).toEqual([15]);
    expect(step(m, 0)).toEqual([15]);
    expect(step(m, 0)).toEqual([5]);
    expect(step(m, 0)).toEqual([0]);
  });

  it('limiting case: lifetime 0 routes nothing (a crossing fails at once)', () => {
    expect(lifetimeSteps(0, 1)).toBe(0);
    const m = createStaleShardMaps(2, 0, 1);
    expect(step(m, 10, 20)).toEqual([0, 0]);
  });

  it('takes restarted or removed members in proportion, per cell, and empties exactly', () => {
    const m = createStaleShardMaps(2, 4, 1);
    step(m, 8, 4);
    step(m, 8, 0);
    keepStaleShardMaps(m, 0, 0.5);
    expect([...m.routing]).toEqual([8, 4]);
    // The halved crossings leave at their own time: 4 at the third step, 4 at the fourth.
    step(m, 0, 0);
    step(m, 0, 0);
    expect(step(m, 0, 0)).toEqual([4, 0]);
    expect(step(m, 0, 0)).toEqual([0, 0]);
    keepStaleShardMaps(m, 1, 0);
    expect(m.alive[1]).toBe(0);
  });

  it('stays exact through many small takes (the lazy scale is folded in before it underflows)', () => {
    const m = createStaleShardMaps(1, 1000, 1);
    step(m, 1);
    for (let i = 0; i < 400; i++) keepStaleShardMaps(m, 0, 0.5);
    expect(m.routing[0]).toBeCloseTo(2 ** -400, 300);
    expect(Number.isFinite(m.scale[0]!)).toBe(true);
    expect(m.scale[0]).toBeGreaterThan(0);
  });
});
