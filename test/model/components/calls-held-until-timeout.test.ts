import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  admitHeldCalls,
  createCallsHeldUntilTimeout,
  holdSteps,
  minHoldSteps,
} from '../../../src/model/components/calls-held-until-timeout.js';

/** The naive convolution the ring computes: each admission released 1/W per step over kMin … kMax. */
function reference(admitted: number[], kMin: number, kMax: number): { released: number[]; held: number[] } {
  const width = kMax - kMin + 1;
  const released: number[] = [];
  const held: number[] = [];
  let h = 0;
  admitted.forEach((a, n) => {
    let r = 0;
    for (let k = kMin; k <= kMax; k++) if (n - k >= 0) r += admitted[n - k]! / width;
    h += a - r;
    released.push(r);
    held.push(h);
  });
  return { released, held };
}

describe('callsHeldUntilTimeout with spread hold times', () => {
  it('bounds the hold between (1 − spread)·timeout and the timeout, in whole steps', () => {
    expect(minHoldSteps(10, 1, 0)).toBe(10);
    expect(minHoldSteps(10, 1, 0.5)).toBe(5);
    expect(minHoldSteps(10, 1, 1)).toBe(1);
    expect(minHoldSteps(10, 3, 0.5)).toBe(2);
    expect(holdSteps(10, 1)).toBe(10);
  });

  it('limiting case: spread 0 is the exact timeout (released exactly one timeout later)', () => {
    const calls = createCallsHeldUntilTimeout(3, 1, 0);
    expect([admitHeldCalls(calls, 5), calls.held]).toEqual([0, 5]);
    expect([admitHeldCalls(calls, 7), calls.held]).toEqual([0, 12]);
    expect([admitHeldCalls(calls, 0), calls.held]).toEqual([0, 12]);
    expect([admitHeldCalls(calls, 0), calls.held]).toEqual([5, 7]);
    expect([admitHeldCalls(calls, 0), calls.held]).toEqual([7, 0]);
  });

  it('closed form: one admission is released evenly over kMin … kMax steps, and nothing stays held', () => {
    const calls = createCallsHeldUntilTimeout(10, 1, 0.5); // kMin 5, kMax 10: W = 6
    const released = [admitHeldCalls(calls, 60), ...Array.from({ length: 12 }, () => admitHeldCalls(calls, 0))];
    // A call admitted at step 0 is released at step 5 … 10: 10 a step.
    expect(released).toEqual([0, 0, 0, 0, 0, 10, 10, 10, 10, 10, 10, 0, 0]);
    expect(calls.held).toBe(0);
  });

  it("closed form: under a constant admission, held rises by a a step for kMin steps and settles at Little's a·(kMin + kMax)/2", () => {
    const a = 3;
    const calls = createCallsHeldUntilTimeout(10, 1, 0.5);
    const held: number[] = [];
    for (let n = 0; n < 40; n++) {
      admitHeldCalls(calls, a);
      held.push(calls.held);
    }
    expect(held.slice(0, 5)).toEqual([3, 6, 9, 12, 15]);
    expect(held[39]).toBeCloseTo((a * (5 + 10)) / 2, 9);
    // The exact timeout holds a·timeout (the limiting case of the same law).
    const exact = createCallsHeldUntilTimeout(10, 1, 0);
    for (let n = 0; n < 40; n++) admitHeldCalls(exact, a);
    expect(exact.held).toBe(a * 10);
  });

  it('is the naive convolution for any admissions, timeout and spread (O(1) running sums)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 100, noNaN: true })), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 15 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (admitted, timeout, spread) => {
          const calls = createCallsHeldUntilTimeout(timeout, 1, spread);
          const kMin = minHoldSteps(timeout, 1, spread);
          const ref = reference(admitted, kMin, holdSteps(timeout, 1));
          admitted.forEach((x, n) => {
            const r = admitHeldCalls(calls, x);
            expect(r).toBeCloseTo(ref.released[n]!, 6);
            expect(calls.held).toBeCloseTo(Math.max(0, ref.held[n]!), 6);
            expect(calls.held).toBeGreaterThanOrEqual(0);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
