// Property tests of retry-storm over random parameters and random timelines (see
// test/support/kind-properties.ts, which the other kinds use the same way).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { retryStorm } from '../../src/model/kinds/retry-storm.js';
import { runReplay } from '../../src/model/engine.js';
import type { PlannedEffect } from '../../src/model/plan.js';
import { describeKindProperties, planFor } from '../support/kind-properties.js';

const params = fc.record({
  capacity: fc.double({ min: 0, max: 5000, noNaN: true }),
  load: fc.double({ min: 0, max: 5000, noNaN: true }),
  timeout: fc.double({ min: 0, max: 10, noNaN: true }),
  maxAttempts: fc.integer({ min: 1, max: 8 }),
  backoff: fc.integer({ min: 0, max: 2 }),
  baseDelay: fc.double({ min: 0, max: 5, noNaN: true }),
  maxDelay: fc.double({ min: 0, max: 30, noNaN: true }),
  jitter: fc.integer({ min: 0, max: 1 }),
  loadShedding: fc.integer({ min: 0, max: 1 }),
});

const effect: fc.Arbitrary<PlannedEffect> = fc.oneof(
  fc.record({
    t: fc.integer({ min: 0, max: 120 }),
    eventIndex: fc.constant(0),
    effect: fc.record({
      action: fc.constant('trigger'),
      with: fc.record({
        capacityFactor: fc.double({ min: 0, max: 2, noNaN: true }),
        loadFactor: fc.double({ min: 0, max: 5, noNaN: true }),
        forMinutes: fc.integer({ min: 1, max: 60 }),
      }),
    }),
  }),
  fc.record({
    t: fc.integer({ min: 0, max: 120 }),
    eventIndex: fc.constant(1),
    effect: fc.record({ action: fc.constant('add-capacity'), with: fc.record({ amount: fc.double({ min: 0, max: 3000, noNaN: true }), overMinutes: fc.integer({ min: 0, max: 30 }) }) }),
  }),
  fc.record({
    t: fc.integer({ min: 0, max: 120 }),
    eventIndex: fc.constant(2),
    effect: fc.constantFrom({ action: 'enable-load-shedding' }, { action: 'disable-load-shedding' }, { action: 'disable-retries' }, { action: 'restore' }),
  }),
  fc.record({
    t: fc.integer({ min: 0, max: 120 }),
    eventIndex: fc.constant(3),
    effect: fc.record({
      action: fc.constant('set-backoff'),
      with: fc.record({
        policy: fc.constantFrom('none', 'constant', 'exponential'),
        baseDelay: fc.double({ min: 0, max: 4, noNaN: true }),
        maxDelay: fc.double({ min: 0, max: 16, noNaN: true }),
        jitter: fc.boolean(),
        maxAttempts: fc.integer({ min: 1, max: 6 }),
      }),
    }),
  }),
);

describeKindProperties({ kind: retryStorm, params, effects: fc.array(effect, { maxLength: 6 }), minutes: 180 });

describe('retry-storm: monotone where the model says so', () => {
  it('more capacity never lowers goodput summed over the replay (no retries, no shedding)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 100, max: 2000, noNaN: true }),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.double({ min: 0, max: 3000, noNaN: true }),
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        (capacity, extra, load, timeout) => {
          const base = { capacity, load, timeout, maxAttempts: 1 };
          const effects: PlannedEffect[] = [{ t: 10, eventIndex: 0, effect: { action: 'trigger', with: { capacityFactor: 0.3, forMinutes: 20 } } }];
          const total = (p: Record<string, number>) => runReplay(retryStorm, planFor(retryStorm, p, effects, 120)).series.goodput!.reduce((a, b) => a + b, 0);
          expect(total({ ...base, capacity: capacity + extra })).toBeGreaterThanOrEqual(total(base) - 1e-6 * (1 + total(base)));
        },
      ),
      { numRuns: 100 },
    );
  });
});
