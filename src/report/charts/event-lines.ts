// The key moments and the events that change the model, as vertical lines with their titles.
// The titles sit in rows above the plot, not inside it, so they never cover a curve; rows are
// chosen so no title covers another (label-rows.ts), and the band above the plot is as tall as
// the rows used.
import type { ReportState } from '../report-state.js';
import { instantOfTime } from '../report-state.js';
import { eventTitle } from './event-title.js';
import { labelRows, type LabelRowsOptions } from './label-rows.js';
import { textWidth } from './text-width.js';
import { eventColour } from './palette.js';

export interface EventLine {
  at: number;
  label: string;
  moment: boolean;
}

const momentLabels = { start: 'Start', detected: 'Detected', mitigated: 'Mitigated', resolved: 'Resolved' } as const;

/**
 * Key moments, and the events that change the model, inside [from, to]. An event at a moment
 * shares its line: "Start · Network change".
 */
export function eventLines(state: ReportState, from: number, to: number): EventLine[] {
  const lines: EventLine[] = [];
  for (const [name, label] of Object.entries(momentLabels)) {
    const iso = state.replay.moments[name as keyof typeof momentLabels];
    if (iso) lines.push({ at: Date.parse(iso), label, moment: true });
  }
  for (const event of state.replay.incident.timeline) {
    if (!event.effects || event.effects.length === 0) continue;
    const at = instantOfTime(state, event.at);
    const title = eventTitle(event);
    const moment = lines.find((l) => l.at === at && l.moment);
    if (moment) {
      if (!moment.label.includes(' · ')) moment.label = `${moment.label} · ${title}`;
      continue;
    }
    if (lines.some((l) => l.at === at)) continue;
    lines.push({ at, label: title, moment: false });
  }
  return lines.filter((l) => l.at >= from && l.at <= to).sort((a, b) => a.at - b.at || a.label.localeCompare(b.label, 'en-US'));
}

/** Bold DejaVu Sans 11 px with 6 px padding at the sides and 3 px above and below. */
export const eventLabelFont = { size: 11, weight: 'bold' as const };
const labelPadding = { x: 6, y: 3 };
const labelHeight = eventLabelFont.size * 1.2 + 2 * labelPadding.y;
const rowHeight = labelHeight + 2;
const maxRows = 5;

export interface EventLabelLayout {
  /** Row of each line's label (0: just above the plot). */
  rows: number[];
  /** Height of the band above the plot that the rows take. */
  band: number;
}

/**
 * Rows of the titles, over a plot `plotWidth` pixels wide showing [from, to]. The key moments
 * are placed first; an event title that finds no free row is left out (row -1: its line stays,
 * and the timeline table has it) rather than drawn over another title.
 */
export function layOutEventLabels(lines: readonly EventLine[], from: number, to: number, plotWidth: number): EventLabelLayout {
  if (lines.length === 0) return { rows: [], band: 0 };
  const options: LabelRowsOptions = { plotWidth, charWidth: 0, padding: 0, rowHeight, direction: -1, maxRows, dropWhenFull: true };
  const order = lines.map((_, i) => i).sort((a, b) => Number(lines[b]!.moment) - Number(lines[a]!.moment) || a - b);
  const placed = labelRows(
    order.map((i) => {
      const l = lines[i]!;
      return { position: (l.at - from) / (to - from || 1), text: l.label, width: textWidth(l.label, eventLabelFont.size, 'bold') + 2 * labelPadding.x + 4 };
    }),
    options,
  );
  const rows: number[] = new Array(lines.length);
  order.forEach((line, k) => (rows[line] = placed[k]!));
  return { rows, band: (Math.max(0, ...rows) + 1) * rowHeight + 4 };
}

/** The lines as annotations, their titles lifted into their rows above the plot. */
export function eventAnnotations(lines: readonly EventLine[], layout: EventLabelLayout): Record<string, unknown> {
  const annotations: Record<string, unknown> = {};
  lines.forEach((line, i) => {
    annotations[`event-${i + 1}`] = {
      type: 'line',
      xMin: line.at,
      xMax: line.at,
      borderColor: eventColour,
      borderWidth: line.moment ? 1.5 : 1,
      borderDash: line.moment ? [] : [2, 3],
      label: {
        display: layout.rows[i]! >= 0,
        content: line.label,
        position: 'end',
        // The plugin keeps a line's label inside the plot (its centre half a label below the
        // top, plus padding); this lifts it out, into its row above the plot.
        yAdjust: -(labelHeight + labelPadding.y + 4 + layout.rows[i]! * rowHeight),
        padding: { x: labelPadding.x, y: labelPadding.y },
        font: { size: eventLabelFont.size, weight: eventLabelFont.weight },
        color: '#ffffff',
        backgroundColor: line.moment ? 'rgba(60, 60, 60, 0.9)' : 'rgba(110, 110, 110, 0.9)',
      },
    };
  });
  return annotations;
}
