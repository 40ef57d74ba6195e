// The labels of a time axis's fixed ticks, written when the site is built. A report's time axis
// shows a few chosen instants (`ticks.source: 'labels'`, time-ticks.ts); their labels are the same
// text the report's image shows, made here by the same date adapter. The page then draws its
// charts without formatting a date in the incident's zone, which in a browser means making the
// page's first Intl object (its locale data load costs more than a chart). Zoomed in, the page
// formats its own ticks as Chart.js does.
import type { ChartConfiguration } from 'chart.js';
import { zonedDateAdapter, zonedFormats } from '../report/charts/zoned-date-adapter.js';

interface TimeAxisOptions {
  type?: string;
  adapters?: { date?: { zone?: string } };
  time?: { unit?: string; displayFormats?: Record<string, string> };
  ticks?: { source?: string; major?: { enabled?: boolean } };
}

/**
 * The label of each of `data.labels` as Chart.js would write it on the x axis, or undefined when
 * the axis is not one of fixed instants at a fixed unit (Chart.js then chooses its own labels).
 */
export function fixedTickLabels(config: ChartConfiguration<any, any>): string[] | undefined {
  const x = config.options?.scales?.x as TimeAxisOptions | undefined;
  const labels = config.data?.labels;
  if (x?.type !== 'time' || x.ticks?.source !== 'labels' || x.ticks.major?.enabled || !Array.isArray(labels)) return undefined;
  const unit = x.time?.unit;
  const format = unit === undefined ? undefined : (x.time?.displayFormats?.[unit] ?? (zonedFormats as Record<string, string>)[unit]);
  if (format === undefined || !labels.every((t): t is number => typeof t === 'number')) return undefined;
  const adapter = { options: { zone: x.adapters?.date?.zone } };
  return labels.map((t) => zonedDateAdapter.format.call(adapter, t, format));
}
