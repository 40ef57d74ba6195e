// Runs a small composition (one component under test and the stocks it is wired to) through the
// engine, checking the engine's conservation and non-negativity invariants at every step.
import { expect } from 'vitest';
import { runReplay, type SeriesSet } from '../../src/model/engine.js';
import type { PlannedEffect } from '../../src/model/plan.js';
import type { RandomSource } from '../../src/model/types.js';
import type { Composition } from '../../src/model/compose/composition.js';
import { compileComposition } from '../../src/model/compose/compile-composition.js';
import { componentTypes } from '../../src/model/compose/component-types.js';

export interface RunOptions {
  params?: Record<string, number>;
  /** [minute, action] pairs, in time order. */
  actions?: [number, string][];
  minutes?: number;
  stepMinutes?: number;
  random?: RandomSource;
  substep?: boolean;
}

export function runComposition(c: Composition, o: RunOptions = {}): SeriesSet {
  const kind = compileComposition(c, componentTypes, { substep: o.substep ?? true });
  const params: Record<string, number> = {};
  for (const [name, spec] of Object.entries(c.parameters)) if (spec.default !== undefined) params[name] = spec.default;
  Object.assign(params, o.params);
  const minutes = o.minutes ?? 60;
  const problems: string[] = [];
  const r = runReplay(
    kind,
    {
      kind: c.id,
      zone: 'UTC',
      startMs: 0,
      endMs: minutes * 60_000,
      stepMinutes: o.stepMinutes ?? 1,
      params,
      effects: (o.actions ?? []).map(([t, action], eventIndex): PlannedEffect => ({ t, eventIndex, effect: { action } })),
      scenarioId: 'actual',
    },
    {
      ...(o.random ? { random: o.random } : {}),
      onStep: (state, ctx) => problems.push(...kind.invariants!(state as never, ctx).map((p) => `t=${ctx.t}: ${p}`)),
    },
  );
  expect(problems).toEqual([]);
  return r;
}
