// The benefit a counterfactual shows: how much of the actual impact area of a series it
// removes. Action items are ranked by it and the index names the best scenario by it.
import type { ScenarioReplay } from '../replay/types.js';

export interface ImpactReduction {
  /** Actual impact area − scenario impact area (unit × hours); positive is a benefit. */
  area: number;
  /** The same as a percentage of the actual impact area; NaN when the actual area is zero. */
  percent: number;
}

export function impactReduction(actual: ScenarioReplay, scenario: ScenarioReplay, series: string): ImpactReduction {
  const a = actual.metrics[series]?.impactArea ?? 0;
  const s = scenario.metrics[series]?.impactArea ?? 0;
  const area = a - s;
  return { area, percent: a === 0 ? Number.NaN : (area / a) * 100 };
}
