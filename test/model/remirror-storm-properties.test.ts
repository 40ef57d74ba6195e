// Properties of the `remirror-storm` kind over random clusters and timelines (fast-check):
// volumes conserved across their states at every step, no count negative, reproducible runs
// (the shared harness), and more spare capacity never makes the peak worse.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeKindProperties, planFor } from '../support/kind-properties.js';
import { runReplay } from '../../src/model/engine.js';
import type { PlannedEffect } from '../../src/model/plan.js';
import { remirrorStorm } from '../../src/model/kinds/remirror-storm.js';

const minutes = 300;
const pct = (max = 100) => fc.double({ min: 0, max, noNaN: true });

const paramsArb = fc.record({
  volumes: fc.integer({ min: 0, max: 200_000 }),
  nodes: fc.integer({ min: 0, max: 2000 }),
  replicasPerVolume: fc.integer({ min: 1, max: 3 }),
  isolatedNodes: pct(),
  spareCapacity: pct(),
  reconnectPrevious: pct(),
  searchAttemptsPerMin: fc.double({ min: 0, max: 120, noNaN: true }),
  raceCrashesPerBillionAttempts: fc.double({ min: 0, max: 1e5, noNaN: true }),
  lastCopyShare: pct(),
  spaceReleasedPerHour: pct(5),
  electionNeeded: pct(),
  throttledReleasePerHour: fc.double({ min: 0, max: 5, noNaN: true }),
  dedicatedReleasePerHour: fc.double({ min: 0, max: 20, noNaN: true }),
  newCapacityPerHour: pct(10),
  controlPlaneThreads: fc.integer({ min: 0, max: 5000 }),
  otherZonesThreads: fc.integer({ min: 0, max: 5000 }),
  createVolumeCallsPerMin: fc.double({ min: 0, max: 1000, noNaN: true }),
  createVolumeTimeout: fc.double({ min: 0, max: 30, noNaN: true }),
  createVolumeTimeoutSpread: pct(),
  negotiationRetriesPerMin: fc.double({ min: 0, max: 5, noNaN: true }),
  negotiationThreadMinutes: fc.double({ min: 0, max: 2, noNaN: true }),
  degradedZoneShare: pct(),
  snapshotShare: pct(),
  unrecoverableShare: pct(),
  snapshotRestorePerHour: pct(5),
  forensicRestorePerHour: pct(5),
  volumesPerRdsInstance: fc.integer({ min: 1, max: 8 }),
});

const actionNames = Object.keys(remirrorStorm.actions);

/** Any subset of the actions, each at a random minute, in time order. */
const effectsArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: minutes }), fc.constantFrom(...actionNames)), { maxLength: 14 })
  .map((list) =>
    list
      .sort((a, b) => a[0] - b[0])
      .map(([t, action], eventIndex): PlannedEffect => ({ t, eventIndex, effect: { action } })),
  );

describeKindProperties({ kind: remirrorStorm, params: paramsArb, effects: effectsArb, minutes, numRuns: 60 });

/** The April 2011 sequence of actions, compressed into five hours. */
const storyline: PlannedEffect[] = (
  [
    [5, 'partition'],
    [6, 'rollback-partition'],
    [40, 'disable-create-volume'],
    [90, 'disable-control-plane-link'],
    [120, 'stop-futile-search'],
    [150, 'add-capacity'],
    [200, 'throttle-control-plane-link'],
    [230, 'open-dedicated-control-plane'],
    [250, 'enable-control-plane-link'],
    [255, 'enable-create-volume'],
    [255, 'start-snapshot-restores'],
    [270, 'start-forensic-restores'],
  ] as const
).map(([t, action], eventIndex) => ({ t, eventIndex, effect: { action } }));

describe('remirror-storm: more spare capacity', () => {
  it('never makes the peak of stuck volumes or of crashed nodes worse', () => {
    fc.assert(
      fc.property(paramsArb, pct(), pct(), (params, a, b) => {
        const [less, more] = a <= b ? [a, b] : [b, a];
        const peak = (spare: number, series: string) =>
          Math.max(...runReplay(remirrorStorm, planFor(remirrorStorm, { ...params, spareCapacity: spare }, storyline, minutes)).series[series]!);
        expect(peak(more, 'stuck')).toBeLessThanOrEqual(peak(less, 'stuck') + 1e-9);
        expect(peak(more, 'crashedNodes')).toBeLessThanOrEqual(peak(less, 'crashedNodes') + 1e-9);
      }),
      { numRuns: 60 },
    );
  });
});
