// The batched contract of a component: the same mechanism as its `step`, run for a batch of
// Monte Carlo seeds at once. Stocks and flows carry a seed dimension, laid out slot-major
// (`values[slot · seeds + r]` is the stock in slot `slot` of seed r), so a component reads and
// moves one stock of every seed in one loop, over memory that lies side by side, instead of
// the engine calling it once per seed through a cursor of its own.
//
// A batched component must give, seed by seed, the bytes of its scalar `step`: the same
// arithmetic in the same order, and the same draws from the same named streams (each seed
// keeps its own generators). Monte Carlo then gives the same bands whether a composition runs
// batched or seed by seed (test/model/compose/seeds-batch.test.ts compares them).
import type { ArgValue } from '../types.js';
import { SOURCE } from './instance-api.js';
import type { Generator, SeededRandom } from '../random.js';

/** What a component instance sees for a batch of seeds. */
export interface SeedsApi {
  readonly name: string;
  readonly cell: number;
  readonly share: number;
  readonly port: Readonly<Record<string, number>>;
  readonly flow: Readonly<Record<string, number>>;
  /** Seeds in the batch: the stride between one slot's seeds and the next slot's. */
  readonly seeds: number;
  /** Stock amounts, `values[slot · seeds + r]`. Read freely; change only through `move` (or `moveAt`). */
  readonly values: Float64Array;
  /** Amounts moved this step, `flows[flow · seeds + r]`; change only through `move`, `count` (or `moveAt`). */
  readonly flows: Float64Array;
  /** Whether a move out of `slot` is clamped to what it holds (every stock but a source). */
  clamps(slot: number): boolean;
  /** Parameters in force now (the same for every seed of the batch). */
  readonly p: Readonly<Record<string, number>>;
  readonly t: number;
  readonly dt: number;
  /**
   * The generators of stream `name` (prefixed with the instance's name, as in the scalar
   * path), one per seed of the batch; null in deterministic mode.
   */
  streams(name: string): Generator[] | null;
  /** `StepApi.move` for seed r. */
  move(from: number, to: number, r: number, amount: number, flow: number): number;
  /** `StepApi.count` for seed r. */
  count(flow: number, r: number, amount: number): void;
  /**
   * `move` for every seed of the batch, seed r moving `amounts[r]` (the same clamps and sums,
   * seed by seed). `amounts` may be a row of `values` itself (`values.subarray(from · seeds, …)`
   * to empty a stock): each seed's amount is read before its stock changes.
   */
  moveSeeds(from: number, to: number, amounts: Float64Array, flow: number): void;
}

/** A component's batched contract (`ComponentType.seeds`): init, step, apply and update for a batch of seeds. */
export interface SeedsComponent<S = any> {
  init(api: SeedsApi): S;
  step(state: S, api: SeedsApi): void;
  apply?(state: S, action: string, args: Readonly<Record<string, ArgValue>>, api: SeedsApi): void;
  update?(state: S, api: SeedsApi, previous: Readonly<Record<string, number>>): void;
}

/** The SeedsApi of one instance (one per cell) for one batch; the runner sets `t` and `dt`. */
export class InstanceSeedsApi implements SeedsApi {
  t = 0;
  dt = 1;
  p: Record<string, number> = {};
  private readonly generators = new Map<string, Generator[]>();
  constructor(
    readonly name: string,
    readonly cell: number,
    readonly share: number,
    readonly port: Readonly<Record<string, number>>,
    readonly flow: Readonly<Record<string, number>>,
    readonly seeds: number,
    readonly values: Float64Array,
    readonly flows: Float64Array,
    private readonly roles: Uint8Array,
    /** One source per seed of the batch, or null in deterministic mode. */
    private readonly randoms: readonly SeededRandom[] | null,
  ) {}
  streams(name: string): Generator[] | null {
    if (!this.randoms) return null;
    let g = this.generators.get(name);
    if (!g) this.generators.set(name, (g = this.randoms.map((random) => random.stream(`${this.name}.${name}`))));
    return g;
  }
  clamps(slot: number): boolean {
    return this.roles[slot] !== SOURCE;
  }
  // The arithmetic of InstanceApi.move, at the seed's index: the same clamp, the same sums.
  move(from: number, to: number, r: number, amount: number, flow: number): number {
    const n = this.seeds;
    return moveAt(this.values, this.flows, from * n + r, to * n + r, flow * n + r, this.clamps(from), amount);
  }
  count(flow: number, r: number, amount: number): void {
    this.flows[flow * this.seeds + r]! += amount;
  }
  moveSeeds(from: number, to: number, amounts: Float64Array, flow: number): void {
    const v = this.values;
    const f = this.flows;
    const n = this.seeds;
    const fromRow = from * n;
    const toRow = to * n;
    const flowRow = flow * n;
    const clamp = this.clamps(from);
    for (let r = 0; r < n; r++) moveAt(v, f, fromRow + r, toRow + r, flowRow + r, clamp, amounts[r]!);
  }
}

/**
 * `move` of `amount` from `values[from]` to `values[to]`, counted in `flows[flow]`, with the
 * indices already at the seed's (`slot · seeds + r`) and the clamp read once (`api.clamps`): for
 * a component's loop over the seeds of a batch, where `api.move` would look up the same rows,
 * arrays and role for every seed. The same comparisons and sums as `InstanceApi.move`; returns
 * the amount moved. `move` and `moveSeeds` are this at one seed's index and along a row.
 */
export function moveAt(values: Float64Array, flows: Float64Array, from: number, to: number, flow: number, clamp: boolean, amount: number): number {
  if (!(amount > 0)) return 0;
  if (clamp) {
    const have = values[from]!;
    if (amount > have) amount = have > 0 ? have : 0;
  }
  values[from]! -= amount;
  values[to]! += amount;
  flows[flow]! += amount;
  return amount;
}
