// Step independence of the `resource-leak` kind (issue 8, point 5): the EBS 2012 replay at
// 1 min, 10 s and 1 s steps, with automatic sub-stepping off so the check is not trivially true,
// lands on every published figure within 0.5 percentage points of the 1-minute errors.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadIncidentFile } from '../../../src/incident/load.js';
import type { Incident } from '../../../src/incident/schema.js';
import { planReplay } from '../../../src/model/plan.js';
import { runReplay } from '../../../src/model/engine.js';
import { compareObserved } from '../../../src/analysis/observed.js';
import { compileComposition } from '../../../src/model/compose/compile-composition.js';
import { componentTypes } from '../../../src/model/compose/component-types.js';
import { resourceLeakComposition } from '../../../src/model/kinds/resource-leak.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const plain = compileComposition(resourceLeakComposition, componentTypes, { substep: false });
let incident: Incident;

beforeAll(async () => {
  incident = (await loadIncidentFile(path.join(root, 'incidents/aws-ebs-2012-10-22.yaml'))).incident!;
});

const errorsAt = (stepMinutes: number) =>
  compareObserved(incident, runReplay(plain, planReplay(incident, 'actual', { stepMinutes }))).map((c) => ({ id: c.id, error: c.error, within: c.within }));

describe('resource-leak: results do not depend on the step', () => {
  it('agrees at 1 min, 10 s and 1 s on every published-figure error within 0.5 points', () => {
    const minute = errorsAt(1);
    for (const step of [10 / 60, 1 / 60]) {
      const fine = errorsAt(step);
      expect(fine.map((c) => c.id)).toEqual(minute.map((c) => c.id));
      for (let k = 0; k < fine.length; k++) {
        expect(Math.abs(fine[k]!.error - minute[k]!.error), `${fine[k]!.id} at ${step * 60} s`).toBeLessThanOrEqual(0.5);
        expect(fine[k]!.within, `${fine[k]!.id} at ${step * 60} s`).toBe(true);
      }
    }
  });
});
