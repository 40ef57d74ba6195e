import { describe, it, expect } from 'vitest';
import { placeLabels, curvePixels, type Box } from '../../../src/report/charts/label-layout.js';
import { seriesChart, chartCanvas } from '../../../src/report/charts/series-chart.js';
import { plotArea } from '../../../src/report/charts/plot-area.js';
import { textWidth } from '../../../src/report/charts/text-width.js';
import { eventLabelBox, type EventLinesOptions } from '../../../src/report/charts/event-lines-plugin.js';
import { fixtureReplay } from '../fixtures/replay-fixture.js';
import { fixtureState } from '../render-fixture.js';

const area = { left: 0, top: 0, right: 400, bottom: 300 };

describe('placeLabels', () => {
  it('puts a label above its point when nothing is there', () => {
    const [p] = placeLabels([{ x: 200, y: 150, width: 40, height: 20 }], { points: [], boxes: [] }, area);
    expect(p).toEqual({ dx: 0, dy: -19, cost: 0 });
  });

  it('moves a label off a curve that runs above its point', () => {
    const curve = Array.from({ length: 100 }, (_, i) => ({ x: i * 4, y: 130 }));
    const [p] = placeLabels([{ x: 200, y: 150, width: 40, height: 20 }], { points: curve, boxes: [] }, area);
    expect(p!.cost).toBe(0);
    expect(p!.dy).toBeGreaterThan(0);
  });

  it('keeps two labels of close points apart, and inside the plot', () => {
    const placed = placeLabels(
      [
        { x: 398, y: 150, width: 60, height: 20 },
        { x: 396, y: 152, width: 60, height: 20 },
      ],
      { points: [], boxes: [] },
      area,
    );
    const boxes = placed.map((p, i) => ({ left: [398, 396][i]! + p.dx - 30, right: [398, 396][i]! + p.dx + 30 }));
    expect(placed.every((p) => p.cost === 0)).toBe(true);
    expect(boxes.every((b) => b.right <= 400)).toBe(true);
    expect(placed[0]!.dy).not.toBe(placed[1]!.dy);
  });

  it('takes the least covered place when none is free', () => {
    const wall = Array.from({ length: 1200 }, (_, i) => ({ x: (i % 40) * 10, y: Math.floor(i / 40) * 10 }));
    const [p] = placeLabels([{ x: 200, y: 150, width: 40, height: 20 }], { points: wall, boxes: [] }, area);
    expect(p!.cost).toBeGreaterThan(0);
  });
});

describe('curvePixels', () => {
  it('samples a long flat stretch every few pixels and breaks at gaps', () => {
    const px = curvePixels(
      [
        { x: 0, y: 1 },
        { x: 30, y: 1 },
        { x: 40, y: null },
        { x: 50, y: 1 },
      ],
      (x, y) => ({ x, y }),
    );
    expect(px.filter((p) => p.x <= 30)).toHaveLength(11);
    expect(px.at(-1)).toEqual({ x: 50, y: 1 });
    expect(px.some((p) => p.x > 30 && p.x < 50)).toBe(false);
  });
});

/** The boxes of the labels and the pixels of the curves, recomputed from a configuration. */
function boxesOf(config: ReturnType<typeof seriesChart>) {
  const scales = config.options!.scales as { x: { min: number; max: number }; y: { min: number; max: number; ticks: { stepSize: number } } };
  const ticks: string[] = [];
  for (let v = scales.y.min; v <= scales.y.max + 1e-9; v += scales.y.ticks.stepSize) ticks.push(new Intl.NumberFormat('en-US').format(v));
  const plugins = config.options!.plugins as {
    subtitle: { padding: { bottom: number } };
    annotation: { annotations: Record<string, Record<string, any>> };
    eventLines: EventLinesOptions;
  };
  const area = plotArea({ ...chartCanvas, legend: config.data.datasets.map((d) => d.label ?? ''), yTicks: ticks, band: plugins.subtitle.padding.bottom - 8 });
  const toPixel = (x: number, y: number) => ({
    x: area.left + ((x - scales.x.min) / (scales.x.max - scales.x.min)) * (area.right - area.left),
    y: area.bottom - ((y - scales.y.min) / (scales.y.max - scales.y.min)) * (area.bottom - area.top),
  });
  const figures: Box[] = [];
  const events: Box[] = [];
  for (const a of Object.values(plugins.annotation.annotations)) {
    if (a.type === 'label') {
      const p = toPixel(a.xValue, a.yValue);
      const w = textWidth(a.content, 11) + 2 * a.padding;
      const h = 11 * 1.2 + 2 * a.padding;
      figures.push({ left: p.x + a.xAdjust - w / 2, right: p.x + a.xAdjust + w / 2, top: p.y + a.yAdjust - h / 2, bottom: p.y + a.yAdjust + h / 2 });
    }
  }
  for (const line of plugins.eventLines.lines.filter((l) => l.row >= 0)) {
    const box = eventLabelBox(toPixel(line.at, 0).x, line.row, textWidth(line.label, 11, 'bold'), area);
    events.push({ left: box.centerX - box.width / 2, right: box.centerX + box.width / 2, top: box.centerY - box.height / 2, bottom: box.centerY + box.height / 2 });
  }
  const curves = config.data.datasets.filter((d) => d.type === 'line' && d.label).flatMap((d) => curvePixels(d.data as { x: number; y: number | null }[], toPixel));
  return { area, figures, events, curves };
}

const overlaps = (a: Box, b: Box) => Math.min(a.right, b.right) > Math.max(a.left, b.left) + 0.5 && Math.min(a.bottom, b.bottom) > Math.max(a.top, b.top) + 0.5;

describe('labels of a chart configuration', () => {
  // A crowded case: five figures close together on and around the curve, and event lines.
  const replay = fixtureReplay();
  const at = (h: number) => new Date(Date.parse('2011-04-21T07:47:00Z') + h * 3_600_000).toISOString();
  replay.observed = [3, 3.2, 3.4, 4, 4.1].map((h, i) => ({ id: `f${i}`, series: 'stuck', at: at(h), observed: 12 + (i % 2), replayed: 12, error: 0, tolerance: 1, within: true, unit: 'percent' }));
  const configs = { fixture: seriesChart(fixtureState(), 'stuck'), crowded: seriesChart(fixtureState(replay), 'stuck') };

  for (const [name, config] of Object.entries(configs)) {
    it(`puts no label over a curve or over another label (${name})`, () => {
      const { area, figures, events, curves } = boxesOf(config);
      const labels = [...figures, ...events];
      for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) expect(overlaps(labels[i]!, labels[j]!), `labels ${i} and ${j}`).toBe(false);
      for (const box of figures) expect(curves.filter((p) => p.x > box.left && p.x < box.right && p.y > box.top && p.y < box.bottom)).toEqual([]);
      // Event titles sit above the plot, where no curve is drawn.
      for (const box of events) expect(box.bottom).toBeLessThanOrEqual(area.top);
    });
  }
});
