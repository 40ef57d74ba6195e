// Placing the labels of published figures next to their points without covering the data: for
// each label, in order, a list of places around its point (above, below, beside, then further
// out) is tried, and the first that covers no curve, no point and no label already placed is
// taken; when none is free, the one covering least. Works in pixels on an estimate of the plot
// area (plot-area.ts), so the result is plain numbers in the chart's JSON.
import type { PlotArea } from './plot-area.js';

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface LabelToPlace {
  /** The point the label belongs to, in pixels. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Placement {
  /** Offset of the label's centre from its point, in pixels. */
  dx: number;
  dy: number;
  /** How much of the data and of other labels it covers (0: none). */
  cost: number;
}

export interface LayoutObstacles {
  /** Points of the curves, in pixels; a label over one covers the data. */
  points: readonly { x: number; y: number }[];
  /** Boxes already taken (markers of the figures, other labels). */
  boxes: readonly Box[];
}

/** Distance between a point and the nearest edge of its label. */
const gap = 9;

export function placeLabels(labels: readonly LabelToPlace[], obstacles: LayoutObstacles, area: PlotArea): Placement[] {
  const taken: Box[] = [...obstacles.boxes];
  return labels.map((label) => {
    let best: Placement | undefined;
    for (const [dx, dy] of candidates(label)) {
      const box = boxAt(label, dx, dy);
      const cost = costOf(box, obstacles.points, taken, area);
      if (!best || cost < best.cost) best = { dx, dy, cost };
      if (cost === 0) break;
    }
    taken.push(boxAt(label, best!.dx, best!.dy));
    return best!;
  });
}

/** Offsets to try, nearest first: above, below, right, left, the corners, then rows further out. */
function candidates({ width: w, height: h }: LabelToPlace): [number, number][] {
  const up = -(h / 2 + gap);
  const down = h / 2 + gap;
  const side = w / 2 + gap;
  const list: [number, number][] = [
    [0, up],
    [0, down],
    [side, 0],
    [-side, 0],
    [side, up],
    [-side, up],
    [side, down],
    [-side, down],
  ];
  for (let row = 1; row <= 6; row++) {
    list.push([0, up - row * h], [0, down + row * h], [side, up - row * h], [-side, up - row * h], [side, down + row * h], [-side, down + row * h]);
  }
  return list;
}

function boxAt(label: LabelToPlace, dx: number, dy: number): Box {
  const cx = label.x + dx;
  const cy = label.y + dy;
  return { left: cx - label.width / 2, right: cx + label.width / 2, top: cy - label.height / 2, bottom: cy + label.height / 2 };
}

/**
 * Points of the curves under the box count 1 each, the area shared with a box already taken
 * counts 1 per 10 px², and any part outside the chart's frame (a label cut off, or drawn over an
 * axis) counts 1 per px².
 */
function costOf(box: Box, points: LayoutObstacles['points'], taken: readonly Box[], area: PlotArea): number {
  let cost = 0;
  for (const p of points) if (p.x >= box.left - 2 && p.x <= box.right + 2 && p.y >= box.top - 2 && p.y <= box.bottom + 2) cost++;
  for (const t of taken) cost += overlap(box, t) / 10;
  const outside = { left: area.left, top: area.top, right: area.right, bottom: area.bottom };
  const inside = overlap(box, outside);
  cost += (box.right - box.left) * (box.bottom - box.top) - inside;
  return cost;
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

/** The polyline of a curve sampled every few pixels, so a flat stretch between two far samples still counts. */
export function curvePixels(points: readonly { x: number; y: number | null }[], toPixel: (x: number, y: number) => { x: number; y: number }, every = 3): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  let previous: { x: number; y: number } | undefined;
  for (const p of points) {
    if (p.y === null || !Number.isFinite(p.y)) {
      previous = undefined;
      continue;
    }
    const q = toPixel(p.x, p.y);
    if (previous) {
      const steps = Math.ceil(Math.hypot(q.x - previous.x, q.y - previous.y) / every);
      for (let s = 1; s < steps; s++) out.push({ x: previous.x + ((q.x - previous.x) * s) / steps, y: previous.y + ((q.y - previous.y) * s) / steps });
    }
    out.push(q);
    previous = q;
  }
  return out;
}
