// The `resource-leak` kind over random parameters and timelines (fast-check): the shared kind
// harness (every series ≥ 0 and not NaN, servers and volumes conserved at every step through the
// kind's invariants, reproducible runs), plus properties of this kind: no more servers degraded
// than exist, and more spare room never makes the peak worse when nothing is restarted.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runReplay } from '../../src/model/engine.js';
import type { PlannedEffect } from '../../src/model/plan.js';
import { createRandomSource } from '../../src/model/random.js';
import { resourceLeak } from '../../src/model/kinds/resource-leak.js';
import { describeKindProperties, planFor } from '../support/kind-properties.js';

const effect = (t: number, action: string): PlannedEffect => ({ t, eventIndex: 0, effect: { action } });

const params = fc.record({
  servers: fc.integer({ min: 1, max: 60 }),
  volumesPerServer: fc.integer({ min: 1, max: 200 }),
  spareServers: fc.integer({ min: 0, max: 60 }),
  affectedFraction: fc.double({ min: 0, max: 100, noNaN: true }),
  memoryHeadroom: fc.double({ min: 0, max: 50, noNaN: true }),
  headroomSpread: fc.double({ min: 0, max: 100, noNaN: true }),
  leakPerAttempt: fc.double({ min: 0, max: 20_000, noNaN: true }),
  serverMemory: fc.double({ min: 1, max: 64, noNaN: true }),
  attemptsPerMinute: fc.double({ min: 0, max: 10, noNaN: true }),
  leakHoursBeforeStart: fc.double({ min: 0, max: 10, noNaN: true }),
  mondayLoad: fc.double({ min: 1, max: 5, noNaN: true }),
  loadRiseFrom: fc.double({ min: 0, max: 2, noNaN: true }),
  loadRiseHours: fc.double({ min: 0, max: 2, noNaN: true }),
  failoverMinutes: fc.double({ min: 0, max: 60, noNaN: true }),
  remirrorMinutes: fc.double({ min: 0, max: 60, noNaN: true }),
  restartsPerHour: fc.double({ min: 0, max: 600, noNaN: true }),
  leakAlarm: fc.constantFrom(0, 1),
  alarmHeadroom: fc.double({ min: 0, max: 10, noNaN: true }),
  alarmResponseMinutes: fc.double({ min: 0, max: 120, noNaN: true }),
  agentMemoryLimit: fc.constantFrom(0, 0, 2, 5, 20),
});

/** The DNS update missed at some minute, and perhaps the fix (stop + reclaim) later. */
const effects = fc
  .record({ dnsAt: fc.integer({ min: 0, max: 60 }), fixAt: fc.option(fc.integer({ min: 0, max: 240 }), { nil: undefined }) })
  .map(({ dnsAt, fixAt }) => {
    const list = [effect(dnsAt, 'dns-update-missed')];
    if (fixAt !== undefined) {
      const t = Math.max(dnsAt, fixAt);
      list.push(effect(t, 'stop-leak'), effect(t, 'reclaim-memory'));
    }
    return list;
  });

describeKindProperties({ kind: resourceLeak, params, effects, minutes: 240, numRuns: 60 });

describe('resource-leak: properties of the kind', () => {
  it('never has more servers degraded than exist, nor more than 100% stuck', () => {
    fc.assert(
      fc.property(params, effects, fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }), (p, e, seed) => {
        const r = runReplay(resourceLeak, planFor(resourceLeak, p, e, 240), { random: seed === undefined ? null : createRandomSource(seed) });
        expect(Math.max(...r.series.degradedServers!)).toBeLessThanOrEqual(p.servers);
        expect(Math.max(...r.series.stuck!)).toBeLessThanOrEqual(100 + 1e-9);
      }),
      { numRuns: 40 },
    );
  });

  it('more spare room never makes the peak worse (nothing restarted)', () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 1, max: 30 }), (p, more) => {
        const peak = (spareServers: number) =>
          Math.max(...runReplay(resourceLeak, planFor(resourceLeak, { ...p, leakAlarm: 0, spareServers }, [effect(0, 'dns-update-missed')], 240)).series.stuck!);
        expect(peak(p.spareServers + more)).toBeLessThanOrEqual(peak(p.spareServers) + 1e-9);
      }),
      { numRuns: 40 },
    );
  });
});
