// The "how much would have been enough" searches of one scenario over the plausible worlds, as
// one statement: the threshold's median and 90 % interval (5th–95th percentiles) over the worlds
// where the search found one, the most demanding threshold (enough in every such world), and how
// many worlds had no honest answer (the goal not monotone in the bracket, or never reached within
// the parameter's valid bounds) — those are counted, never folded into the number.
import type { EnoughOutcome } from './find-enough.js';
import type { ResolvedGoal } from './resolve-goals.js';
import { percentile } from './sensitivity-percentile.js';

export interface EnoughSummary extends Omit<ResolvedGoal, 'bound'> {
  /** The valid bound the search may go to (null: none declared). */
  bound: number | null;
  direction: 'up' | 'down';
  /** Plausible worlds searched. */
  worlds: number;
  /** Worlds with a threshold (`found` or `already`), of which `already` needed no change. */
  found: number;
  already: number;
  notMonotone: number;
  notReached: number;
  /** Over the worlds with a threshold; `worst` is the most demanding (enough in each of them). */
  threshold: { p05: number; median: number; p95: number; worst: number } | null;
  /** The search at the file's own values. */
  atFileValues: Omit<EnoughOutcome, 'evaluations'> & { searchedTo?: number | null };
  /** One world's evidence, when the goal is not monotone somewhere. */
  notMonotoneExample: { met: number; missed: number } | null;
  /** How far the scenario's value goes past the most demanding threshold, in % of its change from the file's value (100: no change was needed; 0: just enough; negative: not enough everywhere). */
  margin: number | null;
}

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

export function summariseEnough(goal: ResolvedGoal, outcomes: readonly EnoughOutcome[], atFile: EnoughOutcome): EnoughSummary {
  const up = goal.to > goal.from;
  const thresholds = outcomes.flatMap((o) => (o.status === 'found' || o.status === 'already' ? [o.threshold] : [])).sort((a, b) => a - b);
  const worst = thresholds.length === 0 ? null : up ? thresholds[thresholds.length - 1]! : thresholds[0]!;
  const example = outcomes.find((o) => o.status === 'not-monotone');
  const { evaluations: _e, ...file } = atFile;
  return {
    ...goal,
    bound: finiteOrNull(goal.bound),
    direction: up ? 'up' : 'down',
    worlds: outcomes.length,
    found: thresholds.length,
    already: outcomes.filter((o) => o.status === 'already').length,
    notMonotone: outcomes.filter((o) => o.status === 'not-monotone').length,
    notReached: outcomes.filter((o) => o.status === 'not-reached').length,
    threshold:
      worst === null
        ? null
        : { p05: percentile(thresholds, 0.05)!, median: percentile(thresholds, 0.5)!, p95: percentile(thresholds, 0.95)!, worst },
    atFileValues: file.status === 'not-reached' ? { ...file, searchedTo: finiteOrNull(file.searchedTo) } : file,
    notMonotoneExample: example?.status === 'not-monotone' ? { met: example.met, missed: example.missed } : null,
    margin: worst === null || outcomes.length !== thresholds.length ? null : (100 * (goal.to - worst)) / (goal.to - goal.from),
  };
}
