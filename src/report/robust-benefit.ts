// A scenario's benefit as the reports state it once the sensitivity run is in: the reduction of
// the impact area of the series it addresses over the plausible worlds (median, 10–90 %), whether
// it holds in every plausible world or hangs on one assumption (the ranged parameter whose
// partial rank correlation with it dominates), and its "how much would have been enough"
// threshold. Pure functions of the report state.
import type { ReportState } from './report-state.js';
import type { ScenarioSensitivity, SeriesBenefit, Spread } from '../analysis/sensitivity.js';
import { formatNumber } from './format/format-number.js';

/** The sensitivity of a scenario, when the run is in and has plausible worlds. */
export function scenarioSensitivity(state: ReportState, scenarioId: string | undefined): ScenarioSensitivity | undefined {
  if (state.sensitivity.status !== 'run' || state.sensitivity.result.kept === 0 || scenarioId === undefined) return undefined;
  return state.sensitivity.result.scenarios.find((s) => s.id === scenarioId);
}

/** The scenario's benefit on `series` over the plausible worlds. */
export function benefitOn(state: ReportState, scenarioId: string | undefined, series: string): SeriesBenefit | undefined {
  return scenarioSensitivity(state, scenarioId)?.bySeries.find((b) => b.series === series);
}

/** A relative change to the 0.1 % it is printed with: what ranks and ties compare, never more digits. */
export const toTenth = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : Math.round(x * 10) / 10 + 0);

/** `−100%` / `+0.1%` of a change of the impact (negative is a benefit). */
export function formatChange(x: number | null): string {
  const t = toTenth(x);
  if (t === null) return 'n/a';
  return `${t > 0 ? '+' : ''}${formatNumber(t)}%`;
}

/** `−37.6% (−39% to −36.1%)`: the median and the 10–90 % interval of a change. */
export function formatSpread(s: Spread): string {
  if (s.median === null) return 'n/a';
  const [lo, hi] = [formatChange(s.p10), formatChange(s.p90)];
  return lo === hi && lo === formatChange(s.median) ? `${formatChange(s.median)} in every plausible world` : `${formatChange(s.median)} (${lo} to ${hi})`;
}

export type Robustness =
  /** The same benefit (to 0.1 %) in every plausible world. */
  | { kind: 'same-everywhere' }
  /** A benefit in every plausible world, of varying size; `hangsOn` when one assumption drives most of it. */
  | { kind: 'every-world'; hangsOn?: { name: string; prcc: number } }
  /** A benefit in some plausible worlds only. */
  | { kind: 'some-worlds'; worlds: number; of: number; hangsOn?: { name: string; prcc: number } }
  /** No benefit in any plausible world. */
  | { kind: 'none' };

/**
 * A dominant driver: |PRCC| ≥ 0.7 and every other below 0.5. The PRCC is computed with the
 * area change on the scenario's own series; on another series it is not claimed.
 */
function dominantDriver(s: ScenarioSensitivity, series: string): { name: string; prcc: number } | undefined {
  if (s.series !== series) return undefined;
  const ranked = s.drivers.filter((d) => d.prcc !== null).sort((a, b) => Math.abs(b.prcc!) - Math.abs(a.prcc!) || a.name.localeCompare(b.name));
  const [first, second] = ranked;
  if (!first || Math.abs(first.prcc!) < 0.7 || (second && Math.abs(second.prcc!) >= 0.5)) return undefined;
  return { name: first.name, prcc: first.prcc! };
}

export function robustnessOf(s: ScenarioSensitivity, b: SeriesBenefit): Robustness {
  const worlds = b.areaChangePercentByWorld.filter((x): x is number => x !== null);
  const helped = worlds.filter((x) => x < 0).length;
  if (worlds.length === 0 || helped === 0) return { kind: 'none' };
  if (worlds.every((x) => x === worlds[0])) return { kind: 'same-everywhere' };
  const hangsOn = dominantDriver(s, b.series);
  if (helped === worlds.length) return hangsOn ? { kind: 'every-world', hangsOn } : { kind: 'every-world' };
  return { kind: 'some-worlds', worlds: helped, of: worlds.length, ...(hangsOn ? { hangsOn } : {}) };
}

/** Plain words for a robustness. */
export function describeRobustness(r: Robustness): string {
  const driver = (h: { name: string; prcc: number } | undefined) =>
    h ? `; it hangs on one assumption, \`${h.name}\` (partial rank correlation ${h.prcc > 0 ? '+' : ''}${h.prcc.toFixed(2)})` : '';
  switch (r.kind) {
    case 'same-everywhere':
      return 'the same benefit in every plausible world';
    case 'every-world':
      return `a benefit in every plausible world${driver(r.hangsOn)}`;
    case 'some-worlds':
      return `a benefit in ${r.worlds} of ${r.of} plausible worlds only${driver(r.hangsOn)}`;
    case 'none':
      return 'no benefit in any plausible world';
  }
}
