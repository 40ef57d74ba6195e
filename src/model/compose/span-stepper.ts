// The samples of a composed model between two effects of the timeline, in one tight loop:
// record every series, clear the flows, step every instance. This is the innermost loop of a
// deterministic replay (and of a seed-by-seed Monte Carlo run); the engine hands it every run
// of samples with no effect due in between (ModelKind.advanceSpan).
import type { ComponentType } from './component.js';
import { divideOrZero, seriesAssignments, type Program, type SeriesRecorder } from './series-program.js';
import { instanceStepper, maxUnrolledInstances, type InstanceStepper, type StepApiMut } from './instance-stepper.js';
import { kernelEmitter, type KernelWiring } from './step-kernel.js';

/** What a span reads and writes of the world (compile-composition.ts's World). */
export interface SpanWorld {
  values: Float64Array;
  flows: Float64Array;
  params: Float64Array;
  apis: StepApiMut[];
  states: unknown[];
  dt: number;
  substeps: number;
}

/**
 * Samples `from … to−1` at `dt`-minute steps: each is recorded at `columns[k][at]` (`at` grows
 * by `stride`), then, unless it is sample `last`, the flows are cleared and every instance
 * steps `world.substeps` times. The same operations in the same order as the engine's sample
 * loop calling the kind's `record` and `step`, so the samples are the same to the bit.
 */
export type SpanStepper = (world: SpanWorld, dt: number, from: number, to: number, last: number, columns: Float64Array[], at: number, stride: number) => void;

/**
 * Why a loop of its own: sample by sample, the engine did per sample what this does once per
 * span (the clock written to a context, the effect check, the record and the step called
 * through the kind, the sub-step set-up), and that cost about as much as the components'
 * arithmetic.
 *
 * Generated once per composition, as `instanceStepper` is: one call site per instance
 * (`T1.step(s1, a1)`, so V8 can inline each component's step), the series as inline arithmetic
 * into columns held in locals (`seriesAssignments`), the flows cleared by one store each. The
 * source holds only indices, numeric literals and fixed code, never a name or string of the
 * data; the component types, the series' getters and `div` are passed in as arguments. Given
 * the instances' wiring, a component with a kernel (step-kernel.ts) has its step written into
 * the loop rather than called, its helpers passed in as arguments too. Where
 * code generation from strings is disabled (--disallow-code-generation-from-strings), or for a
 * model of many cells, a plain loop makes the same calls in the same order (`stepWorld`) and
 * records through `record`.
 */
export function spanStepper(
  types: readonly ComponentType[],
  flowCount: number,
  programs: readonly Program[],
  record: SeriesRecorder,
  unrollUpTo = maxUnrolledInstances,
  wiring?: { instances: readonly Omit<KernelWiring, 'roles'>[]; roles: Uint8Array },
): SpanStepper {
  // The plain loop, made only where the span is not generated (for the same reasons the
  // instance stepper is then a loop too, at no cost in code generation).
  const looped = (): SpanStepper => {
    const stepInstances = instanceStepper(types, unrollUpTo);
    return (world, dt, from, to, last, columns, at, stride) => {
      world.dt = dt;
      const perMinute = 1 / dt;
      for (let i = from; i < to; i++, at += stride) {
        record(world.values, world.flows, perMinute, world.params, columns, at);
        if (i >= last) break;
        stepWorld(world, stepInstances, i * dt, dt);
      }
    };
  };
  if (types.length > unrollUpTo) return looped();
  try {
    const n = types.length;
    const idx = Array.from({ length: n }, (_, k) => k);
    // One store per flow for a model of a few hundred flows at most; a loop beyond that.
    const clear = flowCount <= 4 * maxUnrolledInstances ? Array.from({ length: flowCount }, (_, j) => `f[${j}] = 0;`).join(' ') : 'for (let j = 0; j < f.length; j++) f[j] = 0;';
    const helpers: ((...args: never[]) => unknown)[] = [];
    const helperNames: string[] = [];
    // An instance whose kernel cannot be written (a port without a slot) has its step called.
    const kernelSource = (k: number): string | undefined => {
      const kernel = types[k]!.kernel;
      const inst = wiring?.instances[k];
      if (!kernel || !inst) return undefined;
      try {
        const emit = kernelEmitter(k, { ...inst, roles: wiring!.roles });
        const body = kernel.source(emit);
        kernel.helpers.forEach((fn, i) => {
          helpers.push(fn);
          helperNames.push(emit.helper(i));
        });
        return `a${k}.t = ts; { const s = s${k}, a = a${k};\n${body}\n}`;
      } catch {
        return undefined;
      }
    };
    const stepSource = idx.map((k) => kernelSource(k) ?? `a${k}.t = ts; T${k}.step(s${k}, a${k});`);
    const source = `return function advanceSpan(world, dt, from, to, last, columns, at, stride) {
world.dt = dt;
const v = world.values, f = world.flows, p = world.params, apis = world.apis, states = world.states;
const pm = 1 / dt;
const count = world.substeps;
const h = dt / count;
${idx.map((k) => `const a${k} = apis[${k}], s${k} = states[${k}]; a${k}.dt = h;`).join('\n')}
${programs.map((_, k) => `const c${k} = columns[${k}];`).join(' ')}
for (let i = from; i < to; i++, at += stride) {
${seriesAssignments(programs, (k) => `c${k}`)}
if (i >= last) break;
${clear}
const t = i * dt;
for (let sub = 0; sub < count; sub++) {
const ts = t + sub * h;
${stepSource.join('\n')}
}
}
};`;
    const make = new Function('gs', 'div', ...idx.map((k) => `T${k}`), ...helperNames, source);
    return make(
      programs.map((prog) => prog.getters),
      divideOrZero,
      ...types,
      ...helpers,
    ) as SpanStepper;
  } catch {
    return looped();
  }
}

/**
 * One step of `dt` minutes from minute `t`: the flows cleared, then every instance stepped
 * `world.substeps` times. The composed kind's `step`, and the span's plain loop.
 */
export function stepWorld(world: SpanWorld, stepInstances: InstanceStepper, t: number, dt: number): void {
  // A loop, not `fill`: the builtin's call costs more than clearing a few flows.
  const flows = world.flows;
  for (let i = 0; i < flows.length; i++) flows[i] = 0;
  world.dt = dt;
  const count = world.substeps;
  const h = dt / count;
  const apis = world.apis;
  const states = world.states;
  for (let sub = 0; sub < count; sub++) stepInstances(apis, states, t + sub * h, h);
}
