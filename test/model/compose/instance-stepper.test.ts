// The generated instance stepper makes the same calls, in the same order and with the same
// clock, as the loop it replaces (used beyond 64 instances, or where code generation from
// strings is disabled).
import { describe, it, expect } from 'vitest';
import type { ComponentType } from '../../../src/model/compose/component.js';
import { instanceStepper, type StepApiMut } from '../../../src/model/compose/instance-stepper.js';

type Call = [type: string, state: unknown, api: string, t: number, dt: number];

function typesAndApis(count: number, calls: Call[]) {
  // Three component types repeated, so a call site that mixed them up would show.
  const kinds = ['a', 'b', 'c'].map(
    (name): ComponentType => ({
      type: name,
      description: '',
      parameters: {},
      stocks: {},
      flows: {},
      actions: {},
      init: () => ({}),
      step: (state, api) => void calls.push([name, state, api.name, api.t, api.dt]),
    }),
  );
  const types = Array.from({ length: count }, (_, k) => kinds[(k * 7) % 3]!);
  const apis = types.map((_, k) => ({ name: `i${k}`, t: -1, dt: -1 }) as unknown as StepApiMut);
  const states = types.map((_, k) => ({ k }));
  return { types, apis, states };
}

describe('instance stepper', () => {
  for (const count of [0, 1, 3, 10, 65]) {
    it(`steps ${count} instances like the loop, with each instance's clock set first`, () => {
      const generated: Call[] = [];
      const looped: Call[] = [];
      const g = typesAndApis(count, generated);
      const l = typesAndApis(count, looped);
      const stepGenerated = instanceStepper(g.types);
      const stepLooped = instanceStepper(l.types, -1);
      for (const [t, h] of [[0, 0.5], [0.5, 0.5], [7.25, 0.125]] as const) {
        stepGenerated(g.apis, g.states, t, h);
        stepLooped(l.apis, l.states, t, h);
      }
      expect(generated).toEqual(looped);
      expect(generated).toHaveLength(3 * count);
      if (count > 0) expect(generated[3 * count - 1]).toEqual([g.types[count - 1]!.type, { k: count - 1 }, `i${count - 1}`, 7.25, 0.125]);
    });
  }
});
