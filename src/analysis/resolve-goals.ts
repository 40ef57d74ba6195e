// The goal of each scenario's "how much would have been enough" search, resolved once from the
// incident file and the file's own actual replay, as plain data the worker threads share.
//
// A scenario declares its goal under `enough:`; one that changes exactly one number (and not
// the timeline) and declares nothing gets the default: the peak of the series it addresses at
// or below that series' impact threshold (the kind's, else 10 % of the actual replay's peak, as
// the reports use). `enough: false` opts out. The threshold is fixed by the file's actual
// replay, so every world is held to the same line.
import type { Incident } from '../incident/schema.js';
import type { ModelKind } from '../model/types.js';
import type { SeriesSet } from '../model/engine.js';
import { defaultLowerThreshold, defaultThreshold } from './metrics.js';

export interface ResolvedGoal {
  parameter: string;
  /** The parameter's unit (from the incident file). */
  unit: string;
  series: string;
  metric: 'peak' | 'area';
  /** The peak (a lower-is-worse series: its shortfall) or area must stay at or below this. */
  below: number;
  /** True when the file declares no goal and the default applies. */
  defaultGoal: boolean;
  /** The file's value and the scenario's. */
  from: number;
  to: number;
  /** The valid bound in the direction of the change (±Infinity when the model declares none). */
  bound: number;
  integer: boolean;
}

export function resolveGoals(incident: Incident, kind: ModelKind<any>, scenarioIds: readonly string[], fileActual: SeriesSet): (ResolvedGoal | null)[] {
  const primary = kind.primarySeries ?? Object.keys(kind.series)[0]!;
  return scenarioIds.map((id) => {
    const scenario = incident.scenarios?.find((s) => s.id === id);
    if (!scenario || scenario.enough === false) return null;
    const changed = Object.keys(scenario.parameters ?? {});
    const declared = scenario.enough;
    const onlyOneNumber = changed.length === 1 && scenario.timeline === undefined;
    if (!declared && !onlyOneNumber) return null;
    const parameter = declared?.parameter ?? (changed.length === 1 ? changed[0]! : undefined);
    if (parameter === undefined || !Object.hasOwn(scenario.parameters ?? {}, parameter)) return null;
    const file = incident.model?.parameters[parameter];
    const spec = Object.hasOwn(kind.parameters, parameter) ? kind.parameters[parameter] : undefined;
    const from = file?.value ?? spec?.default;
    const to = scenario.parameters![parameter]!;
    if (from === undefined || from === to) return null;
    const series = declared?.series ?? scenario.series ?? primary;
    const seriesSpec = kind.series[series];
    const values = fileActual.series[series];
    if (!seriesSpec || !values) return null;
    let below: number;
    if (declared?.areaBelow !== undefined) below = declared.areaBelow;
    else if (declared?.peakBelow !== undefined) below = declared.peakBelow;
    else if (seriesSpec.worse === 'lower') {
      const baseline = values[0] ?? 0;
      below = baseline - (seriesSpec.threshold ?? defaultLowerThreshold(baseline));
    } else {
      let peak = Number.NEGATIVE_INFINITY;
      for (const v of values) if (v > peak) peak = v;
      below = seriesSpec.threshold ?? defaultThreshold(peak);
    }
    const up = to > from;
    return {
      parameter,
      unit: file?.unit ?? spec?.unit ?? '',
      series,
      metric: declared?.areaBelow !== undefined ? 'area' : 'peak',
      below,
      defaultGoal: declared === undefined || (declared.peakBelow === undefined && declared.areaBelow === undefined),
      from,
      to,
      bound: up ? (spec?.max ?? Number.POSITIVE_INFINITY) : (spec?.min ?? Number.NEGATIVE_INFINITY),
      integer: spec?.integer === true,
    };
  });
}
