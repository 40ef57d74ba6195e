// member-failover against closed forms: an exponential start of the moves (exact at any step),
// the two-stage stuck → moving → moved solution at a fine step, the plateau set by the spare
// room, oldest-failed-first recovery; and conservation of volumes and room at every step.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileComposition } from '../../../src/model/compose/compile-composition.js';
import type { Composition } from '../../../src/model/compose/composition.js';
import { componentTypes } from '../../../src/model/compose/component-types.js';
import { runReplay } from '../../../src/model/engine.js';
import type { PlannedEffect, ReplayPlan } from '../../../src/model/plan.js';
import { memberDriver } from '../../support/member-driver.js';

const registry = { ...componentTypes, [memberDriver.type]: memberDriver };

const composition: Composition = {
  id: 'failover-test',
  description: 'members driven by hand, their volumes failing over',
  parameters: {
    members: { unit: 'servers', description: '' },
    perMember: { unit: 'volumes', description: '' },
    room: { unit: 'volumes', description: '' },
    startMinutes: { unit: 'min', description: '' },
    finishMinutes: { unit: 'min', description: '' },
  },
  stocks: {
    up: { unit: 'servers' },
    down: { unit: 'servers' },
    serving: { unit: 'volumes' },
    stuck: { unit: 'volumes' },
    moving: { unit: 'volumes' },
    moved: { unit: 'volumes' },
    free: { unit: 'volume slots' },
  },
  components: {
    driver: { type: 'member-driver', parameters: { members: 'members' }, stocks: { up: 'up', down: 'down' } },
    failover: {
      type: 'member-failover',
      parameters: { members: 'members', volumesPerMember: 'perMember', spareRoom: 'room', startMinutes: 'startMinutes', finishMinutes: 'finishMinutes' },
      stocks: { failed: 'down', serving: 'serving', stuck: 'stuck', moving: 'moving', moved: 'moved', spareFree: 'free' },
    },
  },
  series: {
    serving: { expr: 'serving', title: '', unit: 'volumes', description: '' },
    stuck: { expr: 'stuck', title: '', unit: 'volumes', description: '' },
    moving: { expr: 'moving', title: '', unit: 'volumes', description: '' },
    moved: { expr: 'moved', title: '', unit: 'volumes', description: '' },
    free: { expr: 'free', title: '', unit: 'volume slots', description: '' },
  },
  primarySeries: 'stuck',
};
const kind = compileComposition(composition, registry);

const at = (t: number, action: string, n: number): PlannedEffect => ({ t, eventIndex: 0, effect: { action: `driver.${action}`, with: { n } } });

function plan(params: Record<string, number>, minutes: number, effects: PlannedEffect[], stepMinutes = 1): ReplayPlan {
  return { kind: kind.id, zone: 'UTC', startMs: 0, endMs: minutes * 60_000, stepMinutes, params, effects, scenarioId: 'actual' };
}

describe('member-failover', () => {
  it('starts moves at 1 − e^(−dt/τ) per step: stuck volumes decay as e^(−t/τ) at any step', () => {
    for (const dt of [1, 0.25]) {
      const r = runReplay(kind, plan({ members: 10, perMember: 100, room: 1e9, startMinutes: 10, finishMinutes: 0 }, 60, [at(0, 'fail', 4)], dt));
      for (const t of [10, 30, 60]) expect(r.series.stuck![Math.round(t / dt)]!).toBeCloseTo(400 * Math.exp(-t / 10), 9);
      // Moves take no time (finishMinutes 0): they finish the step after they start (moves in
      // flight finish before new ones start), so only the last step's starts are moving.
      const i = Math.round(30 / dt);
      expect(r.series.moving![i]!).toBeCloseTo(r.series.stuck![i - 1]! - r.series.stuck![i]!, 9);
      expect(r.series.serving![10]!).toBe(600);
    }
  });

  it('two stages: moving follows V·(e^(−t/τs) − e^(−t/τf))·τf/(τs − τf) in the limit of small steps', () => {
    const dt = 1 / 60;
    const r = runReplay(kind, plan({ members: 10, perMember: 100, room: 1e9, startMinutes: 10, finishMinutes: 20 }, 90, [at(0, 'fail', 10)], dt));
    for (const t of [5, 20, 60, 90]) {
      const exact = (1000 * (Math.exp(-t / 10) - Math.exp(-t / 20)) * 20) / (10 - 20);
      expect(r.series.moving![Math.round(t / dt)]!).toBeCloseTo(exact, 0);
      expect(Math.abs(r.series.moving![Math.round(t / dt)]! / exact - 1)).toBeLessThan(0.01);
    }
  });

  it('stops at the spare room: the plateau is the failed members’ volumes less the room', () => {
    const r = runReplay(kind, plan({ members: 10, perMember: 100, room: 250, startMinutes: 0, finishMinutes: 0 }, 20, [at(0, 'fail', 5)]));
    expect(r.series.stuck![1]).toBeCloseTo(250, 9);
    expect(r.series.moved![20]).toBeCloseTo(250, 9);
    expect(r.series.free![20]).toBeCloseTo(0, 9);
  });

  it('gives back the volumes of the members failed longest first', () => {
    // 2 members fail at 0 (half their volumes move in the next step), 2 more at 1 (no room left);
    // the first 2 back hold 50 each, the next 2 their full 100.
    const effects = [at(0, 'fail', 2), at(1, 'fail', 2), at(5, 'recover', 2), at(8, 'recover', 2)];
    const r = runReplay(kind, plan({ members: 4, perMember: 100, room: 100, startMinutes: 1 / Math.log(2), finishMinutes: 0 }, 10, effects));
    expect(r.series.moved![2]).toBeCloseTo(100, 9);
    expect(r.series.stuck![5]).toBeCloseTo(300, 9);
    expect(r.series.stuck![6]).toBeCloseTo(200, 9);
    expect(r.series.serving![6]).toBeCloseTo(100, 9);
    expect(r.series.stuck![9]).toBeCloseTo(0, 9);
    expect(r.series.serving![9]).toBeCloseTo(300, 9);
  });

  it('conserves volumes and room, and keeps every stock ≥ 0, over random timelines', () => {
    const effect = fc.record({ t: fc.integer({ min: 0, max: 60 }), fail: fc.boolean(), n: fc.integer({ min: 0, max: 12 }) });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.array(effect, { maxLength: 8 }),
        (members, perMember, room, startMinutes, finishMinutes, list) => {
          const effects = list.sort((a, b) => a.t - b.t).map((e) => at(e.t, e.fail ? 'fail' : 'recover', e.n));
          const problems: string[] = [];
          runReplay(kind, plan({ members, perMember, room, startMinutes, finishMinutes }, 60, effects), {
            onStep: (state, ctx) => problems.push(...(kind.invariants?.(state as never, ctx) ?? [])),
          });
          expect(problems).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
