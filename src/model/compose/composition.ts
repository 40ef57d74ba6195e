// A composed model as plain data: the stocks, the component instances wired to them, and the
// series to record. The built-in kinds are compositions (kinds/<kind>.ts), and so is the
// `model:` of an incident file that lists `components:`. Plain JSON, so it can be sent to a
// Monte Carlo worker and hashed for the validate cache.
import type { ParameterSpec } from './component.js';
import type { MechanismSpec, SeriesSpec } from '../types.js';

/** A number, or an expression over the model's parameters (`capacity * 0.5`). */
export type NumberOrExpression = number | string;

export interface StockDeclaration {
  unit: string;
  description?: string;
  /** Amount at the start (split between cells by their shares). Default 0. */
  initial?: NumberOrExpression;
  /**
   * `stock` (default): conserved, never negative. `source`: where amounts come from (the
   * outside world, new capacity); may go negative. `sink`: where amounts leave to.
   */
  role?: 'stock' | 'source' | 'sink';
  /** One amount per cell (see `cells`). */
  perCell?: boolean;
}

export interface ComponentInstance {
  type: string;
  description?: string;
  /** Values of the component's parameters: numbers or expressions over the model's parameters. */
  parameters?: Record<string, NumberOrExpression>;
  /** Which stock of the model each of the component's ports is. */
  stocks?: Record<string, string>;
  /** One copy of the component per cell, each with its share of extensive parameters. */
  perCell?: boolean;
}

export interface ComposedSeries extends SeriesSpec {
  /** Expression over stocks (`queue`), flows (`service.timedOut`, per minute) and parameters. */
  expr: string;
}

export interface CellsDeclaration {
  count: number;
  /** Share of the extensive amounts each cell holds; default equal shares. Must sum to 1. */
  shares?: number[];
}

export interface Composition {
  /** kebab-case id. */
  id: string;
  description: string;
  /** The model's parameters: what incident files give and `fit` and scenarios change. */
  parameters: Record<string, ParameterSpec>;
  stocks: Record<string, StockDeclaration>;
  /** Instances in step order: each step runs them in the order listed. */
  components: Record<string, ComponentInstance>;
  series: Record<string, ComposedSeries>;
  primarySeries: string;
  /** The series that show the mechanism of the incident, charted together in reports. */
  mechanism?: MechanismSpec;
  cells?: CellsDeclaration;
  /**
   * Model-level action names and the instance actions each stands for, so a kind keeps short
   * action names (`trigger` → `capacity.trigger` and `arrivals.trigger`).
   */
  actions?: Record<string, { description: string; targets: string[] }>;
}
