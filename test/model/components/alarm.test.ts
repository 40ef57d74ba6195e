// alarm: fires the first step the watched count is above its level while it works, answers
// `responseMinutes` later with one signal, and stays silent when disabled; one signal at most.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileComposition } from '../../../src/model/compose/compile-composition.js';
import type { Composition } from '../../../src/model/compose/composition.js';
import { componentTypes } from '../../../src/model/compose/component-types.js';
import { runReplay } from '../../../src/model/engine.js';
import type { PlannedEffect, ReplayPlan } from '../../../src/model/plan.js';
import { memberDriver } from '../../support/member-driver.js';

const composition: Composition = {
  id: 'alarm-test',
  description: 'an alarm on members taken down by hand',
  parameters: { enabled: { unit: 'flag', description: '' }, above: { unit: 'servers', description: '' }, response: { unit: 'min', description: '' } },
  stocks: { up: { unit: 'servers' }, down: { unit: 'servers' }, answer: { unit: 'signals' } },
  components: {
    alarm: { type: 'alarm', parameters: { enabled: 'enabled', above: 'above', responseMinutes: 'response' }, stocks: { watched: 'down', response: 'answer' } },
    driver: { type: 'member-driver', parameters: { members: 10 }, stocks: { up: 'up', down: 'down' } },
  },
  series: { answer: { expr: 'answer', title: '', unit: 'signals', description: '' }, fired: { expr: 'alarm.fired', title: '', unit: '1/min', description: '' } },
  primarySeries: 'answer',
};
const kind = compileComposition(composition, { ...componentTypes, [memberDriver.type]: memberDriver });

const fail = (t: number, n: number): PlannedEffect => ({ t, eventIndex: 0, effect: { action: 'driver.fail', with: { n } } });
const plan = (params: Record<string, number>, effects: PlannedEffect[], stepMinutes = 1): ReplayPlan => ({
  kind: kind.id,
  zone: 'UTC',
  startMs: 0,
  endMs: 60 * 60_000,
  stepMinutes,
  params,
  effects,
  scenarioId: 'actual',
});

/** Minute the answer is first visible (the sample after the step that moved it). */
const answeredAt = (r: ReturnType<typeof runReplay>) => {
  const i = r.series.answer!.findIndex((v) => v > 0);
  return i < 0 ? null : (i - 1) * r.stepMinutes;
};

describe('alarm', () => {
  it('answers responseMinutes after the watched count rises above its level', () => {
    expect(answeredAt(runReplay(kind, plan({ enabled: 1, above: 0, response: 15 }, [fail(10, 1)])))).toBe(25);
    expect(answeredAt(runReplay(kind, plan({ enabled: 1, above: 0, response: 0 }, [fail(10, 1)])))).toBe(10);
    // Above 2: the third member down at 20 sets it off.
    expect(answeredAt(runReplay(kind, plan({ enabled: 1, above: 2, response: 5 }, [fail(10, 2), fail(20, 1)])))).toBe(25);
    // At a finer step the answer lands at the same minute.
    expect(answeredAt(runReplay(kind, plan({ enabled: 1, above: 0, response: 15 }, [fail(10, 1)], 0.25)))).toBe(25);
  });

  it('stays silent while disabled, and signals once', () => {
    expect(answeredAt(runReplay(kind, plan({ enabled: 0, above: 0, response: 0 }, [fail(10, 5)])))).toBeNull();
    fc.assert(
      fc.property(fc.array(fc.record({ t: fc.integer({ min: 0, max: 59 }), n: fc.integer({ min: 0, max: 3 }) }), { maxLength: 5 }), fc.integer({ min: 0, max: 30 }), (list, response) => {
        const r = runReplay(kind, plan({ enabled: 1, above: 0, response }, list.sort((a, b) => a.t - b.t).map((e) => fail(e.t, e.n))));
        expect(Math.max(...r.series.answer!)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 50 },
    );
  });
});
