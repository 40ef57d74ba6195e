// A fleet whose members learn of each other after a discovery delay.
//
// Each member polls for membership changes on its own schedule, so each sees the fleet as it
// was some time ago: its *lag*, between 0 and the discovery delay. Members are grouped into lag
// classes (one per step of the delay) that share a lag; in deterministic mode the classes hold
// equal shares of the fleet (the expected value of a lag uniform over the delay), in Monte
// Carlo each member draws its lag from its own stream. The fleet records its size at every
// step, so "how many peers does a member of class k know at time t" is the size at `t − lag`.
//
// A member that (re)starts learns the whole fleet at that moment from the membership service,
// so it knows at least the fleet as it was when it started: `syncedAt` below.
import type { RandomSource } from '../types.js';

export interface FleetDiscoveryOptions {
  /** Longest time a member takes to learn of a change, in minutes. */
  delayMinutes: number;
  /** Step of the replay, in minutes: the resolution of the lag classes and of the history. */
  stepMinutes: number;
  /** Members at t = 0. */
  members: number;
  /** Null: deterministic shares. Otherwise each member draws its lag from `stream`. */
  random: RandomSource | null;
  stream: string;
}

export interface FleetDiscovery {
  readonly delayMinutes: number;
  readonly stepMinutes: number;
  /** Lag of each class, in minutes (the middle of the class's slice of the delay). */
  readonly lags: Float64Array;
  /** Share of the members in each class; sums to 1. */
  readonly shares: Float64Array;
  /** Fleet size at t = i × stepMinutes, for every step recorded so far. */
  readonly history: number[];
}

export function fleetDiscovery(options: FleetDiscoveryOptions): FleetDiscovery {
  const delay = Math.max(0, options.delayMinutes);
  const step = options.stepMinutes;
  // One class per step of the delay: a finer split would not show at the replay's resolution.
  const classes = Math.max(1, Math.ceil(delay / step - 1e-9));
  const width = delay / classes;
  const lags = new Float64Array(classes);
  for (let k = 0; k < classes; k++) lags[k] = (k + 0.5) * width;
  const shares = new Float64Array(classes);
  const members = Math.max(0, Math.round(options.members));
  if (options.random && members > 0) {
    // A lag uniform over the delay for every member: the class counts are a multinomial draw.
    for (let i = 0; i < members; i++) {
      const k = Math.min(classes - 1, Math.floor(options.random.uniform(options.stream) * classes));
      shares[k]! += 1 / members;
    }
  } else {
    shares.fill(1 / classes);
  }
  return { delayMinutes: delay, stepMinutes: step, lags, shares, history: [Math.max(0, options.members)] };
}

/** Record the fleet size at time `t` (a step boundary). Steps must be recorded in order. */
export function recordMembers(fleet: FleetDiscovery, t: number, members: number): void {
  const index = Math.round(t / fleet.stepMinutes);
  // A repeated record of the same step (an action and a step at one minute) overwrites.
  fleet.history.length = Math.min(fleet.history.length, index);
  while (fleet.history.length < index) fleet.history.push(fleet.history[fleet.history.length - 1]!);
  fleet.history.push(members);
}

/** Fleet size at time `t`, linear between recorded steps; before 0 the initial size. */
export function membersAt(fleet: FleetDiscovery, t: number): number {
  const history = fleet.history;
  const x = t / fleet.stepMinutes;
  if (x <= 0) return history[0]!;
  const last = history.length - 1;
  if (x >= last) return history[last]!;
  const i = Math.floor(x);
  const f = x - i;
  return history[i]! * (1 - f) + history[i + 1]! * f;
}

/**
 * Smallest and largest fleet size between `from` and `to`: every member's view of the fleet
 * over that window lies between them, so callers can skip per-class work when they are equal.
 */
export function extremesOver(fleet: FleetDiscovery, from: number, to: number): { min: number; max: number } {
  const history = fleet.history;
  const last = history.length - 1;
  const lo = Math.max(0, Math.min(last, Math.floor(from / fleet.stepMinutes)));
  const hi = Math.max(0, Math.min(last, Math.ceil(to / fleet.stepMinutes)));
  let min = history[lo]!;
  let max = min;
  for (let i = lo + 1; i <= hi; i++) {
    const m = history[i]!;
    if (m < min) min = m;
    else if (m > max) max = m;
  }
  return { min, max };
}

/**
 * Peers a member of lag class `k` knows at time `t`: the fleet as it was `lag` ago, but never
 * older than the moment the member last synced with the membership service.
 */
export function knownPeers(fleet: FleetDiscovery, t: number, k: number, syncedAt = Number.NEGATIVE_INFINITY): number {
  const seen = Math.max(syncedAt, t - fleet.lags[k]!);
  return Math.max(0, membersAt(fleet, seen) - 1);
}
