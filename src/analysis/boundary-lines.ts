// The boundary of a map: where a field sampled on a grid crosses a threshold, as polylines in
// grid coordinates (column i, row j, each from 0 to n − 1, so node (i, j) is at (i, j)).
//
// d3-contour's marching squares returns the region at or above the threshold as closed
// polygons. It treats everything outside the grid as below the threshold, so a region that
// reaches the grid's edge is closed along the frame; those frame edges are not a boundary of
// the system, only of the map, and are cut out here. d3 places the value of cell (i, j) at
// (i + 0.5, j + 0.5) and interpolates linearly between neighbouring values; a ring point on
// the frame is one it could not interpolate (an integer coordinate of 0 or n).
import { contours } from 'd3-contour';

export type Point = [number, number];

export interface BoundaryLinesOptions {
  /**
   * Values farther than this from the threshold count as this far. Linear interpolation
   * between two nodes assumes the field is linear between them; a metastable system's peak is
   * not: it jumps (a storm or none), and 0.9 against 13 at a threshold of 2 would put the
   * boundary a tenth of the way from the contained node, wherever the jump really is. Clamped,
   * a jump puts it halfway, the least-wrong guess, while a gentle slope near the threshold
   * (neighbours within the band) keeps its linear interpolation. Default: no clamping.
   */
  band?: number;
}

export function boundaryLines(values: ArrayLike<number>, nx: number, ny: number, threshold: number, options: BoundaryLinesOptions = {}): Point[][] {
  if (values.length !== nx * ny) throw new Error(`boundaryLines: ${values.length} values for a ${nx} × ${ny} grid`);
  const band = options.band ?? Number.POSITIVE_INFINITY;
  const field = Array.from(values, (v) => (Number.isNaN(v) ? Number.NEGATIVE_INFINITY : Math.min(threshold + band, Math.max(threshold - band, v))));
  const shape = contours().size([nx, ny]).contour(field, threshold);
  const onFrame = ([x, y]: Point) => x <= 0 || x >= nx || y <= 0 || y >= ny;
  const lines: Point[][] = [];
  for (const polygon of shape.coordinates) {
    for (const ring of polygon as Point[][]) {
      // A ring repeats its first point at the end; start it at a frame point when it has one,
      // so each run of interior points comes out whole.
      const open = ring.slice(0, -1);
      const first = open.findIndex(onFrame);
      const rotated = first === -1 ? [...open, open[0]!] : [...open.slice(first), ...open.slice(0, first), open[first]!];
      let run: Point[] = [];
      for (const point of rotated) {
        if (onFrame(point)) {
          if (run.length >= 2) lines.push(run);
          run = [];
        } else run.push([point[0] - 0.5, point[1] - 0.5]);
      }
      if (run.length >= 2) lines.push(run);
    }
  }
  return lines;
}
