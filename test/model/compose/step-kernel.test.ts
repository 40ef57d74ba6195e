// Components with a kernel (capacity, open-clients, service-queue) have their step written into
// the generated span loop. The kernel must do what `step` does to the bit: here every action of
// the three, a parameter `set`, sub-steps, seeds, a source port wired to a plain stock (so the
// kernel's clamp runs) and an unwired one (a source, no clamp) are replayed both ways, the span
// (kernels) against the sample loop (each instance's `step`, which a test's onStep keeps).
import { describe, it, expect } from 'vitest';
import type { Composition } from '../../../src/model/compose/composition.js';
import { compileComposition } from '../../../src/model/compose/compile-composition.js';
import { componentTypes } from '../../../src/model/compose/component-types.js';
import { kernelEmitter } from '../../../src/model/compose/step-kernel.js';
import type { ComponentType } from '../../../src/model/compose/component.js';
import { InstanceApi } from '../../../src/model/compose/instance-api.js';
import { compileProgram, seriesRecorder } from '../../../src/model/compose/series-program.js';
import { spanStepper } from '../../../src/model/compose/span-stepper.js';
import { SOURCE } from '../../../src/model/compose/instance-api.js';
import { runReplay, type SeriesSet } from '../../../src/model/engine.js';
import type { PlannedEffect, ReplayPlan } from '../../../src/model/plan.js';
import { createRandomSource } from '../../../src/model/random.js';
import type { Effect } from '../../../src/incident/schema.js';

export const composition: Composition = {
  id: 'kernel-check',
  description: 'two services behind one client population, every action of the three components',
  parameters: {
    capacity: { unit: 'requests/min', description: '', min: 0 },
    load: { unit: 'requests/min', description: '', min: 0 },
    timeout: { unit: 'min', description: '', min: 0 },
    wasted: { unit: 'flag', description: '', min: 0, max: 1 },
  },
  stocks: {
    capacityNow: { unit: 'requests/min' },
    incoming: { unit: 'requests' },
    succeeded: { unit: 'requests' },
    failed: { unit: 'requests' },
    // A plain stock on a port whose own default is a source: moves out of it are clamped.
    backlog: { unit: 'work', initial: 40000 },
    queue2: { unit: 'work' },
  },
  components: {
    scaling: { type: 'capacity', parameters: { capacity: 'capacity' }, stocks: { capacity: 'capacityNow' } },
    clients: {
      type: 'open-clients',
      parameters: { load: 'load', maxAttempts: 4, backoff: 2, baseDelay: 1, maxDelay: 8, jitter: 1 },
      stocks: { incoming: 'incoming', succeeded: 'succeeded', failed: 'failed' },
    },
    service: {
      type: 'service-queue',
      parameters: { timeout: 'timeout', wastedWork: 'wasted' },
      stocks: { incoming: 'incoming', capacity: 'capacityNow', succeeded: 'succeeded', failed: 'failed', work: 'backlog', queue: 'queue2' },
    },
  },
  series: {
    goodput: { expr: 'service.good', title: '', unit: 'requests/min', description: '' },
    errors: { expr: '100 * (service.shed + service.timedOut) / service.offered', title: '', unit: 'percent', description: '' },
    queue: { expr: 'queue2', title: '', unit: 'work', description: '' },
    backlog: { expr: 'backlog', title: '', unit: 'work', description: '' },
    retries: { expr: 'clients.retries + clients.collected', title: '', unit: 'requests/min', description: '' },
    capacity: { expr: 'capacityNow', title: '', unit: 'requests/min', description: '' },
  },
  primarySeries: 'errors',
  actions: {
    trigger: { description: '', targets: ['scaling.trigger', 'clients.trigger'] },
    restore: { description: '', targets: ['scaling.restore', 'clients.restore'] },
    add: { description: '', targets: ['scaling.add'] },
    remove: { description: '', targets: ['scaling.remove'] },
    pause: { description: '', targets: ['clients.pause'] },
    resume: { description: '', targets: ['clients.resume'] },
    'set-backoff': { description: '', targets: ['clients.set-backoff'] },
    'disable-retries': { description: '', targets: ['clients.disable-retries'] },
    shed: { description: '', targets: ['service.enable-load-shedding'] },
    'stop-shedding': { description: '', targets: ['service.disable-load-shedding'] },
    flush: { description: '', targets: ['service.flush'] },
  },
};

