import { describe, it, expect } from 'vitest';
import {
  extremesOver,
  fleetDiscovery,
  knownPeers,
  membersAt,
  recordMembers,
  slidingExtremes,
  slidingExtremesOver,
} from '../../../src/model/components/fleet-discovery.js';
import { createRandomSource } from '../../../src/model/random.js';

const deterministic = (members: number, delayMinutes = 60, stepMinutes = 1) =>
  fleetDiscovery({ delayMinutes, stepMinutes, members, random: null, stream: 'lag' });

describe('fleetDiscovery', () => {
  it('splits the delay into one lag class per step, each lag the middle of its slice', () => {
    const fleet = deterministic(100, 10, 2);
    expect([...fleet.lags]).toEqual([1, 3, 5, 7, 9]);
    expect([...fleet.shares]).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
    expect(fleet.history).toEqual([100]);
  });

  it('has one class of lag 0 when discovery is immediate', () => {
    const fleet = deterministic(50, 0);
    expect([...fleet.lags]).toEqual([0]);
    expect([...fleet.shares]).toEqual([1]);
  });

  it('draws every member’s lag in Monte Carlo: shares are counts of members, summing to 1', () => {
    const draw = (seed: number) =>
      fleetDiscovery({ delayMinutes: 60, stepMinutes: 1, members: 400, random: createRandomSource(seed), stream: 'lag' });
    const a = draw(7);
    const total = a.shares.reduce((s, x) => s + x, 0);
    expect(total).toBeCloseTo(1, 12);
    for (const share of a.shares) expect(Math.abs(share * 400 - Math.round(share * 400))).toBeLessThan(1e-9);
    // Not the deterministic split, but close to it: 400 draws over 60 classes.
    expect([...a.shares].some((s) => Math.abs(s - 1 / 60) > 1e-9)).toBe(true);
    expect([...draw(7).shares]).toEqual([...a.shares]);
    expect([...draw(8).shares]).not.toEqual([...a.shares]);
  });
});

describe('membership history', () => {
  it('interpolates between recorded steps and holds the ends', () => {
    const fleet = deterministic(100, 10, 1);
    recordMembers(fleet, 1, 110);
    recordMembers(fleet, 2, 130);
    expect(membersAt(fleet, -5)).toBe(100);
    expect(membersAt(fleet, 0.5)).toBeCloseTo(105, 12);
    expect(membersAt(fleet, 1.25)).toBeCloseTo(115, 12);
    expect(membersAt(fleet, 9)).toBe(130);
  });

  it('overwrites a step recorded twice and fills a skipped step with the last size', () => {
    const fleet = deterministic(100, 10, 1);
    recordMembers(fleet, 1, 110);
    recordMembers(fleet, 1, 120);
    recordMembers(fleet, 3, 90);
    expect(fleet.history).toEqual([100, 120, 120, 90]);
  });

  it('gives the smallest and largest size over a window', () => {
    const fleet = deterministic(100, 10, 1);
    for (const [t, m] of [[1, 120], [2, 90], [3, 90]] as const) recordMembers(fleet, t, m);
    expect(extremesOver(fleet, 0, 3)).toEqual({ min: 90, max: 120 });
    expect(extremesOver(fleet, 2, 3)).toEqual({ min: 90, max: 90 });
    expect(extremesOver(fleet, -10, 0.5)).toEqual({ min: 100, max: 120 });
  });
});

describe('knownPeers', () => {
  it('is the fleet as it was one lag ago, minus the member itself', () => {
    const fleet = deterministic(100, 10, 2); // lags 1, 3, 5, 7, 9
    for (let t = 2; t <= 20; t += 2) recordMembers(fleet, t, 100 + t); // one new member a minute
    expect(knownPeers(fleet, 20, 0)).toBeCloseTo(100 + 19 - 1, 12);
    expect(knownPeers(fleet, 20, 4)).toBeCloseTo(100 + 11 - 1, 12);
  });

  it('never goes back before the member last synced', () => {
    const fleet = deterministic(100, 10, 2);
    for (let t = 2; t <= 20; t += 2) recordMembers(fleet, t, 100 + t);
    expect(knownPeers(fleet, 20, 4, 16)).toBeCloseTo(100 + 16 - 1, 12);
    // A sync older than the lag changes nothing.
    expect(knownPeers(fleet, 20, 4, 2)).toBeCloseTo(100 + 11 - 1, 12);
  });

  it('is never negative', () => {
    const fleet = deterministic(0, 10, 1);
    expect(knownPeers(fleet, 5, 0)).toBe(0);
  });
});

describe('slidingExtremes', () => {
  it('gives what extremesOver gives over a sliding window, in O(1) amortized per step', () => {
    for (const [delay, step] of [[60, 1], [10, 0.25], [7, 2], [0, 1]] as const) {
      const fleet = deterministic(100, delay, step);
      const window = slidingExtremes(fleet);
      const got = { min: 0, max: 0 };
      let x = 100;
      for (let i = 1; i <= 400; i++) {
        // A walk with flat stretches, rises and falls.
        x += i % 37 < 10 ? 0 : Math.sin(i * 0.7) * 5;
        recordMembers(fleet, i * step, x);
        const t = i * step;
        slidingExtremesOver(window, t - delay, t, got);
        expect(got, `delay ${delay}, step ${step}, i ${i}`).toEqual(extremesOver(fleet, t - delay, t));
      }
    }
  });

  it('keeps the lag classes a minute wide below a minute when asked to', () => {
    const fine = fleetDiscovery({ delayMinutes: 60, stepMinutes: 1 / 60, classMinutes: 1, members: 10, random: null, stream: 'lag' });
    expect(fine.lags.length).toBe(60);
    expect(fine.lags[0]).toBeCloseTo(0.5, 12);
    const coarse = fleetDiscovery({ delayMinutes: 60, stepMinutes: 5, classMinutes: 1, members: 10, random: null, stream: 'lag' });
    expect(coarse.lags.length).toBe(12);
  });
});
