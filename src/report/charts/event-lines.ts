// The key moments and the events that change the model, as vertical lines with their titles.
// The titles sit in rows above the plot, not inside it, so they never cover a curve; rows are
// chosen so no title covers another (label-rows.ts), and the band above the plot is as tall as
// the rows used. The lines are drawn by a plugin of our own (event-lines-plugin.ts).
import type { ReportState } from '../report-state.js';
import { instantOfTime } from '../report-state.js';
import { eventTitle } from './event-title.js';
import { labelRows, type LabelRowsOptions } from './label-rows.js';
import { textWidth } from './text-width.js';
import { eventLabelFont, eventLabelPadding, eventRowHeight, type EventLinesOptions } from './event-lines-plugin.js';

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
  const options: LabelRowsOptions = { plotWidth, charWidth: 0, padding: 0, rowHeight: eventRowHeight, direction: -1, maxRows, dropWhenFull: true };
  const order = lines.map((_, i) => i).sort((a, b) => Number(lines[b]!.moment) - Number(lines[a]!.moment) || a - b);
  const placed = labelRows(
    order.map((i) => {
      const l = lines[i]!;
      return { position: (l.at - from) / (to - from || 1), text: l.label, width: textWidth(l.label, eventLabelFont.size, 'bold') + 2 * eventLabelPadding.x + 4 };
    }),
    options,
  );
  const rows: number[] = new Array(lines.length);
  order.forEach((line, k) => (rows[line] = placed[k]!));
  return { rows, band: (Math.max(0, ...rows) + 1) * eventRowHeight + 4 };
}

/**
 * The lines as the options of the event-lines plugin (event-lines-plugin.ts), each with the
 * row of its title above the plot.
 */
export function eventLinesOptions(lines: readonly EventLine[], layout: EventLabelLayout): EventLinesOptions {
  return { lines: lines.map((line, i) => ({ at: line.at, label: line.label, moment: line.moment, row: layout.rows[i]! })) };
}
