// The component contract, in the spirit of d3-force's forces: a model is a world of named
// stocks, and a component is a plain object that, each step, moves amounts between the stocks
// it is wired to. Every move goes through `StepApi.move`, which records it as a flow, so the
// engine can check for every model at once that nothing is created or lost except by the
// stocks declared as sources and sinks.
//
// A component keeps what is not a stock (a ring of retries due, a ramp under way) in a state
// object of its own, made by `init` and mutated in place by `step`; it never allocates per step.
import type { StepKernel } from './step-kernel.js';
import type { ActionArgumentSpec, ArgValue, ParameterSpec, RandomSource } from '../types.js';
import type { SeedsComponent } from './seeds-component.js';

export type { ParameterSpec };

/** How a component uses a stock it is wired to. */
export type StockAccess = 'read' | 'write';

/** A stock a component is wired to (a "port"): the instance names which stock of the model it is. */
export interface PortSpec {
  unit: string;
  description: string;
  /** `read`: only reads it; `write`: moves amounts into or out of it. */
  access: StockAccess;
  /** The port may be left unwired: it is then a private stock of the instance. */
  optional?: boolean;
  /** Role of that private stock: a source (amounts come from outside) or a sink. */
  role?: 'source' | 'sink';
}

/** A flow a component records: an amount per step, shown per minute in series. */
export interface FlowSpec {
  unit: string;
  description: string;
}

export type ArgumentSpec = ActionArgumentSpec;

export interface ComponentActionSpec {
  description: string;
  args?: Record<string, ArgumentSpec>;
}

/** A time scale of a component (a timeout, a retry delay): steps longer than it are sub-stepped. */
export interface TimeConstant {
  /** The parameter it comes from, for messages. */
  parameter: string;
  minutes: number;
}

/** What a component instance sees: its wiring, its parameters, the stocks and the clock. */
export interface StepApi {
  /** The instance's name in the model (with `[i]` for a cell). */
  readonly name: string;
  /** Cell index of this copy (0 without cells) and the share of extensive amounts it holds. */
  readonly cell: number;
  readonly share: number;
  /** Slot of each wired port in `values`; −1 for an optional port left unwired. */
  readonly port: Readonly<Record<string, number>>;
  /** Slot of each of the component's flows in the flow array. */
  readonly flow: Readonly<Record<string, number>>;
  /** Every stock's current amount, by slot. Read freely; change only through `move`. */
  readonly values: Float64Array;
  /** Parameters in force now (the instance's values, updated by `set` effects and scenarios). */
  readonly p: Readonly<Record<string, number>>;
  /** Minutes since the replay's start, and the length of the current (sub-)step. */
  readonly t: number;
  readonly dt: number;
  /** Null in deterministic mode (use expected values). Stream names are prefixed with the instance name. */
  readonly random: RandomSource | null;
  /** Moves `amount` (clamped to what `from` holds unless it is a source) and records it on `flow`. Returns what moved. */
  move(from: number, to: number, amount: number, flow: number): number;
  /** Records an amount on a flow without moving stock (an attempt counted, a failure seen). */
  count(flow: number, amount: number): void;
}

export interface ComponentType<S = any> {
  /** kebab-case id used in incident files (`type: service-queue`). */
  type: string;
  description: string;
  /** The mechanism in equations, for the README and the JSON Schema. */
  equations?: string;
  parameters: Record<string, ParameterSpec>;
  stocks: Record<string, PortSpec>;
  flows: Record<string, FlowSpec>;
  actions: Record<string, ComponentActionSpec>;
  /** Time scales of the mechanism, for sub-stepping. */
  timeConstants?(p: Readonly<Record<string, number>>): TimeConstant[];
  /** A fresh state. May move amounts to set the world's starting point (through `api.move`). */
  init(api: StepApi): S;
  /** Advance by `api.dt` minutes. */
  step(state: S, api: StepApi): void;
  /** Apply an action of the timeline. Throw an Error with a message for arguments it rejects. */
  apply?(state: S, action: string, args: Readonly<Record<string, ArgValue>>, api: StepApi): void;
  /** Parameters changed (a `set` effect): adjust what the state derived from them. */
  update?(state: S, api: StepApi, previous: Readonly<Record<string, number>>): void;
  /**
   * The same mechanism for a batch of Monte Carlo seeds at once (seeds-component.ts). A
   * composition all of whose instances have it runs its seeds in batches; otherwise seed by seed.
   */
  seeds?: SeedsComponent<any>;
  /**
   * `step` as source text for the generated span loop (step-kernel.ts): the same operations in
   * the same order, with the instance's slots written in. Optional; without it the span calls `step`.
   */
  kernel?: StepKernel;
}

/** Argument of an action as a number (expressions were resolved by the engine). */
export function numberArg(args: Readonly<Record<string, ArgValue>>, name: string): number | undefined {
  const v = args[name];
  return typeof v === 'number' ? v : undefined;
}
