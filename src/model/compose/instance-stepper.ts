// One step of every instance of a composition, in order: the innermost loop of a composed
// model, run once per (sub-)step of every replay and every Monte Carlo seed.
import type { ComponentType, StepApi } from './component.js';

/** An instance's api, whose clock the stepper sets before the instance steps. */
export type StepApiMut = StepApi & { t: number; dt: number };

export type InstanceStepper = (apis: readonly StepApiMut[], states: unknown[], t: number, h: number) => void;

/** Above this many instances (a model of many cells), the instances are stepped by a loop. */
export const maxUnrolledInstances = 64;

/**
 * Steps every instance once, in order, at time `t` for `h` minutes. Generated once per
 * composition with one call site per instance (`T3.step(states[3], a)`): each site then always
 * calls the same component, so V8 can inline the component's step, and its `api.move`s, into
 * this function. Through the loop's single call site, which sees every component type, it
 * could inline none, and a call through it cost more than the arithmetic of a small component.
 * The source holds only indices; the types are passed in as arguments. Where code generation
 * from strings is disabled (--disallow-code-generation-from-strings), or for a model of many
 * cells, the loop is used: the same calls in the same order.
 */
export function instanceStepper(types: readonly ComponentType[], unrollUpTo = maxUnrolledInstances): InstanceStepper {
  const loop: InstanceStepper = (apis, states, t, h) => {
    for (let k = 0; k < types.length; k++) {
      const api = apis[k]!;
      api.t = t;
      api.dt = h;
      types[k]!.step(states[k], api);
    }
  };
  if (types.length > unrollUpTo) return loop;
  try {
    const body = types.map((_, k) => `a = apis[${k}]; a.t = t; a.dt = h; T${k}.step(states[${k}], a);`).join('\n');
    const make = new Function(...types.map((_, k) => `T${k}`), `return function stepInstances(apis, states, t, h) {\nlet a;\n${body}\n};`);
    return make(...types) as InstanceStepper;
  } catch {
    return loop;
  }
}
