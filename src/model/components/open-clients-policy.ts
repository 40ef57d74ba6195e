// The retry policy of open-clients from its parameters (backoff as a code), and the timeline's
// actions on it, shared by its scalar and batched steps.
import type { ArgValue } from '../types.js';
import { numberArg } from '../compose/component.js';
import type { BackoffKind, RetryPolicy } from './retrying-clients.js';

const backoffCode: Record<number, BackoffKind> = { 0: 'none', 1: 'constant', 2: 'exponential' };

export function policyOf(p: Readonly<Record<string, number>>): RetryPolicy {
  return {
    maxAttempts: p.maxAttempts!,
    backoff: backoffCode[p.backoff!] ?? 'none',
    baseDelayMinutes: p.baseDelay!,
    maxDelayMinutes: p.maxDelay!,
    jitter: p.jitter! > 0,
  };
}

/** What the timeline changes of open clients, seed by seed or for a batch (the rings differ). */
export interface OpenClientsControls<Rings extends { policy: RetryPolicy }> {
  clients: Rings;
  loadFactor: number;
  endsAt: number;
  paused: boolean;
}

/** A timed spike is over at minute `t`: the arrival rate is back to `load`. */
export function endSpikeIfDue(s: { loadFactor: number; endsAt: number }, t: number): void {
  if (t >= s.endsAt - 1e-9) {
    s.loadFactor = 1;
    s.endsAt = Number.POSITIVE_INFINITY;
  }
}

/** An action of the timeline at minute `t`; `withPolicy` gives the rings under a new policy. */
export function applyOpenClientsAction<Rings extends { policy: RetryPolicy }>(
  s: OpenClientsControls<Rings>,
  action: string,
  args: Readonly<Record<string, ArgValue>>,
  t: number,
  withPolicy: (rings: Rings, policy: RetryPolicy) => Rings,
): void {
  switch (action) {
    case 'trigger': {
      const f = numberArg(args, 'loadFactor');
      if (f !== undefined) s.loadFactor = f;
      const forMinutes = numberArg(args, 'forMinutes');
      s.endsAt = forMinutes !== undefined ? t + forMinutes : Number.POSITIVE_INFINITY;
      break;
    }
    case 'restore':
      s.loadFactor = 1;
      s.endsAt = Number.POSITIVE_INFINITY;
      break;
    case 'pause':
      s.paused = true;
      break;
    case 'resume':
      s.paused = false;
      break;
    case 'set-backoff': {
      const old = s.clients.policy;
      s.clients = withPolicy(s.clients, {
        backoff: (typeof args.policy === 'string' ? args.policy : old.backoff) as BackoffKind,
        baseDelayMinutes: numberArg(args, 'baseDelay') ?? old.baseDelayMinutes,
        maxDelayMinutes: numberArg(args, 'maxDelay') ?? old.maxDelayMinutes,
        jitter: typeof args.jitter === 'boolean' ? args.jitter : old.jitter,
        maxAttempts: numberArg(args, 'maxAttempts') ?? old.maxAttempts,
      });
      break;
    }
    case 'disable-retries':
      s.clients = withPolicy(s.clients, { ...s.clients.policy, maxAttempts: 1 });
      break;
  }
}
