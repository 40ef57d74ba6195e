import { describe, it, expect } from 'vitest';
import {
  bootstrapping,
  bootstrappingIn,
  markUnhealthy,
  startBoot,
  takeReady,
  throttledRestart,
} from '../../../src/model/components/throttled-restart.js';

const counts = (...xs: number[]) => Float64Array.from(xs);

describe('throttledRestart', () => {
  it('hands servers back per group once their boot is done, and counts them', () => {
    const r = throttledRestart(2);
    startBoot(r, counts(3, 1), 10);
    startBoot(r, counts(0, 2), 12);
    expect(bootstrapping(r)).toBe(6);
    expect(bootstrappingIn(r, 1)).toBe(3);
    expect(takeReady(r, 9)).toBeNull();
    expect([...takeReady(r, 10)!]).toEqual([3, 1]);
    expect([...takeReady(r, 20)!]).toEqual([0, 2]);
    expect(r.completed).toBe(6);
    expect(bootstrapping(r)).toBe(0);
  });

  it('takes out the newest servers past the bound as unhealthy', () => {
    const r = throttledRestart(2);
    startBoot(r, counts(4, 0), 10);
    startBoot(r, counts(2, 2), 11);
    startBoot(r, counts(0, 4), 12);
    const out = markUnhealthy(r, 7);
    // 12 bootstrapping, bound 7: the newest 4, then 1 of the cohort before them, in its mix.
    expect([...out]).toEqual([0.5, 4.5]);
    expect(bootstrapping(r)).toBe(7);
    expect(r.markedUnhealthy).toBe(5);
    expect([...takeReady(r, 11)!]).toEqual([5.5, 1.5]);
  });

  it('marks nobody within the bound', () => {
    const r = throttledRestart(1);
    startBoot(r, counts(5), 3);
    expect([...markUnhealthy(r, 5)]).toEqual([0]);
    expect(r.markedUnhealthy).toBe(0);
  });

  it('finds ready cohorts out of order (the boot time may change mid-replay)', () => {
    const r = throttledRestart(1);
    startBoot(r, counts(1), 30);
    startBoot(r, counts(2), 15);
    expect([...takeReady(r, 20)!]).toEqual([2]);
    expect(bootstrapping(r)).toBe(1);
  });
});
