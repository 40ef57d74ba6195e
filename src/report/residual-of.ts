// The residual impact of the primary series in the actual replay: what it still shows after the
// resolved moment. The impact list states it and `summary.json` carries it, from this one call,
// so both say the same (the definition is analysis/incident-durations.ts's).
import type { ReportState } from './report-state.js';
import { residualImpact, type ResidualImpact } from '../analysis/incident-durations.js';
import { lowerIsWorse } from './lower-is-worse.js';

export function residualOf(state: ReportState, series: string = state.primarySeries): ResidualImpact | null {
  const actual = state.replay.scenarios[0];
  const resolved = state.replay.moments.resolved;
  const values = actual?.series.series[series];
  const metrics = actual?.metrics[series];
  if (!actual || !resolved || !values || !metrics) return null;
  const lower = lowerIsWorse(metrics);
  return residualImpact(values, {
    startMs: actual.series.startMs,
    stepMinutes: actual.series.stepMinutes,
    resolvedMs: Date.parse(resolved),
    recoveryLevel: metrics.recoveryLevel,
    lower,
    ...(lower ? { baseline: metrics.baseline ?? values[0] ?? 0 } : {}),
  });
}
