// fleet-membership on its own: members learning of an addition through a discovery delay,
// failing past a thread limit, cells, rollback. Closed forms, the same at 1 min and 1 s steps,
// and conservation (the compiled model's invariants at every step).
import { describe, it, expect } from 'vitest';
import type { Composition } from '../../../src/model/compose/composition.js';
import { runComposition } from '../../support/run-composition.js';

const composition: Composition = {
  id: 'fleet-test',
  description: 'a fleet learning of new members through a discovery delay',
  parameters: {
    members: { unit: 'servers', description: '' },
    cells: { unit: 'cells', description: '', default: 1 },
    base: { unit: 'threads', description: '' },
    limit: { unit: 'threads', description: '' },
    delay: { unit: 'minutes', description: '' },
    added: { unit: 'servers', description: '', default: 0 },
    over: { unit: 'minutes', description: '', default: 0 },
    removal: { unit: 'minutes', description: '', default: 0 },
  },
  stocks: {
    useful: { unit: 'servers' },
    failed: { unit: 'servers' },
    pending: { unit: 'servers' },
    reserve: { unit: 'servers', role: 'source' },
    removed: { unit: 'servers', role: 'sink' },
    cancelled: { unit: 'servers', role: 'sink' },
    threads: { unit: 'threads' },
    os: { unit: 'threads', role: 'source' },
    demand: { unit: 'server-demand' },
    unserved: { unit: 'server-demand' },
    requests: { unit: 'server-demand', role: 'source' },
  },
  components: {
    fleet: {
      type: 'fleet-membership',
      parameters: {
        members: 'members', cells: 'cells', baseThreads: 'base', threadLimit: 'limit', discoveryDelay: 'delay',
        added: 'added', additionMinutes: 'over', removalMinutes: 'removal',
      },
      stocks: {
        useful: 'useful', failed: 'failed', pending: 'pending', reserve: 'reserve', removed: 'removed', cancelled: 'cancelled',
        threads: 'threads', os: 'os', demand: 'demand', unserved: 'unserved', requests: 'requests',
      },
    },
  },
  series: {
    useful: { expr: 'useful', title: 'Useful', unit: 'servers', description: '' },
    failed: { expr: 'failed', title: 'Failed', unit: 'servers', description: '' },
    threads: { expr: 'threads / (useful + failed)', title: 'Threads', unit: 'threads', description: '' },
    errors: { expr: '100 * unserved / demand', title: 'Errors', unit: 'percent', description: '' },
    removed: { expr: 'removed', title: 'Removed', unit: 'servers', description: '' },
  },
  primarySeries: 'useful',
};

function run(params: Record<string, number>, effects: Array<[number, string, Record<string, number>?]>, minutes: number, stepMinutes = 1) {
  return runComposition(composition, { params, actions: effects, minutes, stepMinutes, substep: false }).series;
}

// 100 members with no base threads and a limit of 99: a member fails once it knows 101.
const atTheLimit = { members: 100, base: 0, limit: 99, delay: 10 };

describe('fleet-membership', () => {
  it('a fleet that fits stays useful, each member holding base + peers threads', () => {
    const s = run({ ...atTheLimit, base: 7, limit: 106 }, [], 30);
    for (const x of s.useful!) expect(x).toBe(100);
    expect(s.threads![30]).toBe(7 + 99);
    expect(s.errors![30]).toBe(0);
  });

  it('one member added at once: lag class k fails at minute k + 1, so useful falls linearly over the delay', () => {
    // The fleet is 101 from minute 1, so a member of lag λ sees it past the limit once
    // t − λ > 0 (the history is linear between steps). Lags are 0.5, 1.5, … 9.5, so at minute
    // T the classes 0 … T−1 have failed; the new member knew 101 when it joined and fails at once.
    const minute = run({ ...atTheLimit, added: 1 }, [[0, 'fleet.add']], 20);
    const second = run({ ...atTheLimit, added: 1 }, [[0, 'fleet.add']], 20, 1 / 60);
    for (let T = 1; T <= 12; T++) {
      const expected = 100 * Math.max(0, 1 - T / 10);
      expect(minute.useful![T], `T=${T}`).toBeCloseTo(expected, 9);
      // At 1 s steps the classes stay a minute wide: the same figure at every whole minute.
      expect(second.useful![T * 60], `T=${T} at 1 s`).toBeCloseTo(expected, 9);
    }
    expect(minute.failed![20]).toBeCloseTo(101, 9);
    expect(minute.errors![20]).toBe(100);
  });

  it('with no discovery delay everyone learns at once; a joiner knows at least the fleet it joined', () => {
    const s = run({ ...atTheLimit, delay: 0, added: 1 }, [[0, 'fleet.add']], 5);
    expect(s.useful![1]).toBe(0);
    expect(s.failed![1]).toBeCloseTo(101, 9);
    // Under the limit, a joiner and the rest know the new fleet after the delay: threads = peers.
    const fits = run({ ...atTheLimit, limit: 1000, added: 10, over: 5 }, [[0, 'fleet.add']], 40);
    expect(fits.useful![40]).toBeCloseTo(110, 9);
    expect(fits.threads![40]).toBeCloseTo(109, 9);
  });

  it('an addition to one cell leaves the others untouched', () => {
    // Two cells of 50, limit 49 peers: the addition to cell 1 fails only cell 1.
    const s = run({ ...atTheLimit, cells: 2, limit: 49, added: 5 }, [[0, 'fleet.add', { cell: 1 }]], 30);
    expect(s.useful![30]).toBeCloseTo(50, 9);
    expect(s.failed![30]).toBeCloseTo(55, 9);
    expect(s.errors![30]).toBeCloseTo(50, 9);
  });

  it('a rollback cancels what is pending and removes the joined members, repairing nobody', () => {
    const s = run({ ...atTheLimit, added: 10, over: 10, removal: 5 }, [[0, 'fleet.add'], [4, 'fleet.remove-added']], 40);
    // Four joined by minute 4; the other six are cancelled; the four leave over five minutes.
    expect(s.removed![40]).toBeCloseTo(4, 9);
    expect(s.useful![40]! + s.failed![40]!).toBeCloseTo(100, 9);
    expect(s.useful![40]).toBe(0);
  });
});
