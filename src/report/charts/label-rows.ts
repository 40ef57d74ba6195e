// Rows for chart labels, so that labels close together do not cover each other: each label
// moves row by row away from its anchor until it overlaps no label already placed. Sizes are
// estimated from the text and an approximate plot size (the chart's size and fonts are fixed,
// so the estimate is stable and the result part of the chart's JSON).

export interface LabelRowsOptions {
  /** Width of the plot area in pixels. */
  plotWidth: number;
  /** Average width of a character of the label font, in pixels. */
  charWidth: number;
  /** Padding of a label box, left and right together, in pixels. */
  padding: number;
  /** Height of a label, which is also how far one row moves it, in pixels. */
  rowHeight: number;
  /** 1: rows go down from the anchor (labels hanging from the top); -1: rows go up. */
  direction: 1 | -1;
  maxRows: number;
  /** When every row collides: -1 (the label is not drawn) instead of the least crowded row. */
  dropWhenFull?: boolean;
}

/** The event labels: bold DejaVu Sans 11 px, hanging from the top of the plot. */
export const eventLabelRows: LabelRowsOptions = {
  plotWidth: 980,
  charWidth: 7.5,
  padding: 16,
  rowHeight: 21,
  direction: 1,
  maxRows: 5,
};

export interface RowLabel {
  /** Fraction (0–1) of the time axis where the label is anchored. */
  position: number;
  text: string;
  /** How the label sits on its anchor: centred (default), starting or ending at it. */
  align?: 'start' | 'center' | 'end';
  /** Vertical position of the anchor in pixels from the top (default 0). */
  y?: number;
  /** Width of the label in pixels, when known better than `text.length × charWidth + padding`. */
  width?: number;
}

/**
 * The row of each label, in drawing order (0: at its anchor). When every row collides, the row
 * with the least overlap is reused, or with `dropWhenFull` the label gets -1 and takes no room.
 */
export function labelRows(labels: readonly RowLabel[], options: LabelRowsOptions = eventLabelRows): number[] {
  const placed: { span: [number, number]; y: number }[] = [];
  return labels.map(({ position, text, align = 'center', y = 0, width: pixels }) => {
    const width = (pixels ?? text.length * options.charWidth + options.padding) / options.plotWidth;
    const wanted = align === 'start' ? position : align === 'end' ? position - width : position - width / 2;
    // Kept inside the plot, as the annotation plugin keeps it.
    const start = Math.min(Math.max(wanted, 0), Math.max(0, 1 - width));
    const span: [number, number] = [start, start + width];
    const overlapAt = (row: number) => {
      const top = y + options.direction * row * options.rowHeight;
      return placed.reduce(
        (sum, p) =>
          // Half a pixel of slack: rows a float rounding apart are separate rows.
          Math.abs(p.y - top) >= options.rowHeight - 0.5 ? sum : sum + Math.max(0, Math.min(p.span[1], span[1]) - Math.max(p.span[0], span[0])),
        0,
      );
    };
    const candidates = Array.from({ length: options.maxRows }, (_, row) => row);
    let row = candidates.find((r) => overlapAt(r) === 0);
    if (row === undefined && options.dropWhenFull) return -1;
    if (row === undefined) row = candidates.reduce((best, r) => (overlapAt(r) < overlapAt(best) ? r : best), 0);
    placed.push({ span, y: y + options.direction * row * options.rowHeight });
    return row;
  });
}
