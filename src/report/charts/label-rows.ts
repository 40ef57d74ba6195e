// Rows for the labels of the event lines, so that labels of events close in time do not cover
// each other: each label goes to the first row where it does not overlap a label already placed.
// Widths are estimated from the text (the chart's font is fixed, so the estimate is stable).

export interface LabelRowsOptions {
  /** Width of the plot area in pixels. */
  plotWidth: number;
  /** Average width of a character of the label font, in pixels. */
  charWidth: number;
  /** Padding of a label box, left and right together, in pixels. */
  padding: number;
  maxRows: number;
}

export const defaultLabelRows: LabelRowsOptions = { plotWidth: 980, charWidth: 7, padding: 16, maxRows: 5 };

/**
 * `positions` are fractions (0–1) of the time axis where each label is centred, in drawing
 * order; returns the row of each (0 is the top). When every row is taken, the row with the
 * least overlap is reused.
 */
export function labelRows(
  labels: readonly { position: number; text: string }[],
  options: LabelRowsOptions = defaultLabelRows,
): number[] {
  const rows: [number, number][][] = Array.from({ length: options.maxRows }, () => []);
  return labels.map(({ position, text }) => {
    const half = (text.length * options.charWidth + options.padding) / 2 / options.plotWidth;
    const span: [number, number] = [position - half, position + half];
    const overlap = (row: [number, number][]) =>
      row.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, span[1]) - Math.max(a, span[0])), 0);
    let row = rows.findIndex((r) => overlap(r) === 0);
    if (row === -1) row = rows.reduce((best, r, i) => (overlap(r) < overlap(rows[best]!) ? i : best), 0);
    rows[row]!.push(span);
    return row;
  });
}
