// The engine against kinds simple enough to solve in closed form.
import { describe, it, expect } from 'vitest';
import { paramsWithDefaults, planProblems, ReplayError, runReplay, sampleCount } from '../../src/model/engine.js';
import { planReplay, PlanError } from '../../src/model/plan.js';
import type { ModelKind } from '../../src/model/types.js';
import { minimalIncident } from '../support/minimal-incident.js';

// x grows at `rate` per minute; `bump` adds `by` at once; `log` records the order of actions.
interface Linear {
  x: number;
  log: string[];
}
const linear: ModelKind<Linear> = {
  id: 'linear',
  description: 'x grows at a constant rate',
  parameters: {
    rate: { unit: '1/min', description: 'growth per minute' },
    start: { unit: '1', description: 'x at the start', default: 5 },
  },
  series: { x: { title: 'x', unit: '1', description: 'the value' } },
  primarySeries: 'x',
  actions: {
    bump: { description: 'add to x', args: { by: { description: 'amount', required: true } } },
    fail: { description: 'rejects its arguments' },
  },
  init: (ctx) => ({ x: ctx.params.start!, log: [] }),
  apply(s, action, args) {
    if (action === 'fail') throw new Error('fail: bad argument');
    s.x += Number(args.by);
    s.log.push(`${action}:${args.by}`);
  },
  step(s, ctx) {
    s.x += ctx.params.rate! * ctx.dt;
  },
  observe(s, _ctx, out) {
    out.x = s.x;
  },
};

// x decays at `k` per minute: an explicit Euler step gives x(n) = x0·(1 − k·dt)^n exactly.
const decay: ModelKind<{ x: number }> = {
  id: 'decay',
  description: 'exponential decay',
  parameters: { k: { unit: '1/min', description: 'decay rate' } },
  series: { x: { title: 'x', unit: '1', description: 'the value' } },
  primarySeries: 'x',
  actions: {},
  init: () => ({ x: 1000 }),
  apply: () => {},
  step(s, ctx) {
    s.x -= ctx.params.k! * s.x * ctx.dt;
  },
  observe(s, _ctx, out) {
    out.x = s.x;
  },
};

const incident = minimalIncident({
  timeline: [
    { id: 'first', at: '2024-01-01 00:10', phase: 'trigger', text: 'a', source: 'test', quote: 'a', effects: [{ action: 'bump', with: { by: 100 } }] },
    { id: 'second', at: '2024-01-01 00:10', phase: 'impact', text: 'b', source: 'test', quote: 'b', effects: [{ action: 'bump', with: { by: 1 } }] },
    { id: 'speed-up', at: '2024-01-01 00:20', phase: 'mitigation', text: 'c', source: 'test', quote: 'c', effects: [{ set: { rate: 10 } }] },
  ],
  model: {
    kind: 'linear',
    start: '2024-01-01 00:00',
    end: '2024-01-01 00:30',
    parameters: { rate: { value: 2, unit: '1/min', provenance: 'assumed', note: 'test' } },
  },
  scenarios: [
    { id: 'without-first', title: 'No first', rationale: 'r', timeline: { remove: ['first'] } },
    { id: 'later', title: 'Later', rationale: 'r', timeline: { shift: [{ event: 'first', by: '5m' }] } },
    {
      id: 'extra',
      title: 'Extra',
      rationale: 'r',
      timeline: { add: [{ at: '2024-01-01 00:05', phase: 'mitigation', text: 'd', effects: [{ action: 'bump', with: { by: 1000 } }] }] },
    },
    { id: 'faster', title: 'Faster', rationale: 'r', parameters: { rate: 3 } },
  ],
});

const x = (scenario = 'actual', step?: number) =>
  runReplay(linear, planReplay(incident, scenario, step ? { stepMinutes: step } : {})).series.x!;

