// closed-clients against hand-computed cases: a healthy fleet, a total outage (clients leave at
// the rate their refreshes fail), retries every retryInterval, rejoining when a retry succeeds.
import { describe, it, expect } from 'vitest';
import type { Composition } from '../../../src/model/compose/composition.js';
import { compile, runComposed } from '../../support/compose.js';

const fleet: Composition = {
  id: 'fleet',
  description: 'a closed fleet and one service',
  parameters: {
    clients: { unit: 'clients', description: 'fleet size' },
    interval: { unit: 'min', description: 'refresh interval' },
    retry: { unit: 'min', description: 'retry interval' },
    capacity: { unit: 'requests/min', description: 'capacity' },
  },
  stocks: {
    inService: { unit: 'clients' },
    outOfService: { unit: 'clients' },
    capacity: { unit: 'requests/min' },
    incoming: { unit: 'requests' },
    succeeded: { unit: 'requests' },
    failed: { unit: 'requests' },
  },
  components: {
    scaling: { type: 'capacity', parameters: { capacity: 'capacity' }, stocks: { capacity: 'capacity' } },
    fleet: {
      type: 'closed-clients',
      parameters: { clients: 'clients', requestInterval: 'interval', retryInterval: 'retry' },
      stocks: { inService: 'inService', outOfService: 'outOfService', incoming: 'incoming', succeeded: 'succeeded', failed: 'failed' },
    },
    service: { type: 'service-queue', parameters: { timeout: 1, wastedWork: 0 }, stocks: { incoming: 'incoming', capacity: 'capacity', succeeded: 'succeeded', failed: 'failed' } },
  },
  series: {
    inService: { expr: 'inService', title: 'in', unit: 'clients', description: 'in service' },
    outOfService: { expr: 'outOfService', title: 'out', unit: 'clients', description: 'out of service' },
    attempts: { expr: 'fleet.attempts', title: 'attempts', unit: 'requests/min', description: 'attempts' },
    retries: { expr: 'fleet.retries', title: 'retries', unit: 'requests/min', description: 'retries' },
  },
  primarySeries: 'outOfService',
};
const kind = compile(fleet);

describe('closed-clients', () => {
  it('a healthy fleet sends N / interval per minute and nobody leaves', () => {
    const run = runComposed(kind, { clients: 6000, interval: 10, retry: 2, capacity: 1000 }, [], 30);
    for (let n = 0; n < 30; n++) {
      expect(run.series.attempts![n]).toBeCloseTo(600, 9);
      expect(run.series.outOfService![n]).toBe(0);
    }
    expect(run.problems).toEqual([]);
  });

  it('in a total outage, in-service clients leave as their refreshes fail: I(n) = N (1 − dt/Z)^(n−1)', () => {
    const N = 6000;
    const Z = 10;
    const run = runComposed(kind, { clients: N, interval: Z, retry: 3, capacity: 0 }, [], 40);
    for (let n = 1; n < 40; n++) expect(run.series.inService![n]).toBeCloseTo(N * (1 - 1 / Z) ** (n - 1), 6);
    for (let n = 0; n < 40; n++) expect(run.series.inService![n]! + run.series.outOfService![n]!).toBeCloseTo(N, 6);
    expect(run.problems).toEqual([]);
  });

  it('out-of-service clients retry every retryInterval: the first to leave retry 3 minutes after their failed refresh', () => {
    const run = runComposed(kind, { clients: 6000, interval: 10, retry: 3, capacity: 0 }, [], 12);
    // The refreshes sent in step 0 fail; their senders retry in step 3, then every 3 steps.
    expect([1, 2].map((n) => run.series.retries![n])).toEqual([0, 0]);
    expect(run.series.retries![4]).toBeCloseTo(600, 6); // sample 4 shows step 3
    // Once everybody is out, retries settle at N / retryInterval.
    const late = runComposed(kind, { clients: 6000, interval: 1, retry: 3, capacity: 0 }, [], 120);
    const mean = (late.series.retries![117]! + late.series.retries![118]! + late.series.retries![119]!) / 3;
    expect(mean).toBeCloseTo(2000, 0);
  });

  it('rejoin when a retry succeeds: capacity back, everyone is in service within one retry interval', () => {
    const run = runComposed(kind, { clients: 6000, interval: 10, retry: 3, capacity: 0 }, [{ t: 30, action: 'scaling.add', with: { amount: 100_000 } }], 40);
    expect(run.series.outOfService![30]).toBeGreaterThan(4000);
    expect(run.series.outOfService![36]).toBeLessThan(1e-6);
  });

  it('pause holds the retries; resume sends them at once', () => {
    const run = runComposed(kind, { clients: 6000, interval: 10, retry: 3, capacity: 0 }, [
      { t: 10, action: 'fleet.pause' },
      { t: 20, action: 'fleet.resume' },
    ], 25);
    for (let n = 12; n <= 20; n++) expect(run.series.attempts![n]).toBe(0);
    expect(run.series.retries![21]).toBeGreaterThan(3000);
    expect(run.problems).toEqual([]);
  });
});
