// The series besides the primary one that the model marks as an impact (`impact: true`, e.g.
// region-wide API errors): the counterfactual tables and the action items report on them too.
import type { ReportState } from './report-state.js';

export function secondaryImpacts(state: ReportState): string[] {
  const actual = state.replay.scenarios[0];
  if (!actual) return [];
  return Object.keys(actual.metrics).filter((s) => s !== state.primarySeries && state.seriesInfo[s]?.impact === true);
}
