// restart-queue on its own: a waiting pool restarted at a rate, each server bootstrapping for a
// while, the newest past a bound rejected. Closed forms at 1-minute steps, and conservation.
import { describe, it, expect } from 'vitest';
import type { Composition } from '../../../src/model/compose/composition.js';
import { runComposition } from '../../support/run-composition.js';

const composition: Composition = {
  id: 'restart-test',
  description: 'a pool of servers restarted at a rate',
  parameters: {
    waiting: { unit: 'servers', description: 'servers to restart' },
    rate: { unit: 'servers/hour', description: 'restart rate' },
    boot: { unit: 'minutes', description: 'boot time' },
    bound: { unit: 'servers', description: 'most bootstrapping at once', default: Number.POSITIVE_INFINITY },
  },
  stocks: {
    waiting: { unit: 'servers', initial: 'waiting' },
    booting: { unit: 'servers' },
    ready: { unit: 'servers' },
    rejected: { unit: 'servers' },
    completed: { unit: 'restarts' },
    unhealthy: { unit: 'restarts' },
    events: { unit: 'restarts', role: 'source' },
  },
  components: {
    restart: {
      type: 'restart-queue',
      parameters: { rate: 'rate', bootMinutes: 'boot', maxBooting: 'bound' },
      stocks: { waiting: 'waiting', booting: 'booting', ready: 'ready', rejected: 'rejected', completed: 'completed', markedUnhealthy: 'unhealthy', events: 'events' },
    },
  },
  series: {
    waiting: { expr: 'waiting', title: 'Waiting', unit: 'servers', description: '' },
    booting: { expr: 'booting', title: 'Booting', unit: 'servers', description: '' },
    ready: { expr: 'ready', title: 'Ready', unit: 'servers', description: '' },
    rejected: { expr: 'rejected', title: 'Rejected', unit: 'servers', description: '' },
    completed: { expr: 'completed', title: 'Completed', unit: 'restarts', description: '' },
    unhealthy: { expr: 'unhealthy', title: 'Unhealthy', unit: 'restarts', description: '' },
  },
  primarySeries: 'booting',
};

function run(params: Record<string, number>, minutes: number, stepMinutes = 1, startAt = 0) {
  return runComposition(composition, { params, actions: [[startAt, 'restart.start']], minutes, stepMinutes, substep: false }).series;
}

describe('restart-queue', () => {
  it('restarts at the rate and hands servers back a boot later (closed form at 1-minute steps)', () => {
    // One server a minute, a 5-minute boot: the server restarted at the start of minute s is
    // ready at s + 5, so at minute T (T ≥ 5) T − 4 are ready and 4 are still booting.
    const s = run({ waiting: 100, rate: 60, boot: 5 }, 60);
    for (const T of [1, 3, 5, 10, 30, 60]) {
      expect(s.ready![T], `T=${T}`).toBeCloseTo(Math.max(0, T - 4), 9);
      expect(s.booting![T], `T=${T}`).toBeCloseTo(Math.min(T, 4), 9);
      expect(s.waiting![T], `T=${T}`).toBeCloseTo(100 - T, 9);
    }
    expect(s.completed![60]).toBeCloseTo(56, 9);
    expect(s.unhealthy![60]).toBe(0);
  });

  it('never restarts more than are waiting, and nothing before `start`', () => {
    const s = run({ waiting: 10, rate: 600, boot: 2 }, 30, 1, 5);
    expect(s.waiting![5]).toBe(10);
    expect(s.booting![5]).toBe(0);
    expect(s.waiting![6]).toBe(0);
    expect(s.ready![30]).toBeCloseTo(10, 9);
  });

  it('past the bound, rejects the newest: bootstrapping never exceeds it', () => {
    // Ten a minute against a bound of 15 with a 5-minute boot: 40 would be booting unbounded.
    const s = run({ waiting: 500, rate: 600, boot: 5, bound: 15 }, 60);
    for (const x of s.booting!) expect(x).toBeLessThanOrEqual(15 + 1e-6);
    expect(s.unhealthy![60]).toBeGreaterThan(0);
    // Whatever was rejected is counted, and servers are conserved (the invariants held).
    expect(s.rejected![60]).toBeCloseTo(s.unhealthy![60]!, 9);
    expect(s.waiting![60]! + s.booting![60]! + s.ready![60]! + s.rejected![60]!).toBeCloseTo(500, 9);
  });

  it('gives the same throughput at 1 s steps as at 1 minute, once the boot is past', () => {
    const minute = run({ waiting: 1000, rate: 120, boot: 10 }, 120);
    const second = run({ waiting: 1000, rate: 120, boot: 10 }, 120, 1 / 60);
    // Restarted at the start of a step, so a finer step finishes a step's worth sooner:
    // rate × (T − boot + dt) ready at T.
    expect(minute.ready![120]).toBeCloseTo(2 * (120 - 10 + 1), 6);
    expect(second.ready![120 * 60]).toBeCloseTo(2 * (120 - 10 + 1 / 60), 6);
  });
});
