// Runs a small composition (one component under test and the stocks it is wired to) through the
// engine, and expects the engine's conservation and non-negativity invariants at every step.
import { expect } from 'vitest';
import type { SeriesSet } from '../../src/model/engine.js';
import type { RandomSource } from '../../src/model/types.js';
import type { Composition } from '../../src/model/compose/composition.js';
import { compile, runComposed } from './compose.js';

export interface RunOptions {
  params?: Record<string, number>;
  /** [minute, action, arguments?], in time order. */
  actions?: [number, string, Record<string, number | string | boolean>?][];
  minutes?: number;
  stepMinutes?: number;
  random?: RandomSource;
  substep?: boolean;
}

export function runComposition(c: Composition, o: RunOptions = {}): SeriesSet {
  const kind = compile(c, { substep: o.substep ?? true });
  const run = runComposed(kind, o.params ?? {}, (o.actions ?? []).map(([t, action, args]) => ({ t, action, ...(args ? { with: args } : {}) })), o.minutes ?? 60, {
    stepMinutes: o.stepMinutes ?? 1,
    random: o.random ?? null,
  });
  expect(run.problems).toEqual([]);
  return run.set;
}
