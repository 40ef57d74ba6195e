// retry-storm against cases worked out by hand. The fluid model, per step of dt = 1 minute,
// with capacity μ, new load λ and timeout T (see the kind's header):
//   queue  q(k+1) = max(0, q(k) + admitted − μ)
//   an arrival during step k sees a wait moving from q(k)/μ to q(k+1)/μ and times out for the
//   part of that range above T; the sample at minute n shows the flows of step n−1.
import { describe, it, expect } from 'vitest';
import { retryStorm, fractionAbove } from '../../src/model/kinds/retry-storm.js';
import { runReplay } from '../../src/model/engine.js';
import type { PlannedEffect } from '../../src/model/plan.js';
import { planFor } from '../support/kind-properties.js';

function replay(params: Record<string, number>, minutes: number, effects: PlannedEffect[] = []) {
  const problems: string[] = [];
  const { series } = runReplay(retryStorm, planFor(retryStorm, params, effects, minutes), {
    onStep: (s, ctx) => problems.push(...retryStorm.invariants!(s as never, ctx)),
  });
  expect(problems).toEqual([]);
  return series as Record<string, Float64Array>;
}

const trigger = (t: number, w: Record<string, number>): PlannedEffect => ({ t, eventIndex: 0, effect: { action: 'trigger', with: w } });

describe('retry-storm with retries off (maxAttempts 1)', () => {
  it('under capacity: no queue, goodput equals the load, no errors', () => {
    const s = replay({ capacity: 1000, load: 600, timeout: 0.5 }, 30);
    for (let n = 0; n <= 30; n++) {
      expect(s.queue![n]).toBe(0);
      expect(s.goodput![n]).toBeCloseTo(600, 9);
      expect(s.errorPercent![n]).toBe(0);
      expect(s.attempts![n]).toBeCloseTo(600, 9);
    }
  });

  it('over capacity without shedding: the backlog grows at λ − μ and every request times out once the wait passes T', () => {
    // λ = 1200, μ = 1000: q(n) = 200·n, wait(n) = 0.2·n min. With T = 2 the wait passes T at
    // t* = μ·T / (λ − μ) = 10 min: step 9 ends exactly at 2.0 (not above), step 10 runs 2.0 → 2.2.
    const s = replay({ capacity: 1000, load: 1200, timeout: 2 }, 20);
    for (let n = 0; n <= 20; n++) {
      expect(s.queue![n]).toBeCloseTo(200 * n, 9);
      expect(s.wait![n]).toBeCloseTo(0.2 * n, 9);
    }
    for (let n = 1; n <= 10; n++) expect([n, s.goodput![n]]).toEqual([n, 1200]);
    for (let n = 11; n <= 20; n++) {
      expect(s.goodput![n]).toBe(0);
      expect(s.errorPercent![n]).toBe(100);
    }
  });

  it('a step that crosses the timeout fails only the part of its arrivals that see a wait above T', () => {
    // T = 2.1: step 10 moves the wait from 2.0 to 2.2, half of it above 2.1 → half fail.
    const s = replay({ capacity: 1000, load: 1200, timeout: 2.1 }, 12);
    expect(s.goodput![10]).toBeCloseTo(1200, 9);
    expect(s.goodput![11]).toBeCloseTo(600, 9);
    expect(s.errorPercent![11]).toBeCloseTo(50, 9);
    expect(s.goodput![12]).toBe(0);
  });

  it('over capacity with load shedding: the queue holds at μ·T, goodput is μ, errors are (λ − μ)/λ', () => {
    // Step 0 admits everything (queue 0 → 500 = μ·T, nobody waits past T); from step 1 on the
    // service admits μ per minute and refuses λ − μ = 500 of 1500.
    const s = replay({ capacity: 1000, load: 1500, timeout: 0.5, loadShedding: 1 }, 10);
    expect(s.goodput![1]).toBeCloseTo(1500, 9);
    expect(s.errorPercent![1]).toBe(0);
    for (let n = 2; n <= 10; n++) {
      expect(s.queue![n]).toBeCloseTo(500, 9);
      expect(s.goodput![n]).toBeCloseTo(1000, 9);
      expect(s.errorPercent![n]).toBeCloseTo((100 * 500) / 1500, 9);
    }
  });

  it('a capacity drop builds a backlog that drains at μ − λ after it ends', () => {
    // λ = 800, μ = 1000 halved for minutes 10–30: the queue grows 300/min to 6000 at t = 30,
    // then drains at 200/min and is empty at t = 60. During the drop the wait q/500 passes T = 1
    // in step 11 (0.6 → 1.2: a third above) → goodput at t = 12 is 800·2/3. After the drop the
    // wait q/1000 stays above 1 until q = 1000 at t = 55; step 55 (1.0 → 0.8) is all below.
    const s = replay({ capacity: 1000, load: 800, timeout: 1 }, 70, [trigger(10, { capacityFactor: 0.5, forMinutes: 20 })]);
    expect(s.capacity![10]).toBe(500);
    expect(s.capacity![29]).toBe(500);
    expect(s.capacity![31]).toBe(1000);
    expect(s.queue![30]).toBeCloseTo(6000, 9);
    expect(s.queue![45]).toBeCloseTo(6000 - 200 * 15, 9);
    expect(s.queue![60]).toBeCloseTo(0, 9);
    expect(s.goodput![11]).toBeCloseTo(800, 9);
    expect(s.goodput![12]).toBeCloseTo((800 * 2) / 3, 9);
    expect(s.goodput![13]).toBe(0);
    expect(s.errorPercent![55]).toBe(100);
    expect(s.errorPercent![56]).toBe(0);
    expect(s.goodput![56]).toBeCloseTo(800, 9);
  });
});

