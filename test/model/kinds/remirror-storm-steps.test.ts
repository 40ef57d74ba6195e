// Step independence and linear cost of the composed remirror-storm kind (issue 8, point 5): the
// April 2011 EBS replay at 1 min, 10 s and 1 s steps, with automatic sub-stepping off so that
// every step really is that long, puts every published figure within 0.5 percentage points of
// the same error; and a step costs about the same at 1 s as at 1 min (the calls held until
// their timeout are a running sum, not a sum over the 600 one-second slots of a 10-minute
// timeout).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadIncidentFile } from '../../../src/incident/load.js';
import type { Incident } from '../../../src/incident/schema.js';
import { planReplay } from '../../../src/model/plan.js';
import { runReplay } from '../../../src/model/engine.js';
import { compileComposition } from '../../../src/model/compose/compile-composition.js';
import { componentTypes } from '../../../src/model/compose/component-types.js';
import { remirrorStormComposition } from '../../../src/model/kinds/remirror-storm.js';
import { compareObserved } from '../../../src/analysis/observed.js';

const kind = compileComposition(remirrorStormComposition, componentTypes, { substep: false });
const steps = { '1m': 1, '10s': 1 / 6, '1s': 1 / 60 } as const;

let incident: Incident;
const errors: Record<string, Map<string, number>> = {};
const costPerStep: Record<string, number> = {};

beforeAll(async () => {
  incident = (await loadIncidentFile('incidents/aws-ebs-2011-04-21.yaml')).incident!;
  for (const [label, stepMinutes] of Object.entries(steps)) {
    const plan = planReplay(incident, 'actual', { stepMinutes });
    const started = performance.now();
    const r = runReplay(kind, plan);
    costPerStep[label] = (performance.now() - started) / r.length;
    errors[label] = new Map(compareObserved(incident, r).map((c) => [c.id ?? `${c.series}@${c.at}`, c.error]));
  }
}, 300_000);

describe('remirror-storm at 1 min, 10 s and 1 s steps (no sub-steps)', () => {
  it('puts every published figure within 0.5 percentage points of the same error', () => {
    const figures = [...errors['1m']!.keys()];
    expect(figures).toHaveLength(12);
    const spread: string[] = [];
    for (const id of figures) {
      const e = Object.keys(steps).map((label) => errors[label]!.get(id)!);
      if (Math.max(...e) - Math.min(...e) > 0.5) spread.push(`${id}: ${e.map((x) => x.toFixed(3)).join(' / ')}`);
    }
    expect(spread).toEqual([]);
  });

  it('costs about the same per simulated step at 1 s as at 1 min', () => {
    // Generous bound for a shared machine; the 1-minute replay is short, so its per-step cost
    // carries the start-up (compiled closures warming up) and is if anything the higher one.
    expect(costPerStep['1s']!).toBeLessThan(3 * costPerStep['1m']! + 0.002);
  });
});
