// fit tunes an action's argument: the size of an added-capacity step is a model parameter the
// timeline's `with:` names, so fit (and scenarios) can change it like any other.
import { describe, it, expect } from 'vitest';
import { fitIncident } from '../../src/analysis/fit.js';
import { runReplay } from '../../src/model/engine.js';
import { planReplay } from '../../src/model/plan.js';
import { retryStorm } from '../../src/model/kinds/retry-storm.js';
import type { Incident, ObservedPoint } from '../../src/incident/schema.js';
import { minimalIncident } from '../support/minimal-incident.js';

function incidentWith(addedCapacity: number): Incident {
  return minimalIncident({
    timeline: [
      { at: '2024-01-01 00:00', phase: 'trigger', text: 'Half the servers fail.', source: 'test', quote: 'q', effects: [{ action: 'trigger', with: { capacityFactor: 0.5 } }] },
      {
        at: '2024-01-01 00:20',
        phase: 'mitigation',
        text: 'Operators add servers.',
        source: 'test',
        quote: 'q',
        effects: [{ action: 'add-capacity', with: { amount: 'addedCapacity', overMinutes: 10 } }],
      },
    ],
    model: {
      kind: 'retry-storm',
      start: '2024-01-01 00:00',
      end: '2024-01-01 01:00',
      parameters: {
        capacity: { value: 1000, unit: 'requests/min', provenance: 'published', note: 'documented', source: 'test' },
        load: { value: 800, unit: 'requests/min', provenance: 'published', note: 'documented', source: 'test' },
        // A long timeout: nothing times out, so the queue follows load − capacity.
        timeout: { value: 1000, unit: 'min', provenance: 'published', note: 'documented', source: 'test' },
        addedCapacity: { value: addedCapacity, unit: 'requests/min', provenance: 'assumed', note: 'not published', min: 0, max: 3000 },
      },
    },
  });
}

describe('fit of an action argument', () => {
  it('recovers the size of the added-capacity step from the queue it left', async () => {
    const truth = runReplay(retryStorm, planReplay(incidentWith(700))).series.queue!;
    const point = (minute: number): ObservedPoint => ({
      series: 'queue',
      at: `2024-01-01 00:${String(minute).padStart(2, '0')}`,
      value: truth[minute]!,
      unit: 'requests',
      source: 'test',
      quote: 'q',
      tolerance: 50,
    });
    const incident = { ...incidentWith(200), observed: [point(25), point(30), point(40)] };
    const result = await fitIncident(incident, retryStorm, { params: ['addedCapacity'] });
    expect(result.parameters[0]!.before).toBe(200);
    expect(result.parameters[0]!.after).toBeCloseTo(700, -1);
    expect(result.after.maxAbsError).toBeLessThan(result.before.maxAbsError / 10);
  });
});