describe('retry-storm retries', () => {
  it('in a total outage with no backoff, retry load is λ·(m − 1) for m attempts', () => {
    const s = replay({ capacity: 1000, load: 100, timeout: 1, maxAttempts: 4 }, 20, [trigger(0, { capacityFactor: 0 })]);
    // Step k retries the failures of steps k−1, k−2, k−3 (retry 1, 2, 3): full from step 3.
    expect(s.retryLoad![1]).toBe(0);
    expect(s.retryLoad![2]).toBeCloseTo(100, 9);
    expect(s.retryLoad![3]).toBeCloseTo(200, 9);
    for (let n = 4; n <= 20; n++) {
      expect(s.retryLoad![n]).toBeCloseTo(300, 9);
      expect(s.attempts![n]).toBeCloseTo(400, 9);
      expect(s.errorPercent![n]).toBe(100);
    }
  });

  it('exponential backoff without jitter returns each cohort exactly after its delay', () => {
    // base 2, cap 10, 3 attempts: retry 1 after 2 min, retry 2 a further 4 min later. Failures
    // of step 0 are due in step 2 (seen at t = 3) and again in step 6 (seen at t = 7).
    const s = replay(
      { capacity: 1000, load: 100, timeout: 1, maxAttempts: 3, backoff: 2, baseDelay: 2, maxDelay: 10 },
      12,
      [trigger(0, { capacityFactor: 0 })],
    );
    expect([s.retryLoad![1], s.retryLoad![2]]).toEqual([0, 0]);
    for (let n = 3; n <= 6; n++) expect(s.retryLoad![n]).toBeCloseTo(100, 9);
    for (let n = 7; n <= 12; n++) expect(s.retryLoad![n]).toBeCloseTo(200, 9);
  });

  it('full jitter spreads a cohort evenly over the steps up to its delay', () => {
    // One retry, constant 4 min delay, jitter: failures of step k come back λ/4 in each of steps
    // k+1 … k+4, so the retry load ramps 25, 50, 75, 100.
    const s = replay(
      { capacity: 1000, load: 100, timeout: 1, maxAttempts: 2, backoff: 1, baseDelay: 4, jitter: 1 },
      10,
      [trigger(0, { capacityFactor: 0 })],
    );
    expect([2, 3, 4, 5, 6].map((n) => s.retryLoad![n])).toEqual([25, 50, 75, 100, 100]);
  });

  it('sustains the failure after the trigger ends (metastable), and load shedding breaks the loop', () => {
    const params = { capacity: 1000, load: 700, timeout: 0.5, maxAttempts: 3 };
    const effects = [trigger(10, { capacityFactor: 0.5, forMinutes: 15 })];
    const storm = replay(params, 120, effects);
    // 700 new + 1400 retries = 2100 attempts a minute against 1000: it never recovers.
    expect(storm.errorPercent![120]).toBe(100);
    expect(storm.attempts![120]).toBeCloseTo(2100, 9);
    const shed = replay({ ...params, loadShedding: 1 }, 120, effects);
    expect(shed.errorPercent![120]).toBe(0);
    expect(shed.goodput![120]).toBeCloseTo(700, 9);
  });

  it('actions: add-capacity ramps, set-backoff and disable-retries change the policy, restore ends a trigger', () => {
    const s = replay({ capacity: 1000, load: 700, timeout: 0.5, maxAttempts: 3 }, 60, [
      trigger(0, { capacityFactor: 0.5 }),
      { t: 10, eventIndex: 1, effect: { action: 'add-capacity', with: { amount: 400, overMinutes: 4 } } },
      { t: 20, eventIndex: 2, effect: { action: 'restore' } },
      { t: 30, eventIndex: 3, effect: { action: 'disable-retries' } },
    ]);
    expect(s.capacity![10]).toBe(500);
    expect(s.capacity![12]).toBe(700); // two steps of 100 each
    expect(s.capacity![15]).toBe(900);
    expect(s.capacity![21]).toBe(1400);
    expect(s.retryLoad![32]).toBe(0);
  });

  it('rejects an unknown backoff policy with a message naming the choices', () => {
    expect(() =>
      replay({ capacity: 1, load: 1, timeout: 1 }, 5, [{ t: 1, eventIndex: 0, effect: { action: 'set-backoff', with: { policy: 'fibonacci' } } }]),
    ).toThrow(/set-backoff.*`policy`.*fibonacci.*expected one of none, constant, exponential/);
  });
});

describe('fractionAbove', () => {
  it('is the share of a linear ramp above the limit', () => {
    expect(fractionAbove(0, 1, 2)).toBe(0);
    expect(fractionAbove(3, 4, 2)).toBe(1);
    expect(fractionAbove(1, 3, 2)).toBe(0.5);
    expect(fractionAbove(3, 1, 2.5)).toBe(0.25);
    expect(fractionAbove(0, Number.POSITIVE_INFINITY, 2)).toBe(1);
  });
});
