// Servers restarted at a bounded rate, each bootstrapping for a while before it can serve.
//
// Bootstrapping competes with serving: past some number of servers bootstrapping at once, the
// newest ones are too slow, fail their health checks and are taken out again, which sets the
// recovery back. The operators' rate is the lever; the bound is a property of the system.
// Servers are counted per *group* (any index the caller uses, e.g. cell × discovery class), so
// the caller gets back the same servers it sent in.

export interface BootCohort {
  /** When these servers finish bootstrapping, in minutes since the replay's start. */
  readyAt: number;
  /** Servers per group. */
  counts: Float64Array;
}

export interface ThrottledRestart {
  readonly groups: number;
  /** Servers bootstrapping, oldest first. */
  readonly cohorts: BootCohort[];
  /** Servers whose bootstrap completed, since the start. */
  completed: number;
  /** Servers taken out of bootstrapping as unhealthy, since the start. */
  markedUnhealthy: number;
}

export function throttledRestart(groups: number): ThrottledRestart {
  return { groups, cohorts: [], completed: 0, markedUnhealthy: 0 };
}

export function bootstrapping(restart: ThrottledRestart): number {
  let n = 0;
  for (const c of restart.cohorts) n += sum(c.counts);
  return n;
}

/** Servers of one group that are bootstrapping. */
export function bootstrappingIn(restart: ThrottledRestart, group: number): number {
  let n = 0;
  for (const c of restart.cohorts) n += c.counts[group]!;
  return n;
}

/** Start bootstrapping `counts` (per group), ready at `readyAt`. */
export function startBoot(restart: ThrottledRestart, counts: Float64Array, readyAt: number): void {
  if (sum(counts) <= 0) return;
  restart.cohorts.push({ readyAt, counts });
}

/**
 * Take out, newest first, the servers bootstrapping beyond `limit`: they are the slow ones the
 * health checks remove. Returns them per group, for the caller to send back where they came from.
 */
export function markUnhealthy(restart: ThrottledRestart, limit: number): Float64Array {
  const out = new Float64Array(restart.groups);
  let excess = bootstrapping(restart) - Math.max(0, limit);
  // Below a millionth of a server the excess is rounding, not contention.
  if (excess <= 1e-6) return out;
  for (let i = restart.cohorts.length - 1; i >= 0 && excess > 0; i--) {
    const cohort = restart.cohorts[i]!;
    const total = sum(cohort.counts);
    const take = Math.min(total, excess);
    const f = take / total;
    for (let g = 0; g < restart.groups; g++) {
      const n = cohort.counts[g]! * f;
      cohort.counts[g]! -= n;
      out[g]! += n;
    }
    excess -= take;
    if (take >= total) restart.cohorts.splice(i, 1);
  }
  restart.markedUnhealthy += sum(out);
  return out;
}

/** Remove and return (per group) the servers whose bootstrap is done by `t`; null if none. */
export function takeReady(restart: ThrottledRestart, t: number): Float64Array | null {
  let out: Float64Array | null = null;
  // Scan them all: the boot time may change during a replay, so cohorts need not be in order.
  // A small tolerance: readiness times are sums of step lengths and may land a hair past t.
  for (let i = 0; i < restart.cohorts.length; ) {
    const cohort = restart.cohorts[i]!;
    if (cohort.readyAt > t + 1e-9) {
      i++;
      continue;
    }
    restart.cohorts.splice(i, 1);
    out ??= new Float64Array(restart.groups);
    for (let g = 0; g < restart.groups; g++) out[g]! += cohort.counts[g]!;
  }
  if (out) restart.completed += sum(out);
  return out;
}

function sum(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}
