// The load below which a retrying system recovers after a trigger, derived by hand and found by
// the replay.
//
// A fluid FIFO queue of capacity μ serves every attempt it admits, including those whose client
// already timed out (wasted work). A trigger (capacity gone for ten minutes) leaves a queue whose
// wait is above the timeout T, so every attempt fails, and each request makes all m of its
// attempts: the offered load is m·λ. The queue then changes at m·λ − μ per minute:
//   m·λ < μ  the queue drains, the wait falls below T, attempts succeed and retries stop:
//            the system recovers;
//   m·λ > μ  the queue grows without end: a metastable failure that outlives its trigger.
// So the threshold is λ* = μ / m: μ/2 with one retry, μ/3 with two. T does not enter it, so a
// 10-second timeout replayed at a 1-minute step must give the same threshold as at 10 seconds.
import { describe, it, expect } from 'vitest';
import { retryStorm } from '../../../src/model/kinds/retry-storm.js';
import { compile, runComposed } from '../../support/compose.js';
import { retryStormComposition } from '../../../src/model/kinds/retry-storm.js';

const capacity = 1000;
const day = 24 * 60;

function recovers(load: number, maxAttempts: number, timeout: number, stepMinutes: number, kind = retryStorm): boolean {
  const run = runComposed(
    kind,
    { capacity, load, timeout, maxAttempts },
    [{ t: 10, action: 'trigger', with: { capacityFactor: 0, forMinutes: 10 } }],
    day,
    { stepMinutes },
  );
  const errors = run.series.errorPercent!;
  return errors[errors.length - 1]! < 1;
}

/** The largest load that still recovers, by bisection to 0.1 % of capacity. */
function threshold(maxAttempts: number, timeout: number, stepMinutes: number, kind = retryStorm): number {
  let lo = 0.05 * capacity; // recovers
  let hi = 0.99 * capacity; // does not
  expect(recovers(lo, maxAttempts, timeout, stepMinutes, kind)).toBe(true);
  expect(recovers(hi, maxAttempts, timeout, stepMinutes, kind)).toBe(false);
  while (hi - lo > 0.001 * capacity) {
    const mid = (lo + hi) / 2;
    if (recovers(mid, maxAttempts, timeout, stepMinutes, kind)) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe('the stability threshold of a retrying system', () => {
  it('one retry (two attempts), 30-second timeout: λ* = μ/2 within 2 %', () => {
    const found = threshold(2, 0.5, 1);
    expect(Math.abs(found / (capacity / 2) - 1)).toBeLessThan(0.02);
  });

  it('two retries (three attempts), 10-second timeout at a 1-minute step: λ* = μ/3 within 2 %', () => {
    const found = threshold(3, 1 / 6, 1);
    expect(Math.abs(found / (capacity / 3) - 1)).toBeLessThan(0.02);
  });

  it('the same at 10-second steps, and with sub-stepping off', () => {
    expect(Math.abs(threshold(3, 1 / 6, 1 / 6) / (capacity / 3) - 1)).toBeLessThan(0.02);
    const plain = compile(retryStormComposition, { substep: false });
    expect(Math.abs(threshold(3, 1 / 6, 1, plain) / (capacity / 3) - 1)).toBeLessThan(0.02);
  });

  it('the load a system recovers from is not enough just above the threshold (bistable: same load, two outcomes)', () => {
    const load = 0.36 * capacity; // above μ/3
    const quiet = runComposed(retryStorm, { capacity, load, timeout: 1 / 6, maxAttempts: 3 }, [], 120);
    expect(quiet.series.errorPercent![119]).toBe(0);
    expect(recovers(load, 3, 1 / 6, 1)).toBe(false);
  });
});
