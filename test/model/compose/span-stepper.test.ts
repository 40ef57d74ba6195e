// The generated span loop records and steps exactly as its plain twin (used beyond 64
// instances, or where code generation from strings is disabled): the same calls in the same
// order with the same clock, the same samples at the same places.
import { describe, it, expect } from 'vitest';
import type { ComponentType } from '../../../src/model/compose/component.js';
import { compileProgram, seriesRecorder, type Leaf } from '../../../src/model/compose/series-program.js';
import { spanStepper, type SpanWorld } from '../../../src/model/compose/span-stepper.js';
import type { StepApiMut } from '../../../src/model/compose/instance-stepper.js';

type Call = [type: string, instance: number, t: number, dt: number];

// Three component types repeated; each moves a share of stock 0 into its own stock and counts
// it on its own flow, so a step out of order or a flow not cleared changes the series.
function worldOf(count: number, calls: Call[]): { types: ComponentType[]; world: SpanWorld } {
  const kinds = ['a', 'b', 'c'].map(
    (name, j): ComponentType => ({
      type: name,
      description: '',
      parameters: {},
      stocks: {},
      flows: {},
      actions: {},
      init: () => ({}),
      step: (state: { k: number }, api) => {
        calls.push([name, state.k, api.t, api.dt]);
        const amount = api.values[0]! * 0.01 * (j + 1) * api.dt;
        api.values[0] -= amount;
        api.values[1 + state.k] += amount;
        (api as unknown as { flows: Float64Array }).flows[state.k] += amount + api.t;
      },
    }),
  );
  const types = Array.from({ length: count }, (_, k) => kinds[(k * 7) % 3]!);
  const values = new Float64Array(count + 1);
  values[0] = 1000;
  const flows = new Float64Array(count);
  const apis = types.map((_, k) => ({ name: `i${k}`, t: -1, dt: -1, values, flows }) as unknown as StepApiMut);
  const states = types.map((_, k) => ({ k }));
  return { types, world: { values, flows, params: Float64Array.from([2]), apis, states, dt: 1, substeps: 1 } };
}

const leaf = (count: number) => (name: string): Leaf | string => {
  if (name === 'left') return { values: [0] };
  if (name === 'moved') return { values: Array.from({ length: count }, (_, k) => 1 + k) };
  if (name === 'rate') return { flows: Array.from({ length: count }, (_, k) => k) };
  if (name === 'k') return { param: 0 };
  return `unknown ${name}`;
};

describe('span stepper', () => {
  for (const count of [1, 3, 10, 65]) {
    for (const substeps of [1, 3]) {
      it(`${count} instances, ${substeps} sub-step(s): generated and plain loops agree sample for sample`, () => {
        const programs = ['left', 'moved / k', 'rate', 'max(rate, left) / (left - left)'].map((src) => compileProgram(src, leaf(count)));
        const run = (unrollUpTo: number) => {
          const calls: Call[] = [];
          const { types, world } = worldOf(count, calls);
          world.substeps = substeps;
          const span = spanStepper(types, count, programs, seriesRecorder(programs), unrollUpTo);
          // Two columns per run (stride 2, offset 1); two spans, the second ending at the last sample.
          const columns = programs.map(() => new Float64Array(2 * 12 + 1).fill(-1));
          span(world, 0.5, 0, 5, 11, columns, 1, 2);
          span(world, 0.5, 5, 12, 11, columns, 11, 2);
          return { calls, columns, values: world.values, dt: world.dt };
        };
        const generated = run(64);
        const plain = run(-1);
        expect(generated.calls).toEqual(plain.calls);
        expect(generated.columns).toEqual(plain.columns);
        expect(generated.values).toEqual(plain.values);
        // No step after the last sample: 11 steps of `substeps` sub-steps for every instance.
        expect(generated.calls).toHaveLength(11 * substeps * count);
        expect(generated.calls.at(-1)).toEqual([plain.calls.at(-1)![0], count - 1, 10 * 0.5 + (substeps - 1) * (0.5 / substeps), 0.5 / substeps]);
        // Sample i at 1 + 2i; the even places are left alone.
        expect(generated.columns[0]![0]).toBe(-1);
        expect(generated.columns[0]![1]).toBe(1000);
        expect(generated.columns[0]![2]).toBe(-1);
        expect(generated.columns[0]![23]).toBe(plain.values[0]);
        expect(generated.dt).toBe(0.5);
      });
    }
  }
});
