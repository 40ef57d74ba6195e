// restore-at-rate: a backlog worked at a steady rate once started, in closed form.
import { describe, expect, it } from 'vitest';
import type { Composition } from '../../../src/model/compose/composition.js';
import { runComposition } from '../../support/run-composition.js';

const model: Composition = {
  id: 'restore-test',
  description: 'a backlog restored at a rate',
  parameters: { rate: { unit: 'percent/hour', description: 'restores per hour, % of 1000', default: 6 } },
  stocks: { backlog: { unit: 'volumes', initial: 10 }, done: { unit: 'volumes' } },
  components: {
    restores: { type: 'restore-at-rate', parameters: { base: 1000, percentPerHour: 'rate' }, stocks: { from: 'backlog', to: 'done' } },
  },
  series: { backlog: { expr: 'backlog', title: 'backlog', unit: 'volumes', description: '' }, done: { expr: 'done', title: 'done', unit: 'volumes', description: '' } },
  primarySeries: 'backlog',
};

describe('restore-at-rate', () => {
  it('restores base·rate/100/60 a minute once started, until the backlog is empty', () => {
    const r = runComposition(model, { actions: [[5, 'restores.start']], minutes: 30 });
    expect(r.series.backlog![5]).toBe(10);
    expect(r.series.backlog![8]).toBeCloseTo(7, 9);
    expect(r.series.backlog![15]).toBeCloseTo(0, 9);
    expect(r.series.backlog![30]).toBe(0);
    expect(r.series.done![30]).toBe(10);
  });

  it('gives the same curve at 1-second steps', () => {
    const r = runComposition(model, { actions: [[5, 'restores.start']], minutes: 10, stepMinutes: 1 / 60 });
    expect(r.series.backlog![8 * 60]).toBeCloseTo(7, 9);
  });

  it('stops when told to', () => {
    const r = runComposition(model, { actions: [[0, 'restores.start'], [3, 'restores.stop']], minutes: 10 });
    expect(r.series.backlog![10]).toBeCloseTo(7, 9);
  });
});
