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
  /** Step of the replay, in minutes: the resolution of the history (and of the lag classes). */
  stepMinutes: number;
  /**
   * Narrowest lag class, in minutes (default: the step). With a fixed width the number of
   * classes no longer grows as the step shrinks, so a replay at 1 s costs per step what it
   * costs at 1 min; at steps at least this wide the classes are the step's, as before.
   */
  classMinutes?: number;
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

/** Most lag classes a fleet keeps (a day of delay at the default one-minute resolution = 1,440 would be too many per step). */
export const maxLagClasses = 240;

export function fleetDiscovery(options: FleetDiscoveryOptions): FleetDiscovery {
  const delay = Math.max(0, options.delayMinutes);
  const step = options.stepMinutes;
  // One class per step of the delay: a finer split would not show at the replay's resolution.
  // Never narrower than `classMinutes`, so the cost per step does not grow as the step shrinks.
  // And at most `maxLagClasses` of them: a delay of days is resolved in wider classes rather
  // than in a cost per step that grows with the delay.
  const width0 = Math.max(step, options.classMinutes ?? step);
  const classes = Math.min(maxLagClasses, Math.max(1, Math.ceil(delay / width0 - 1e-9)));
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
  // A repeated record of the same step (an action and a step at one minute) overwrites. (Only
  // then is the length set: setting it is a call into the runtime, at every step otherwise.)
  if (fleet.history.length > index) fleet.history.length = index;
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

/**
 * The smallest and largest fleet size over a window that slides forward, in amortized O(1)
 * per step (monotonic queues of history indices), where `extremesOver` rescans the window:
 * its cost grew as delay/step. Same window and same values as `extremesOver`.
 */
export interface SlidingExtremes {
  readonly fleet: FleetDiscovery;
  /** Ring buffers of history indices, values decreasing (max) or increasing (min) from the head. */
  maxQ: Int32Array;
  minQ: Int32Array;
  maxHead: number;
  maxLen: number;
  minHead: number;
  minLen: number;
  /** History indices already pushed. */
  pushed: number;
}

export function slidingExtremes(fleet: FleetDiscovery): SlidingExtremes {
  const size = Math.ceil(fleet.delayMinutes / fleet.stepMinutes) + 4;
  const s: SlidingExtremes = { fleet, maxQ: new Int32Array(size), minQ: new Int32Array(size), maxHead: 0, maxLen: 0, minHead: 0, minLen: 0, pushed: 0 };
  return s;
}

function grow(q: Int32Array, head: number, len: number): Int32Array {
  const out = new Int32Array(q.length * 2);
  for (let i = 0; i < len; i++) out[i] = q[(head + i) % q.length]!;
  return out;
}

/**
 * Extremes of the history between `from` and `to` (`to` the last recorded step, `from`
 * never moving backwards between calls, each step recorded once): the values `extremesOver` gives.
 */
export function slidingExtremesOver(s: SlidingExtremes, from: number, to: number, out: { min: number; max: number }): void {
  const history = s.fleet.history;
  const last = history.length - 1;
  const lo = Math.max(0, Math.min(last, Math.floor(from / s.fleet.stepMinutes)));
  const hi = Math.max(0, Math.min(last, Math.ceil(to / s.fleet.stepMinutes)));
  while (s.pushed <= hi) {
    const i = s.pushed++;
    const v = history[i]!;
    while (s.maxLen > 0 && history[s.maxQ[(s.maxHead + s.maxLen - 1) % s.maxQ.length]!]! <= v) s.maxLen--;
    if (s.maxLen === s.maxQ.length) {
      s.maxQ = grow(s.maxQ, s.maxHead, s.maxLen);
      s.maxHead = 0;
    }
    s.maxQ[(s.maxHead + s.maxLen++) % s.maxQ.length] = i;
    while (s.minLen > 0 && history[s.minQ[(s.minHead + s.minLen - 1) % s.minQ.length]!]! >= v) s.minLen--;
    if (s.minLen === s.minQ.length) {
      s.minQ = grow(s.minQ, s.minHead, s.minLen);
      s.minHead = 0;
    }
    s.minQ[(s.minHead + s.minLen++) % s.minQ.length] = i;
  }
  while (s.maxLen > 1 && s.maxQ[s.maxHead]! < lo) {
    s.maxHead = (s.maxHead + 1) % s.maxQ.length;
    s.maxLen--;
  }
  while (s.minLen > 1 && s.minQ[s.minHead]! < lo) {
    s.minHead = (s.minHead + 1) % s.minQ.length;
    s.minLen--;
  }
  out.max = history[s.maxQ[s.maxHead]!]!;
  out.min = history[s.minQ[s.minHead]!]!;
}
