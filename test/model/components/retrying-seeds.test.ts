// The retry rings with a seed dimension against the scalar rings they repeat: for any policy,
// any outcomes and a change of policy on the way, seed r of the batch holds, to the bit, what a
// scalar ring fed seed r's outcomes holds.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createRetryingClients, settleAttempts, takeDueRetries, withRetryPolicy, type RetryPolicy } from '../../../src/model/components/retrying-clients.js';
import { createRetryingSeeds, nextSlot, settleSeeds, takeDueSeeds, withRetryPolicySeeds } from '../../../src/model/components/retrying-seeds.js';

const policy: fc.Arbitrary<RetryPolicy> = fc.record({
  maxAttempts: fc.integer({ min: 1, max: 6 }),
  backoff: fc.constantFrom('none' as const, 'constant' as const, 'exponential' as const),
  baseDelayMinutes: fc.double({ min: 0, max: 5, noNaN: true }),
  maxDelayMinutes: fc.double({ min: 0, max: 12, noNaN: true }),
  jitter: fc.boolean(),
});

describe('retry rings over seeds', () => {
  it('hold, seed by seed, what the scalar rings hold (any policy, outcomes, a policy change)', () => {
    const seeds = 3;
    const outcome = fc.record({ first: fc.double({ min: -1, max: 500, noNaN: true }), share: fc.double({ min: -0.2, max: 1.2, noNaN: true }) });
    fc.assert(
      fc.property(policy, policy, fc.array(fc.array(outcome, { minLength: seeds, maxLength: seeds }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 29 }), (p, q, steps, switchAt) => {
        const dt = 0.5;
        let scalar = Array.from({ length: seeds }, () => createRetryingClients(p, dt));
        let batch = createRetryingSeeds(p, dt, seeds);
        const retries = new Float64Array(seeds);
        steps.forEach((outcomes, k) => {
          if (k === switchAt) {
            scalar = scalar.map((c) => withRetryPolicy(c, q));
            batch = withRetryPolicySeeds(batch, q);
          }
          const due = scalar.map((c) => takeDueRetries(c));
          takeDueSeeds(batch, retries);
          expect(Array.from(retries)).toEqual(due);
          scalar.forEach((c, r) => settleAttempts(c, outcomes[r]!.first, outcomes[r]!.share));
          settleSeeds(batch, Float64Array.from(outcomes, (o) => o.first), Float64Array.from(outcomes, (o) => o.share));
          batch.slot = nextSlot(batch);
          scalar.forEach((c, r) => {
            expect(batch.slot).toBe(c.slot);
            expect([batch.waiting[r], batch.gaveUp[r], batch.retried[r]]).toEqual([c.waiting, c.gaveUp, c.retried]);
            for (let l = 0; l < c.levels; l++) {
              for (let s = 0; s < c.ringLength; s++) expect(batch.due[(l * c.ringLength + s) * seeds + r]).toBe(c.due[l * c.ringLength + s]);
            }
          });
        });
      }),
      { numRuns: 200 },
    );
  });
});
