// One regional pool of control-plane threads shared by the availability zones, split between
// the degraded zone and the others. Without zone awareness (`degradedShare` 1) every caller is
// served in the same proportion, so a degraded zone that holds or demands most of the pool
// starves the healthy zones too: the region-wide API errors of April 2011. With a share cap
// (the summary's "more Availability Zone aware and shed load intelligently") the degraded zone
// cannot take more than its share, and the other zones keep theirs.

export interface SharedPoolDemand {
  /** Threads in the pool. */
  threads: number;
  /** Threads already held by the degraded zone's hanging calls (they are not given back early). */
  heldByDegraded: number;
  /** Threads the healthy zones' requests need this step. */
  otherDemand: number;
  /** Threads the degraded zone's new requests need this step. */
  degradedDemand: number;
  /** Most of the pool the degraded zone may hold, as a fraction in [0, 1]. */
  degradedShare: number;
}

export interface SharedPoolAllocation {
  /** Threads given to the degraded zone's new requests. */
  degradedServed: number;
  /** Threads given to the healthy zones' requests. */
  otherServed: number;
  /** Fraction of the degraded zone's new requests served, in [0, 1] (1 when it asks for none). */
  degradedServedFraction: number;
  /** Percentage of the healthy zones' requests that fail for want of a thread. */
  otherErrorPercent: number;
  /** Everything asked of the pool (held + demanded) as a percentage of it. */
  loadPercent: number;
}

export function sharedPoolAllocation(d: SharedPoolDemand): SharedPoolAllocation {
  const out: SharedPoolAllocation = { degradedServed: 0, otherServed: 0, degradedServedFraction: 1, otherErrorPercent: 0, loadPercent: 0 };
  return allocateSharedPool(out, d.threads, d.heldByDegraded, d.otherDemand, d.degradedDemand, d.degradedShare);
}

/**
 * The same allocation written into `out` (a component keeps one and refills it every step
 * instead of allocating), from the fields of `SharedPoolDemand` as arguments.
 */
export function allocateSharedPool(
  out: SharedPoolAllocation,
  threadsInPool: number,
  heldByDegraded: number,
  otherDemand: number,
  degradedDemand: number,
  degradedShare: number,
): SharedPoolAllocation {
  const threads = Math.max(0, threadsInPool);
  const held = Math.max(0, heldByDegraded);
  const other = Math.max(0, otherDemand);
  const degraded = Math.max(0, degradedDemand);
  const share = Math.min(1, Math.max(0, degradedShare));
  const free = Math.max(0, threads - held);
  const asked = other + degraded;
  // Served in proportion while threads last: a pool has no notion of who is more important.
  const fraction = asked > 0 ? Math.min(1, free / asked) : 1;
  const degradedCap = Math.max(0, share * threads - held);
  const degradedServed = Math.min(degraded * fraction, degradedCap);
  const otherServed = Math.min(other, free - degradedServed);
  out.degradedServed = degradedServed;
  out.otherServed = otherServed;
  out.degradedServedFraction = degraded > 0 ? degradedServed / degraded : 1;
  out.otherErrorPercent = other > 0 ? 100 * (1 - otherServed / other) : 0;
  out.loadPercent = threads > 0 ? (100 * (held + asked)) / threads : 0;
  return out;
}