const at = (t: number, effect: Effect): PlannedEffect => ({ t, eventIndex: -1, effect });
const effects: PlannedEffect[] = [
  at(10, { action: 'trigger', with: { capacityFactor: 0.4, forMinutes: 30 } }),
  at(25, { action: 'trigger', with: { loadFactor: 2.5, forMinutes: 20 } }),
  at(60, { action: 'set-backoff', with: { policy: 'constant', baseDelay: 3, jitter: false, maxAttempts: 3 } }),
  at(80, { action: 'shed' }),
  at(95, { action: 'pause' }),
  at(110, { action: 'resume' }),
  at(120, { action: 'stop-shedding' }),
  at(130, { action: 'flush' }),
  at(140, { set: { load: 1300, timeout: 0.25, wasted: 0 } }),
  at(150, { action: 'add', with: { amount: 400, overMinutes: 25 } }),
  at(170, { action: 'remove', with: { amount: 100 } }),
  at(185, { action: 'restore' }),
  at(200, { action: 'disable-retries' }),
];

export function planAt(stepMinutes: number): ReplayPlan {
  return { kind: 'kernel-check', zone: 'UTC', startMs: 0, endMs: 240 * 60_000, stepMinutes, params: { capacity: 1000, load: 800, timeout: 0.5, wasted: 1 }, effects, scenarioId: 'actual' };
}

function expectSameSamples(a: SeriesSet, b: SeriesSet, what: string): void {
  for (const [name, column] of Object.entries(a.series)) {
    const other = b.series[name]!;
    const first = column.findIndex((v, i) => !Object.is(v, other[i]));
    expect(first, `${what}: series \`${name}\` first differs at sample ${first}: ${column[first]} against ${other[first]}`).toBe(-1);
  }
}

