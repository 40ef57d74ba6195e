// What the site's browser script receives for one chart: the report's own Chart.js
// configuration (the JSON written next to the PNG and SVG), thinned, and the notes of its
// published figures, shown on hover. Plain data: it is inlined into the page as JSON.
import type { ChartConfiguration } from 'chart.js';

/** What the record says about one figure drawn on a chart. */
export interface FigureNote {
  /** The figure as the report prints it (`13%`). */
  value: string;
  /** `published`, `reading`, … (incident/provenance.ts). */
  provenance: string;
  quote?: string;
  reading?: string;
  basis?: string;
  /** The source's title. */
  source?: string;
  /** The replay's value against the figure, with the tolerance (`replay 13.0027, within ±2`). */
  replay: string;
}

export interface SiteChart {
  config: ChartConfiguration<any, any>;
  /** The dataset of the published figures and a note per point, in the points' order. */
  figures?: { dataset: number; notes: FigureNote[] };
  /** The x axis's label for each of `config.data.labels`, when they are its fixed ticks (tick-labels.ts). */
  tickLabels?: string[];
}

/** Every chart of a page by name (`stuck`, `stuck-zoom`, …), as the canvases name them. */
export type SiteCharts = Record<string, SiteChart>;
