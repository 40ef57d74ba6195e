import { describe, it, expect } from 'vitest';
import {
  createRetryingClients,
  retryDelayMinutes,
  settleAttempts,
  takeDueRetries,
  withRetryPolicy,
  type RetryPolicy,
} from '../../../src/model/components/retrying-clients.js';

const policy = (p: Partial<RetryPolicy>): RetryPolicy => ({
  maxAttempts: 4,
  backoff: 'none',
  baseDelayMinutes: 0,
  maxDelayMinutes: 0,
  jitter: false,
  ...p,
});

/** Fail `first` new requests in step 0 and every retry afterwards; the retries due per step. */
function dueSeries(p: RetryPolicy, steps: number, failFraction = 1): number[] {
  const c = createRetryingClients(p, 1);
  const due: number[] = [];
  for (let k = 0; k < steps; k++) {
    due.push(takeDueRetries(c));
    settleAttempts(c, k === 0 ? 100 : 0, failFraction);
  }
  return due;
}

describe('retryDelayMinutes', () => {
  it('doubles from the base up to the cap for exponential backoff', () => {
    const p = policy({ backoff: 'exponential', baseDelayMinutes: 1, maxDelayMinutes: 5 });
    expect([1, 2, 3, 4, 5].map((r) => retryDelayMinutes(p, r))).toEqual([1, 2, 4, 5, 5]);
    expect(retryDelayMinutes(policy({ backoff: 'constant', baseDelayMinutes: 3 }), 4)).toBe(3);
    expect(retryDelayMinutes(policy({ backoff: 'none', baseDelayMinutes: 3 }), 4)).toBe(0);
  });
});

describe('retrying clients', () => {
  it('no backoff: a failed cohort comes back in each of the next maxAttempts − 1 steps, then is given up', () => {
    expect(dueSeries(policy({ maxAttempts: 4 }), 6)).toEqual([0, 100, 100, 100, 0, 0]);
    const c = createRetryingClients(policy({ maxAttempts: 4 }), 1);
    for (let k = 0; k < 6; k++) {
      takeDueRetries(c);
      settleAttempts(c, k === 0 ? 100 : 0, 1);
    }
    expect([c.gaveUp, c.waiting, c.retried]).toEqual([100, 0, 300]);
  });

  it('exponential backoff: retries after 1, 2, 4 minutes', () => {
    const p = policy({ maxAttempts: 4, backoff: 'exponential', baseDelayMinutes: 1, maxDelayMinutes: 60 });
    // Fail at step 0 → due at 1; fail → due at 1+2 = 3; fail → due at 3+4 = 7.
    expect(dueSeries(p, 9)).toEqual([0, 100, 0, 100, 0, 0, 0, 100, 0]);
  });

  it('full jitter spreads a cohort evenly up to its delay', () => {
    const p = policy({ maxAttempts: 2, backoff: 'constant', baseDelayMinutes: 4, jitter: true });
    expect(dueSeries(p, 6)).toEqual([0, 25, 25, 25, 25, 0]);
  });

  it('retries that succeed stop: half failing each time halves the cohort', () => {
    // 100 first attempts failed; half of each retry cohort fails again.
    expect(dueSeries(policy({ maxAttempts: 4 }), 5, 0.5)).toEqual([0, 100, 50, 25, 0]);
  });

  it('no retries (maxAttempts 1): failures are given up at once', () => {
    const c = createRetryingClients(policy({ maxAttempts: 1 }), 1);
    expect(takeDueRetries(c)).toBe(0);
    settleAttempts(c, 40, 1);
    expect([c.gaveUp, c.waiting]).toEqual([40, 0]);
  });

  it('a new policy keeps waiting requests (rescheduled) and gives up those beyond its attempts', () => {
    const c = createRetryingClients(policy({ maxAttempts: 4, backoff: 'constant', baseDelayMinutes: 10 }), 1);
    takeDueRetries(c);
    settleAttempts(c, 100, 1); // 100 wait for retry 1, due in 10 minutes
    const sooner = withRetryPolicy(c, policy({ maxAttempts: 4 }));
    expect(sooner.waiting).toBe(100);
    expect(takeDueRetries(sooner)).toBe(0);
    settleAttempts(sooner, 0, 1);
    expect(takeDueRetries(sooner)).toBe(100); // due next step under `none`
    const none = withRetryPolicy(c, policy({ maxAttempts: 1 }));
    expect([none.waiting, none.gaveUp]).toEqual([0, 100]);
  });
});
