// The arithmetic of what operators do at a rate, shared by the components: add capacity over
// time (a ramp), work through a backlog or restart a fleet through a throttle. (Disabling a path
// is the `path` component.)

/** Capacity (or anything) added gradually: `remaining` to go at `ratePerMinute`. */
export interface Ramp {
  remaining: number;
  ratePerMinute: number;
}

/**
 * A ramp adding `amount` in total. Give either the rate or the time it takes; with neither,
 * the whole amount arrives in the next step.
 */
export function startRamp(amount: number, how: { ratePerMinute?: number; overMinutes?: number } = {}): Ramp {
  const total = Math.max(0, amount);
  const rate =
    how.ratePerMinute !== undefined
      ? Math.max(0, how.ratePerMinute)
      : how.overMinutes !== undefined && how.overMinutes > 0
        ? total / how.overMinutes
        : Number.POSITIVE_INFINITY;
  return { remaining: total, ratePerMinute: rate };
}

/** Advance a ramp by `dt` minutes; returns the amount that arrives in this step. */
export function stepRamp(ramp: Ramp, dt: number): number {
  const amount = Math.min(ramp.remaining, ramp.ratePerMinute * dt);
  ramp.remaining -= amount;
  return amount;
}

/**
 * Work through a backlog at a throttled rate (state changes replayed through a throttle,
 * servers restarted a few hundred an hour). Returns the amount processed in this step: never
 * more than the backlog, never more than the throttle allows.
 */
export function drainAtRate(backlog: number, ratePerMinute: number, dt: number): number {
  return Math.max(0, Math.min(backlog, ratePerMinute * dt));
}

/**
 * An empty list that already has the elements kind of a list of objects. V8 gives `[]` the kind
 * of small integers and changes it (a new map) at the first object pushed: a step optimised for
 * the map it had seen (no ramp yet) was thrown away at the first addition and compiled again,
 * in every Monte Carlo thread. Keep such a list (empty and compact it in place); a fresh `[]`
 * or `filter`'s new array would change kind again.
 */
export function emptyObjectList<T extends object>(example: T): T[] {
  const list = [example];
  list.length = 0;
  return list;
}