describe('step kernels', () => {
  const kind = compileComposition(composition, componentTypes);

  it('the span with kernels gives the samples of the steps, at 1 min, 20 s and 7 min (sub-steps), and with seeds', () => {
    for (const stepMinutes of [1, 1 / 3, 7]) {
      const plan = planAt(stepMinutes);
      const spanned = runReplay(kind, plan);
      // The run is not trivial: errors and a queue happen, and the backlog runs out (clamped moves).
      expect(Math.max(...spanned.series.errors!)).toBeGreaterThan(5);
      expect(Math.max(...spanned.series.queue!)).toBeGreaterThan(100);
      expect(Math.min(...spanned.series.backlog!)).toBe(0);
      expectSameSamples(spanned, runReplay(kind, plan, { onStep: () => {} }), `deterministic at ${stepMinutes} min`);
      for (const seed of [3, 4]) {
        expectSameSamples(
          runReplay(kind, plan, { random: createRandomSource(seed) }),
          runReplay(kind, plan, { random: createRandomSource(seed), onStep: () => {} }),
          `seed ${seed} at ${stepMinutes} min`,
        );
      }
    }
  });

  it('writes a move with the clamp only out of a stock that is not a source, and refuses a port it does not know', () => {
    const roles = Uint8Array.from([0, SOURCE, 0]);
    const emit = kernelEmitter(2, { port: { a: 0, src: 1, b: 2 }, flow: { moved: 5 }, roles });
    const fromStock = emit.move('a', 'b', 'x * 2', 'moved', 'got');
    const fromSource = emit.move('src', 'b', 'x', 'moved');
    expect(fromStock).toContain('if (m > have)');
    expect(fromSource).not.toContain('if (m > have)');
    const run = (code: string, v: number[], x: number) => {
      const f = new Float64Array(6);
      const values = Float64Array.from(v);
      const got = new Function('v', 'f', 'x', `let got = NaN; ${code} return got;`)(values, f, x) as number;
      return { values: [...values], flow: f[5], got };
    };
    expect(run(fromStock, [3, 0, 1], 1)).toEqual({ values: [1, 0, 3], flow: 2, got: 2 });
    expect(run(fromStock, [3, 0, 1], 5)).toEqual({ values: [0, 0, 4], flow: 3, got: 3 });
    expect(run(fromStock, [3, 0, 1], -1)).toEqual({ values: [3, 0, 1], flow: 0, got: 0 });
    expect(run(fromStock, [3, 0, 1], Number.NaN)).toEqual({ values: [3, 0, 1], flow: 0, got: 0 });
    expect(run(fromSource, [0, 0, 1], 5)).toEqual({ values: [0, -5, 6], flow: 5, got: Number.NaN });
    expect(emit.helper(1)).toBe('H2_1');
    expect(() => emit.move('a', 'nowhere', '1', 'moved')).toThrow(/port/);
    expect(() => emit.count('nothing', '1')).toThrow(/flow/);
  });

  it('an instance whose kernel cannot be written has its step called instead, with the same result', () => {
    // A drain: half of `from` to `to` each step, counted on `drained`; its kernel does the same.
    const drain: ComponentType = {
      type: 'drain',
      description: '',
      parameters: {},
      stocks: {},
      flows: {},
      actions: {},
      init: () => ({ calls: 0 }),
      step: (s: { calls: number }, api) => {
        s.calls++;
        api.move(api.port.from!, api.port.to!, api.values[api.port.from!]! * 0.5 * api.dt, api.flow.drained!);
      },
      kernel: { helpers: [], source: (e) => e.move('from', 'to', `v[${e.port('from')}] * 0.5 * a.dt`, 'drained') },
    };
    // The same with a kernel that names a port the instance does not have.
    const broken: ComponentType = { ...drain, kernel: { helpers: [], source: (e) => e.move('elsewhere', 'to', '1', 'drained') } };
    const run = (unrollUpTo: number) => {
      const values = Float64Array.from([100, 0, 0]);
      const flows = new Float64Array(2);
      const roles = new Uint8Array(3);
      const wiring = [{ port: { from: 0, to: 1 }, flow: { drained: 0 } }, { port: { from: 1, to: 2 }, flow: { drained: 1 } }];
      const apis = wiring.map((w, k) => new InstanceApi(`d${k}`, 0, 1, w.port, w.flow, values, flows, roles));
      const states = [{ calls: 0 }, { calls: 0 }];
      const programs = ['left', 'right'].map((src) => compileProgram(src, (name) => ({ values: [name === 'left' ? 1 : 2] })));
      const span = spanStepper([drain, broken], 2, programs, seriesRecorder(programs), unrollUpTo, { instances: wiring, roles });
      const columns = [new Float64Array(6), new Float64Array(6)];
      span({ values, flows, params: new Float64Array(0), apis, states, dt: 1, substeps: 2 }, 1, 0, 6, 5, columns, 0, 1);
      return { values: [...values], flows: [...flows], columns: columns.map((c) => [...c]), calls: states.map((s) => s.calls) };
    };
    const generated = run(64);
    const plain = run(-1);
    // Five steps of two sub-steps: the first instance ran as its kernel, the second by its step.
    expect(generated.calls).toEqual([0, 10]);
    expect(plain.calls).toEqual([10, 10]);
    expect({ ...generated, calls: [] }).toEqual({ ...plain, calls: [] });
    expect(generated.values[2]).toBeGreaterThan(0);
  });
});
