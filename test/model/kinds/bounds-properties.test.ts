// Every value that validates replays: for each built-in kind, parameters drawn from the valid
// bounds the kind declares (near the seed incident's values, and at the bounds themselves)
// never make the replay of the seed timeline fail, and never produce a non-finite sample.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadIncidentFile } from '../../../src/incident/load.js';
import { planReplay } from '../../../src/model/plan.js';
import { runReplay } from '../../../src/model/engine.js';
import { kindForIncident } from '../../../src/replay/replay-incident.js';
import type { ParameterSpec } from '../../../src/model/types.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const seeds = ['aws-ebs-2011-04-21', 'aws-ebs-2012-10-22', 'aws-kinesis-2020-11-25'];

/** A value of `spec`: the seed's value scaled by up to 1000× either way, or a bound, kept valid. */
function valueOf(spec: ParameterSpec, seed: number): fc.Arbitrary<number> {
  const lo = spec.min ?? -1e6;
  const hi = spec.max ?? 1e6;
  const clampInt = (x: number) => {
    const v = Math.min(hi, Math.max(lo, x));
    return spec.integer ? Math.min(Math.floor(hi), Math.max(Math.ceil(lo), Math.round(v))) : v;
  };
  const base = seed !== 0 ? seed : (lo + hi) / 2 || 1;
  return fc.oneof(
    fc.double({ min: -3, max: 3, noNaN: true }).map((u) => clampInt(base * 10 ** u)),
    fc.constantFrom(lo, hi).map(clampInt),
    fc.double({ min: lo, max: hi, noNaN: true }).map(clampInt),
  );
}

describe('values within the declared bounds always replay', () => {
  for (const id of seeds) {
    it(`${id}: no failure and no non-finite sample for parameters drawn from the bounds`, async () => {
      const file = path.join(root, 'incidents', `${id}.yaml`);
      const { incident } = await loadIncidentFile(file);
      const kind = await kindForIncident(incident!, file);
      // The seed timeline at a 10-minute step keeps each replay short.
      const plan = planReplay(incident!, 'actual', { stepMinutes: 10 });
      const names = Object.keys(kind.parameters);
      const record = fc.record(Object.fromEntries(names.map((n) => [n, valueOf(kind.parameters[n]!, plan.params[n] ?? kind.parameters[n]!.default ?? 0)])));
      fc.assert(
        fc.property(record, (params) => {
          const set = runReplay(kind, { ...plan, params: { ...plan.params, ...params } });
          for (const [name, values] of Object.entries(set.series)) {
            for (let i = 0; i < values.length; i++) {
              if (!Number.isFinite(values[i]!)) throw new Error(`${name}[${i}] is ${values[i]} with ${JSON.stringify(params)}`);
            }
          }
        }),
        { numRuns: 60 },
      );
      expect(names.length).toBeGreaterThan(0);
    }, 60_000);
  }
});
