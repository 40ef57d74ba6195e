// The tooltip of a chart with published figures: on a figure, its value, provenance, the quote
// it rests on (wrapped), the reading, the source and how the replay compares; on a curve, the
// default (the dataset's label and value).
import type { TooltipItem } from 'chart.js';
import type { SiteChart } from '../site-chart.js';

export function figureTooltip(figures: NonNullable<SiteChart['figures']>) {
  const note = (item: TooltipItem<'line'>) => (item.datasetIndex === figures.dataset ? figures.notes[item.dataIndex] : undefined);
  return {
    callbacks: {
      label(item: TooltipItem<'line'>) {
        const n = note(item);
        return n ? `${n.value} (${n.provenance})` : `${item.dataset.label ?? ''}: ${item.formattedValue}`;
      },
      afterLabel(item: TooltipItem<'line'>) {
        const n = note(item);
        if (!n) return [];
        return [
          ...(n.basis ? [`of ${n.basis}`] : []),
          ...(n.quote ? wrap(`“${n.quote}”`) : []),
          ...(n.reading ? wrap(`Reading: ${n.reading}`) : []),
          ...(n.source ? wrap(`Source: ${n.source}`) : []),
          n.replay,
        ];
      },
    },
  };
}

/** Lines of at most `width` characters, broken at spaces: a tooltip does not wrap by itself. */
export function wrap(text: string, width = 70): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
