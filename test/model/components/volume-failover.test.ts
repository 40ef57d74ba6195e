import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createVolumeFailover,
  movingVolumes,
  spareRoomLeft,
  stepProbability,
  stepVolumeFailover,
  stuckVolumes,
  volumeFailoverInvariants,
} from '../../../src/model/components/volume-failover.js';

describe('volume-failover', () => {
  it('turns a mean waiting time into a per-step probability', () => {
    expect(stepProbability(0, 1)).toBe(1);
    expect(stepProbability(10, 1)).toBeCloseTo(1 - Math.exp(-0.1), 12);
  });

  it('counts the volumes of degraded servers as stuck, moving ones too', () => {
    const f = createVolumeFailover(3, 100, 50);
    const degraded = Uint8Array.from([1, 0, 1]);
    expect(stuckVolumes(f, degraded)).toBe(200);
    // Both ask for half their volumes (100 in all); the 50 of room is shared evenly.
    stepVolumeFailover(f, degraded, { start: 0.5, finish: 0 });
    expect(Array.from(f.moving)).toEqual([25, 0, 25]);
    expect(spareRoomLeft(f)).toBe(0);
    expect(stuckVolumes(f, degraded)).toBe(200);
    // Moves finish; the room is full, so nothing else moves.
    stepVolumeFailover(f, degraded, { start: 0.5, finish: 1 });
    expect(Array.from(f.moved)).toEqual([25, 0, 25]);
    expect(movingVolumes(f)).toBe(0);
    expect(stuckVolumes(f, degraded)).toBe(150);
    // A recovered server serves what is left on it.
    expect(stuckVolumes(f, Uint8Array.from([0, 0, 1]))).toBe(75);
  });

  it('conserves volumes and never uses more room than there is (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.array(fc.record({ mask: fc.nat(), start: fc.double({ min: 0, max: 1, noNaN: true }), finish: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 40 }),
        (n, per, room, steps) => {
          const f = createVolumeFailover(n, per, room);
          for (const s of steps) {
            const degraded = Uint8Array.from({ length: n }, (_, i) => (s.mask >> i) & 1);
            stepVolumeFailover(f, degraded, s);
            expect(volumeFailoverInvariants(f)).toEqual([]);
            expect(stuckVolumes(f, degraded)).toBeLessThanOrEqual(n * per + 1e-6);
          }
        },
      ),
    );
  });
});