describe('runReplay', () => {
  it('matches the closed form of a constant rate, with parameter defaults filled in', () => {
    const s = runReplay(linear, { ...planReplay(incident), effects: [] }).series.x!;
    expect(s.length).toBe(31);
    for (let n = 0; n <= 30; n++) expect(s[n]).toBe(5 + 2 * n);
  });

  it('matches x0·(1 − k·dt)^n for explicit decay, at any step size', () => {
    for (const dt of [1, 5, 0.5]) {
      const plan = { kind: 'decay', zone: 'UTC', startMs: 0, endMs: 60 * 60_000, stepMinutes: dt, params: { k: 0.05 }, effects: [], scenarioId: 'actual' };
      const s = runReplay(decay, plan);
      expect(s.length).toBe(60 / dt + 1);
      for (let n = 0; n < s.length; n++) expect(s.series.x![n]).toBeCloseTo(1000 * (1 - 0.05 * dt) ** n, 9);
    }
  });

  it('applies effects at their minute, before that minute is sampled, in file order when simultaneous', () => {
    const s = x();
    expect(s[9]).toBe(5 + 18);
    expect(s[10]).toBe(5 + 20 + 101);
    let order: string[] = [];
    runReplay(linear, planReplay(incident), { onStep: (state) => (order = (state as Linear).log) });
    expect(order).toEqual(['bump:100', 'bump:1']);
  });

  it('applies `set` effects from their time on', () => {
    const s = x();
    expect(s[20]).toBe(5 + 40 + 101);
    expect(s[21]).toBe(5 + 40 + 101 + 10);
    expect(s[30]).toBe(5 + 40 + 101 + 100);
  });

  it('samples at the step size asked for, and applies an effect between samples at the next one', () => {
    const s = x('actual', 3);
    expect(s.length).toBe(11);
    expect(s[3]).toBe(5 + 18);
    expect(s[4]).toBe(5 + 24 + 101); // minute 12: the bump at minute 10 is in
    expect(sampleCount({ startMs: 0, endMs: 30 * 60_000, stepMinutes: 7 })).toBe(5);
  });

  it('follows scenario timeline edits: remove, shift, add', () => {
    expect(x('without-first')[10]).toBe(5 + 20 + 1);
    const later = x('later');
    expect(later[14]).toBe(5 + 28 + 1);
    expect(later[15]).toBe(5 + 30 + 101);
    expect(x('extra')[5]).toBe(5 + 10 + 1000);
  });

  it('uses scenario parameter overrides until a `set` changes them', () => {
    const s = x('faster');
    expect(s[5]).toBe(5 + 15);
    expect(s[21]).toBe(5 + 60 + 101 + 10);
  });

  it('writes into a strided output when given one', () => {
    const out = { x: new Float64Array(31 * 2).fill(-1) };
    runReplay(linear, planReplay(incident), { output: { series: out, offset: 1, stride: 2 } });
    expect(out.x[0]).toBe(-1);
    expect(out.x[1]).toBe(5);
    expect(out.x[3]).toBe(7);
  });

  it('reports an action the kind rejects as a ReplayError naming the action and the minute', () => {
    const plan = { ...planReplay(incident), effects: [{ t: 4, eventIndex: 0, effect: { action: 'fail' } }] };
    expect(() => runReplay(linear, plan)).toThrow(ReplayError);
    expect(() => runReplay(linear, plan)).toThrow('action `fail` at minute 4: fail: bad argument');
  });
});

describe('planProblems and planReplay', () => {
  it('lists missing parameters, unknown actions and unknown `set` parameters', () => {
    const plan = {
      ...planReplay(incident),
      params: {},
      effects: [
        { t: 1, eventIndex: 0, effect: { action: 'jump' } },
        { t: 2, eventIndex: 1, effect: { set: { speed: 1 } } },
      ],
    };
    expect(planProblems(linear, plan)).toEqual([
      'the `linear` model needs parameter `rate`, which the incident does not give',
      'the `linear` model has no action `jump` (at minute 1); its actions are bump, fail',
      '`set` changes parameter `speed` (at minute 2), which the `linear` model does not read',
    ]);
    expect(planProblems(linear, planReplay(incident))).toEqual([]);
  });

  it('fills defaults without overriding given values', () => {
    expect(paramsWithDefaults(linear, { rate: 1 })).toEqual({ start: 5, rate: 1 });
    expect(paramsWithDefaults(linear, { rate: 1, start: 0 })).toEqual({ start: 0, rate: 1 });
  });

  it('refuses an unknown scenario, naming the known ones', () => {
    expect(() => planReplay(incident, 'nope')).toThrow(PlanError);
    expect(() => planReplay(incident, 'nope')).toThrow('known: actual, without-first, later, extra, faster');
  });
});
