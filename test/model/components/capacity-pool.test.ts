import { describe, it, expect } from 'vitest';
import {
  addCapacity,
  createCapacityPool,
  drawFromPool,
  freeCapacity,
  releaseToPool,
  removeCapacity,
  utilisation,
} from '../../../src/model/components/capacity-pool.js';

describe('capacity pool', () => {
  it('grants demand up to the free capacity and reports the rest as unmet', () => {
    const pool = createCapacityPool(100, 70);
    expect(freeCapacity(pool)).toBe(30);
    expect(drawFromPool(pool, 20)).toBe(20);
    expect(drawFromPool(pool, 50)).toBe(10); // 40 unmet: the pool is exhausted
    expect(freeCapacity(pool)).toBe(0);
    expect(utilisation(pool)).toBe(1);
  });

  it('releases no more than is in use, and ignores negative amounts', () => {
    const pool = createCapacityPool(100, 10);
    expect(releaseToPool(pool, 25)).toBe(10);
    expect(pool.used).toBe(0);
    expect(drawFromPool(pool, -5)).toBe(0);
    expect(releaseToPool(pool, -5)).toBe(0);
  });

  it('keeps what is in use when capacity is removed under it, and frees nothing until it is released', () => {
    const pool = createCapacityPool(100, 80);
    expect(removeCapacity(pool, 50)).toBe(50);
    expect(pool.used).toBe(80);
    expect(freeCapacity(pool)).toBe(0);
    addCapacity(pool, 40);
    expect(freeCapacity(pool)).toBe(10);
    expect(removeCapacity(pool, 1000)).toBe(90);
    expect(pool.capacity).toBe(0);
  });

  it('clamps the starting state into range', () => {
    expect(createCapacityPool(-5, 3)).toEqual({ capacity: 0, used: 0 });
    expect(createCapacityPool(10, 30)).toEqual({ capacity: 10, used: 10 });
    expect(utilisation(createCapacityPool(0))).toBe(0);
  });
});
