// What a component instance sees while it runs (the StepApi): its wiring, its parameters, the
// stocks, and `move`, the only way amounts change, which records every move as a flow.
import type { RandomSource } from '../types.js';
import type { StepApi } from './component.js';
import { prefixedStreams, SeededRandom } from '../random.js';

/** Roles of stock slots: a source may go negative (amounts come from outside). */
export const SOURCE = 1;
export const SINK = 2;

/** The StepApi of one instance (one per cell of a per-cell instance); the engine sets `t` and `dt` before each call. */
export class InstanceApi implements StepApi {
  t = 0;
  dt = 1;
  random: RandomSource | null = null;
  p: Record<string, number> = {};
  constructor(
    readonly name: string,
    readonly cell: number,
    readonly share: number,
    readonly port: Readonly<Record<string, number>>,
    readonly flow: Readonly<Record<string, number>>,
    readonly values: Float64Array,
    private readonly flows: Float64Array,
    private readonly roles: Uint8Array,
  ) {}
  move(from: number, to: number, amount: number, flow: number): number {
    if (!(amount > 0)) return 0;
    const v = this.values;
    const have = v[from]!;
    // The role is looked at only when the amount is more than the stock holds: most moves
    // take less, and this runs several times a step for every instance.
    if (amount > have && this.roles[from] !== SOURCE) amount = have > 0 ? have : 0;
    v[from] = have - amount;
    v[to]! += amount;
    this.flows[flow]! += amount;
    return amount;
  }
  count(flow: number, amount: number): void {
    this.flows[flow]! += amount;
  }
}

/** Streams named after the instance, so two instances of one component draw independently. */
export function prefixedRandom(random: RandomSource, prefix: string): RandomSource {
  if (random instanceof SeededRandom) return prefixedStreams(random, prefix);
  const names = new Map<string, string>();
  const full = (name: string) => {
    let n = names.get(name);
    if (n === undefined) names.set(name, (n = `${prefix}.${name}`));
    return n;
  };
  return {
    uniform: (name) => random.uniform(full(name)),
    binomial: (name, n, p) => random.binomial(full(name), n, p),
    poisson: (name, mean) => random.poisson(full(name), mean),
  };
}
