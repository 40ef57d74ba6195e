// A component's step as source text for the generated span loop (span-stepper.ts), with its
// stocks, flows and moves resolved to literal indices for one instance.
//
// Why: V8 inlines at most about 920 bytes of bytecode into one optimised function, and the
// steps of a retry storm with their eleven `api.move` calls come to about 2,900. So the span
// loop inlined some steps and called the rest, and which ones depended on what V8 had compiled
// first: a replay took 110 to 190 ns a step from process to process. Code the span holds in its
// own source is not counted against that budget; a move written there with its slots as
// literals also needs no look-up of the instance's ports and, from a stock whose role is
// `source`, no clamp. What a kernel still calls (the retry rings, rare paths) fits the budget.
//
// A kernel writes the same floating-point operations in the same order as its component's
// `step`, which stays the definition: it is what runs where code generation from strings is
// disabled, for a model of many cells, and sample by sample (test/model/engine-span.test.ts
// checks the two give the same samples to the bit). The source holds only the kernel's fixed
// code and the numbers this module puts in it (slot and flow indices), never a name or string
// of a data file.
import { SOURCE } from './instance-api.js';

/**
 * Writes the statements of one step of one instance. In them: `v` the stocks, `f` the flows,
 * `s` the instance's state, `a` its StepApi (`a.t`, `a.dt`, `a.p`, `a.random`), and the
 * kernel's helpers under the names `emit.helper(i)` gives. They run in a block of their own
 * inside the span's loop, so their locals may be any names but those (and `m` and `have`, which
 * a move uses).
 */
export interface StepKernel {
  /** Functions the source calls (by `emit.helper(i)`): the component's own, not data. */
  helpers: readonly ((...args: never[]) => unknown)[];
  source(emit: KernelEmitter): string;
}

export interface KernelEmitter {
  /** The stock slot of a port, as a literal. */
  port(name: string): string;
  /** `api.move(port from, port to, amount, flow)` as statements; `into` names a `let` that gets the amount moved. */
  move(from: string, to: string, amount: string, flow: string, into?: string): string;
  /** `api.count(flow, amount)` as a statement. */
  count(flow: string, amount: string): string;
  /** The local name of helper `i`. */
  helper(i: number): string;
}

/** What the emitter of one instance knows: its ports' slots, its flows' indices, the slots' roles. */
export interface KernelWiring {
  port: Readonly<Record<string, number>>;
  flow: Readonly<Record<string, number>>;
  roles: Uint8Array;
}

/** An index as a literal; anything else is refused (the span then calls the step instead). */
function indexLiteral(i: number | undefined, what: string): string {
  if (i === undefined || !Number.isInteger(i) || i < 0) throw new Error(`no index for ${what}`);
  return String(i);
}

/**
 * The emitter for instance `k` of a span. Each move is a block of its own whose locals are `m`
 * (the amount) and `have`, so a kernel's amount expression must not use those two names. The arithmetic is InstanceApi.move's: nothing
 * for an amount that is not positive, at most what the stock holds unless it is a source.
 */
export function kernelEmitter(k: number, wiring: KernelWiring): KernelEmitter {
  const slot = (name: string) => {
    const i = wiring.port[name];
    indexLiteral(i, 'a port');
    return i!;
  };
  const flow = (name: string) => indexLiteral(wiring.flow[name], 'a flow');
  return {
    port: (name) => String(slot(name)),
    move(from, to, amount, flowName, into) {
      const a = slot(from);
      const b = slot(to);
      const fl = flow(flowName);
      const clamp = wiring.roles[a] === SOURCE ? '' : `if (m > have) m = have > 0 ? have : 0; `;
      return `{ let m = ${amount}; if (m > 0) { const have = v[${a}]; ${clamp}v[${a}] = have - m; v[${b}] += m; f[${fl}] += m; } else m = 0;${into ? ` ${into} = m;` : ''} }`;
    },
    count: (flowName, amount) => `f[${flow(flowName)}] += ${amount};`,
    helper: (i) => `H${k}_${i | 0}`,
  };
}
