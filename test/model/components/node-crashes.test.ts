// node-crashes: the expected crash rate of the search attempts, what each crash takes with it,
// whole nodes in Monte Carlo runs, conservation of volumes, space and nodes.
import { describe, expect, it } from 'vitest';
import type { Composition } from '../../../src/model/compose/composition.js';
import { createRandomSource } from '../../../src/model/random.js';
import { runComposition } from '../../support/run-composition.js';

const model: Composition = {
  id: 'crash-test',
  description: '1000 volumes on 100 nodes, 130 searching',
  parameters: { crashes: { unit: 'crashes per 1e9 attempts', description: 'crash probability', default: 1e4 } },
  stocks: {
    healthy: { unit: 'volumes', initial: 870 },
    searching: { unit: 'volumes', initial: 130 },
    crashSearching: { unit: 'volumes' },
    snapshot: { unit: 'volumes' },
    forensic: { unit: 'volumes' },
    lost: { unit: 'volumes' },
    free: { unit: 'replicas', initial: 50 },
    used: { unit: 'replicas', initial: 2000 },
    live: { unit: 'nodes', initial: 100 },
    crashed: { unit: 'nodes' },
  },
  components: {
    crashes: {
      type: 'node-crashes',
      parameters: { attemptsPerMin: 60, crashesPerBillionAttempts: 'crashes', replicasPerNode: 20, lastCopyShare: 50, snapshotShare: 50, unrecoverableShare: 10 },
      stocks: {
        liveNodes: 'live',
        crashedNodes: 'crashed',
        searching: 'searching',
        crashSearching: 'crashSearching',
        healthy: 'healthy',
        noCopySnapshot: 'snapshot',
        noCopyForensic: 'forensic',
        lost: 'lost',
        freeSpace: 'free',
        usedSpace: 'used',
      },
    },
  },
  series: Object.fromEntries(
    ['healthy', 'searching', 'crashSearching', 'snapshot', 'forensic', 'lost', 'free', 'used', 'live', 'crashed', 'crashes.madeStuck'].map((n) => [
      n.replace('crashes.', ''),
      { expr: n, title: n, unit: '', description: '' },
    ]),
  ),
  primarySeries: 'healthy',
};

describe('node-crashes', () => {
  it('crashes nodes at the expected rate of the attempts, each taking its share of space and replicas (closed form)', () => {
    const r = runComposition(model, { minutes: 1 });
    // 130 searching × 60 attempts × 1e-5 = 0.078 nodes in the first minute, 20 replicas each:
    // half the last copy of a searching volume, half a healthy volume's replica.
    const n = 130 * 60 * 1e-5;
    expect(r.series.crashed![1]).toBeCloseTo(n, 12);
    expect(r.series.live![1]).toBeCloseTo(100 - n, 12);
    expect(r.series.free![1]).toBeCloseTo(50 * (1 - n / 100), 9);
    expect(r.series.used![1]).toBeCloseTo(2000 * (1 - n / 100), 9);
    expect(r.series.madeStuck![1]).toBeCloseTo(n * 10, 12);
    expect(r.series.crashSearching![1]).toBeCloseTo(n * 10, 12);
    expect(r.series.snapshot![1]).toBeCloseTo(n * 10 * 0.5, 12);
    expect(r.series.lost![1]).toBeCloseTo(n * 10 * 0.5 * 0.1, 12);
    expect(r.series.forensic![1]).toBeCloseTo(n * 10 * 0.5 * 0.9, 12);
  });

  it('does not crash anything once stopped, or with a zero crash probability', () => {
    expect(runComposition(model, { params: { crashes: 0 }, minutes: 30 }).series.crashed![30]).toBe(0);
    expect(runComposition(model, { actions: [[0, 'crashes.stop']], minutes: 30 }).series.crashed![30]).toBe(0);
  });

  it('crashes whole nodes in Monte Carlo runs, about as many as expected', () => {
    const counts: number[] = [];
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const r = runComposition(model, { params: { crashes: 1e5 }, minutes: 60, random: createRandomSource(seed) });
      expect(Number.isInteger(r.series.crashed![60])).toBe(true);
      counts.push(r.series.crashed![60]!);
    }
    const deterministic = runComposition(model, { params: { crashes: 1e5 }, minutes: 60 }).series.crashed![60]!;
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    expect(Math.abs(mean - deterministic)).toBeLessThan(3 * Math.sqrt(deterministic / counts.length) + 1);
  });
});
