// The checks a composed world makes when it starts, shared by the scalar world and the batched
// one (seeds-batch.ts), so both refuse the same plans with the same messages.
import { ReplayError } from '../engine.js';
import type { BoundInstance } from './layout-composition.js';
import { boundsProblem } from './layout-composition.js';

/** Most sub-steps one step may take: beyond it the model is refused with the time constant named. */
export const maxSubsteps = 100_000;

export type SubstepCount = { count: number; limit?: { instance: string; parameter: string; minutes: number } };

/** The sub-steps of a step of `dt` minutes, or a ReplayError naming the time constant that asks for too many. */
export function checkedSubsteps({ count, limit }: SubstepCount, dt: number): number {
  if (count > maxSubsteps) {
    throw new ReplayError(
      `a step of ${dt} min would need ${count} sub-steps to resolve \`${limit!.instance}.${limit!.parameter}\` ` +
        `(${limit!.minutes} min); use a shorter step (\`model.step\`), or a longer ${limit!.parameter}`,
    );
  }
  return count;
}

/** A ReplayError for the first parameter of the instance outside its declared bounds. */
export function checkInstanceParameters(inst: BoundInstance, p: Readonly<Record<string, number>>): void {
  for (const [name, spec] of Object.entries(inst.type.parameters)) {
    const problem = boundsProblem(spec, p[name]!);
    if (problem) throw new ReplayError(`parameter \`${name}\` of \`${inst.name}\` (${inst.type.type}) ${problem}`);
  }
}
