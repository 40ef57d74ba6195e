import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  countServerLeak,
  createServerLeak,
  hasLeakedServers,
  meanHeadroomLeft,
  minHeadroomLeft,
  reclaimServers,
  serverLeakInvariants,
  startServerLeak,
  stepServerLeak,
  stopServerLeak,
} from '../../../src/model/components/server-leak.js';

describe('server-leak', () => {
  it('degrades a leaking server once its loss reaches its headroom', () => {
    const leak = createServerLeak(3, 10);
    startServerLeak(leak, 0, 5);
    startServerLeak(leak, 1, 7, 2);
    expect(countServerLeak(leak)).toEqual({ clean: 1, leaking: 2, degraded: 0 });
    expect(minHeadroomLeft(leak)).toBe(5);
    expect(stepServerLeak(leak, 4)).toBe(0);
    expect(stepServerLeak(leak, 1)).toBe(2); // 5 ≥ 5 and 7 ≥ 7
    expect(countServerLeak(leak)).toEqual({ clean: 1, leaking: 0, degraded: 2 });
    expect(minHeadroomLeft(leak)).toBe(Number.POSITIVE_INFINITY);
    expect(meanHeadroomLeft(leak, (i) => i < 2)).toBe(0);
    expect(meanHeadroomLeft(leak, () => false)).toBeNaN();
  });

  it('degrades at once a server that starts with its headroom already lost', () => {
    const leak = createServerLeak(1, 10);
    startServerLeak(leak, 0, 3, 3);
    expect(leak.degraded[0]).toBe(1);
  });

  it('kills the process at its cap: the memory comes back and the leak goes on', () => {
    const leak = createServerLeak(1, 10);
    startServerLeak(leak, 0, 10);
    for (let i = 0; i < 7; i++) stepServerLeak(leak, 1, 3);
    // Killed at 3 and at 6; one more minute since.
    expect(leak.capRestarts).toBe(2);
    expect(leak.leaked[0]).toBe(1);
    expect(leak.degraded[0]).toBe(0);
  });

  it('stops leaking but keeps what was lost until reclaimed', () => {
    const leak = createServerLeak(2, 10);
    startServerLeak(leak, 0, 10);
    startServerLeak(leak, 1, 10);
    stepServerLeak(leak, 4);
    stopServerLeak(leak);
    stepServerLeak(leak, 4);
    expect(Array.from(leak.leaked)).toEqual([4, 4]);
    expect(hasLeakedServers(leak)).toBe(true);
  });

  it('looks for leaked servers among the first `upTo` only when told', () => {
    const leak = createServerLeak(3, 10);
    startServerLeak(leak, 2, 10, 1);
    expect(hasLeakedServers(leak)).toBe(true);
    expect(hasLeakedServers(leak, 2)).toBe(false);
    expect(hasLeakedServers(leak, 3)).toBe(true);
    expect(hasLeakedServers(leak, 99)).toBe(true);
  });

  it('reclaims degraded servers first, then those that lost the most', () => {
    const leak = createServerLeak(4, 10);
    startServerLeak(leak, 0, 10, 2);
    startServerLeak(leak, 1, 10, 6);
    startServerLeak(leak, 2, 1, 3); // degraded
    startServerLeak(leak, 3, 10, 4);
    stopServerLeak(leak);
    expect(reclaimServers(leak, 2)).toBe(2);
    expect(Array.from(leak.leaked)).toEqual([2, 0, 0, 4]);
    expect(Array.from(leak.degraded)).toEqual([0, 0, 0, 0]);
    expect(reclaimServers(leak, 10)).toBe(2);
    expect(hasLeakedServers(leak)).toBe(false);
    expect(leak.reclaimed).toBe(4);
  });

  it('keeps every server in exactly one state and nothing negative (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.array(fc.record({ op: fc.constantFrom('start', 'step', 'stop', 'reclaim'), x: fc.double({ min: 0, max: 20, noNaN: true }), i: fc.nat() }), { maxLength: 60 }),
        (n, ops) => {
          const leak = createServerLeak(n, 10);
          for (const { op, x, i } of ops) {
            if (op === 'start' && n > 0) startServerLeak(leak, i % n, x, x / 2);
            if (op === 'step') stepServerLeak(leak, x, i % 3 === 0 ? 5 : 0);
            if (op === 'stop') stopServerLeak(leak);
            if (op === 'reclaim') reclaimServers(leak, i % 5);
            expect(serverLeakInvariants(leak)).toEqual([]);
          }
        },
      ),
    );
  });
});
