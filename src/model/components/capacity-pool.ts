// A pool of capacity that demand draws on: free disk space for re-mirroring, spare servers,
// threads. A small state object mutated in place (the engine steps it thousands of times per
// replay), with pure helpers around it. Amounts are in the pool's own unit.

export interface CapacityPool {
  /** Total capacity of the pool. */
  capacity: number;
  /** Capacity in use; never above `capacity` unless capacity is removed under it. */
  used: number;
}

export function createCapacityPool(capacity: number, used = 0): CapacityPool {
  const c = Math.max(0, capacity);
  return { capacity: c, used: Math.min(c, Math.max(0, used)) };
}

/** Capacity not in use (0 when capacity was removed below what is used). */
export function freeCapacity(pool: CapacityPool): number {
  return Math.max(0, pool.capacity - pool.used);
}

/** Take up to `demand` from the pool; returns what was granted (the rest is unmet demand). */
export function drawFromPool(pool: CapacityPool, demand: number): number {
  const granted = Math.min(Math.max(0, demand), freeCapacity(pool));
  pool.used += granted;
  return granted;
}

/** Give `amount` back to the pool (e.g. a replica released, a thread returned). */
export function releaseToPool(pool: CapacityPool, amount: number): number {
  const released = Math.min(Math.max(0, amount), pool.used);
  pool.used -= released;
  return released;
}

/** Grow the pool (new servers trucked in, a limit raised). */
export function addCapacity(pool: CapacityPool, amount: number): void {
  pool.capacity += Math.max(0, amount);
}

/**
 * Shrink the pool (servers lost). What is in use stays in use: a lost server's replicas are not
 * released by losing it, so `used` may exceed `capacity` until it is released.
 */
export function removeCapacity(pool: CapacityPool, amount: number): number {
  const removed = Math.min(Math.max(0, amount), pool.capacity);
  pool.capacity -= removed;
  return removed;
}

/** Fraction of the pool in use, in [0, 1] (1 for an empty pool with anything in use). */
export function utilisation(pool: CapacityPool): number {
  if (pool.capacity <= 0) return pool.used > 0 ? 1 : 0;
  return Math.min(1, pool.used / pool.capacity);
}
