// The span of one axis of a boundary map: the axis' own `range`, else the parameter's plausible
// `range` (what the file says could be true), else the valid bounds the model declares when
// both are finite. Shared by the check (which reports a missing span at the axis) and the
// computation (which trusts a checked file), so the two cannot disagree about the grid.
import type { Parameter } from './schema.js';

/** What the model declares about a parameter: its valid bounds (a `ParameterSpec`'s subset). */
export interface AxisBounds {
  min?: number;
  max?: number;
}

export type AxisRange =
  | { ok: true; range: [number, number]; from: 'axis' | 'plausible' | 'bounds' }
  | { ok: false };

export function boundaryAxisRange(axis: { range?: [number, number] }, parameter: Parameter | undefined, bounds: AxisBounds | undefined): AxisRange {
  if (axis.range) return { ok: true, range: [axis.range[0], axis.range[1]], from: 'axis' };
  if (parameter?.range) return { ok: true, range: [parameter.range[0], parameter.range[1]], from: 'plausible' };
  if (bounds && Number.isFinite(bounds.min) && Number.isFinite(bounds.max)) return { ok: true, range: [bounds.min!, bounds.max!], from: 'bounds' };
  return { ok: false };
}
