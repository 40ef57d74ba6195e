// The notes of a chart's published figures: the quote, reading and source of each point of
// its figures' dataset, from the incident file, so a reader can hover a point and see what the
// record says. The chart builder draws `replay.observed` in order, filtered by series and window;
// each point is matched back to the first unused figure at its time and value.
import type { IncidentReplay } from '../replay/types.js';
import type { ChartConfiguration } from 'chart.js';
import { formatQuantity, formatNumber } from '../report/format/format-number.js';
import type { FigureNote } from './site-chart.js';

export function figureNotes(
  config: ChartConfiguration<any, any>,
  series: string,
  replay: IncidentReplay,
): { dataset: number; notes: FigureNote[] } | undefined {
  if (!replay.observed.some((o) => o.series === series)) return undefined;
  const datasets = config.data?.datasets ?? [];
  const dataset = datasets.findIndex((d: { type?: string }) => d.type === 'scatter');
  if (dataset === -1) return undefined;
  const points = datasets[dataset]!.data as { x: number; y: number }[];
  const used = new Set<number>();
  const notes: FigureNote[] = [];
  for (const point of points) {
    const index = replay.observed.findIndex(
      (o, i) => !used.has(i) && o.series === series && Date.parse(o.at) === point.x && Math.abs(o.observed - point.y) <= 1e-6 * Math.max(1, Math.abs(o.observed)),
    );
    if (index === -1) return undefined;
    used.add(index);
    const o = replay.observed[index]!;
    const entry = replay.incident.observed?.[index];
    const source = entry?.source === undefined ? undefined : replay.incident.sources.find((s) => s.id === entry.source);
    notes.push({
      value: formatQuantity(o.observed, o.unit),
      provenance: o.provenance,
      ...(entry?.quote !== undefined ? { quote: entry.quote } : {}),
      ...(o.reading !== undefined ? { reading: o.reading } : {}),
      ...(o.basis !== undefined ? { basis: o.basis } : {}),
      ...(source ? { source: source.title } : {}),
      replay: `replay ${formatQuantity(o.replayed, o.unit)}, ${o.within ? 'within' : 'outside'} ±${formatNumber(o.tolerance)}`,
    });
  }
  return { dataset, notes };
}
