// The worst value of one series when the actual timeline is replayed deterministically with
// some parameters changed: one cell of a boundary map. Plain data in and out, so the cells can
// be spread over worker threads and come back the same numbers.
import type { ReplayPlan } from '../model/plan.js';
import { runReplay } from '../model/engine.js';
import type { ModelKind } from '../model/types.js';
import { impactOf } from './metrics.js';

export interface PeakRequest {
  series: string;
  /** The series is worse when lower (its peak is its minimum). */
  lower: boolean;
  /** `peak` (default): the worst value; `end`: the value at the end of the replay. */
  measure?: 'peak' | 'end';
}

export function peakInWorld(kind: ModelKind<any>, plan: ReplayPlan, request: PeakRequest, world: Readonly<Record<string, number>>): number {
  const set = runReplay(kind, { ...plan, params: { ...plan.params, ...world } });
  const values = set.series[request.series]!;
  if (request.measure === 'end') return values[values.length - 1] ?? Number.NaN;
  return impactOf(values, set.stepMinutes, request.lower, values[0] ?? 0).peak;
}
