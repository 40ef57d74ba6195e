// The boundary drawn over a grid lies where the field crosses the threshold: checked on fields
// whose boundary is known exactly (straight lines), with the map's frame cut out.
import { describe, it, expect } from 'vitest';
import { boundaryLines } from '../../src/analysis/boundary-lines.js';

/** Values of f at the nodes of an n × n grid, row by row (j is the row, i the column). */
function grid(n: number, f: (i: number, j: number) => number): number[] {
  return Array.from({ length: n * n }, (_, k) => f(k % n, Math.floor(k / n)));
}

describe('boundaryLines', () => {
  it('a linear field: the boundary is the straight line i + j = t, from edge to edge, exactly', () => {
    const n = 9;
    const lines = boundaryLines(grid(n, (i, j) => i + j), n, n, 6.5);
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    for (const [i, j] of line) expect(i + j).toBeCloseTo(6.5, 12);
    // It runs from one edge of the grid to the other: the frame d3 closes the region along is not part of it.
    const ends = [line[0]!, line[line.length - 1]!].sort((a, b) => a[0] - b[0]);
    expect(ends[0]).toEqual([0, 6.5]);
    expect(ends[1]).toEqual([6.5, 0]);
    expect(line.every(([i, j]) => i >= 0 && j >= 0 && i <= n - 1 && j <= n - 1)).toBe(true);
  });

  it('a tilted line i − 2 j = c, off the nodes: every point on it', () => {
    const n = 12;
    const lines = boundaryLines(grid(n, (i, j) => i - 2 * j), n, n, -3.3);
    expect(lines).toHaveLength(1);
    for (const [i, j] of lines[0]!) expect(i - 2 * j).toBeCloseTo(-3.3, 12);
    expect(lines[0]!.length).toBeGreaterThan(n);
  });

  it('a field beyond the threshold everywhere, or nowhere, has no boundary', () => {
    expect(boundaryLines(grid(5, () => 10), 5, 5, 1)).toEqual([]);
    expect(boundaryLines(grid(5, () => 0), 5, 5, 1)).toEqual([]);
  });

  it('a closed region inside the grid gives a closed ring', () => {
    const n = 11;
    const lines = boundaryLines(grid(n, (i, j) => 25 - (i - 5) ** 2 - (j - 5) ** 2), n, n, 16);
    expect(lines).toHaveLength(1);
    const ring = lines[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    for (const [i, j] of ring) expect(Math.hypot(i - 5, j - 5)).toBeGreaterThan(2.5);
  });

  it('a jump across the threshold (a storm or none) puts the boundary halfway with a band, at the linear crossing without', () => {
    const n = 6;
    // Columns 0–2 contained (0.9), 3–5 in a storm (13): the jump lies between columns 2 and 3.
    const field = grid(n, (i) => (i <= 2 ? 0.9 : 13));
    const linear = boundaryLines(field, n, n, 2);
    for (const [i] of linear[0]!) expect(i).toBeCloseTo(2 + 1.1 / 12.1, 12);
    const banded = boundaryLines(field, n, n, 2, { band: 0.5 });
    for (const [i] of banded[0]!) expect(i).toBeCloseTo(2.5, 12);
    // Neighbours within the band keep their linear interpolation.
    const gentle = boundaryLines(grid(n, (i) => 1.8 + 0.1 * i), n, n, 2, { band: 0.5 });
    for (const [i] of gentle[0]!) expect(i).toBeCloseTo(2, 12);
  });

  it('refuses values that do not fill the grid', () => {
    expect(() => boundaryLines([1, 2, 3], 2, 2, 1)).toThrow('3 values for a 2 × 2 grid');
  });
});
