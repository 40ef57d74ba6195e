// The configuration of a chart a section asked for: the whole replay of a series (with the hours
// of its zoomed panel shaded), the zoomed panel, or the model's mechanism.
import type { ReportState, SeriesChartRequest } from '../report-state.js';
import { seriesChart, type SeriesChartConfiguration } from './series-chart.js';
import { mechanismChart } from './mechanism-chart.js';
import { zoomWindow, type ZoomWindow } from './zoom-window.js';
import { eventLines } from './event-lines.js';

export function chartForRequest(state: ReportState, request: SeriesChartRequest): SeriesChartConfiguration {
  if (request.view === 'mechanism') return mechanismChart(state);
  if (request.view === 'zoom') return seriesChart(state, request.series, { window: request.window! });
  return seriesChart(state, request.series, request.window ? { zoomed: request.window } : {});
}

/** The hours where most happened in the replay of a series, if a zoomed panel would show more. */
export function seriesZoomWindow(state: ReportState, series: string): ZoomWindow | undefined {
  const [actual, ...scenarios] = state.replay.scenarios;
  const values = actual?.series.series[series];
  if (!actual || !values) return undefined;
  const step = actual.series.stepMinutes * 60_000;
  const end = actual.series.startMs + (actual.series.length - 1) * step;
  return zoomWindow({
    startMs: actual.series.startMs,
    stepMs: step,
    actual: values,
    counterfactuals: scenarios.flatMap((s) => (s.series.series[series] ? [s.series.series[series]!] : [])),
    events: eventLines(state, actual.series.startMs, end).map((l) => l.at),
    figures: state.replay.observed.filter((o) => o.series === series).map((o) => Date.parse(o.at)),
  });
}
