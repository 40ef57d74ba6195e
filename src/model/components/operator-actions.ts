// What operators do during an incident, as small state objects the kinds step: disable a path,
// add capacity at a rate, process a backlog (or restart a fleet) through a throttle.

/** A path that operators can disable (new CreateVolume calls, a cluster's control-plane link). */
export interface PathSwitch {
  enabled: boolean;
}

export function createPathSwitch(enabled = true): PathSwitch {
  return { enabled };
}

/** Fraction of demand that gets through the path: 1 when enabled, 0 when disabled. */
export function throughPath(path: PathSwitch): number {
  return path.enabled ? 1 : 0;
}

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
 * A throttled fleet restart: `pending` servers wait to restart, `ratePerMinute` restart per
 * minute. A small state object so a kind can restart, pause and resume.
 */
export interface ThrottledRestart {
  pending: number;
  ratePerMinute: number;
  /** Servers restarted so far. */
  done: number;
}

export function startThrottledRestart(servers: number, perHour: number): ThrottledRestart {
  return { pending: Math.max(0, servers), ratePerMinute: Math.max(0, perHour) / 60, done: 0 };
}

/** Restart the next batch; returns how many servers came back in this step. */
export function stepThrottledRestart(restart: ThrottledRestart, dt: number): number {
  const n = drainAtRate(restart.pending, restart.ratePerMinute, dt);
  restart.pending -= n;
  restart.done += n;
  return n;
}
