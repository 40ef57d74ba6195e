// How a series is named in prose and tables: its title from the model kind, else its id.
import type { ReportState } from '../report-state.js';

export function seriesTitle(state: ReportState, series: string): string {
  return state.seriesInfo[series]?.title ?? series;
}

export function seriesUnit(state: ReportState, series: string): string {
  return state.seriesInfo[series]?.unit ?? state.replay.scenarios[0]?.metrics[series]?.unit ?? '';
}
