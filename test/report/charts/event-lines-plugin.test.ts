import { describe, it, expect } from 'vitest';
import { eventLabelBox, eventRowHeight, type EventLinesOptions } from '../../../src/report/charts/event-lines-plugin.js';
import { seriesChart } from '../../../src/report/charts/series-chart.js';
import { ChartRenderer } from '../../../src/report/charts/chart-renderer.js';
import { fixtureState } from '../render-fixture.js';

const area = { left: 100, top: 80, right: 1000, bottom: 480 };

describe('eventLabelBox', () => {
  it('centres a title on its line, in its row above the plot', () => {
    const row0 = eventLabelBox(500, 0, 60, area);
    expect(row0).toMatchObject({ centerX: 500, width: 72, height: 11 * 1.2 + 6 });
    expect(row0.centerY + row0.height / 2).toBeLessThanOrEqual(area.top);
    expect(row0.centerY + row0.height / 2).toBeGreaterThan(area.top - 10);
    const row2 = eventLabelBox(500, 2, 60, area);
    expect(row0.centerY - row2.centerY).toBeCloseTo(2 * eventRowHeight, 9);
  });

  it('keeps a title near an edge inside the width of the plot, 6 px from it', () => {
    expect(eventLabelBox(area.left, 0, 60, area).centerX).toBe(area.left + 6 + 36);
    expect(eventLabelBox(area.right - 1, 0, 60, area).centerX).toBe(area.right - 6 - 36);
  });
});

/**
 * The lines as chartjs-plugin-annotation line annotations, as the charts gave them before the
 * plugin took over: what it must draw the same.
 */
function asAnnotations({ lines }: EventLinesOptions): Record<string, unknown> {
  return Object.fromEntries(
    lines.map((line, i) => [
      `event-${i + 1}`,
      {
        type: 'line',
        xMin: line.at,
        xMax: line.at,
        borderColor: '#555555',
        borderWidth: line.moment ? 1.5 : 1,
        borderDash: line.moment ? [] : [2, 3],
        label: {
          display: line.row >= 0,
          content: line.label,
          position: 'end',
          yAdjust: -(11 * 1.2 + 6 + 3 + 4 + line.row * eventRowHeight),
          padding: { x: 6, y: 3 },
          font: { size: 11, weight: 'bold' },
          color: '#ffffff',
          backgroundColor: line.moment ? 'rgba(60, 60, 60, 0.9)' : 'rgba(110, 110, 110, 0.9)',
        },
      },
    ]),
  );
}

describe('eventLinesPlugin', () => {
  const renderer = new ChartRenderer();
  const config = seriesChart(fixtureState(), 'stuck');
  const plugins = config.options!.plugins as unknown as { eventLines: EventLinesOptions; annotation: { annotations: Record<string, unknown> } };
  const x = config.options!.scales!.x as { min: number; max: number };
  // A dashed event line and one whose title found no row, beside the key moments.
  plugins.eventLines.lines.push({ at: x.min + (x.max - x.min) * 0.9, label: 'An event', moment: false, row: 0 });
  plugins.eventLines.lines.push({ at: x.min + (x.max - x.min) * 0.95, label: 'Left out', moment: false, row: -1 });

  it('draws the lines and titles exactly as the annotation plugin drew them', () => {
    const byAnnotations = structuredClone(config);
    const p = byAnnotations.options!.plugins as unknown as typeof plugins;
    // Before the figure labels, as the plugin's order of drawing put them.
    p.annotation.annotations = { ...asAnnotations(p.eventLines), ...p.annotation.annotations };
    p.eventLines = { lines: [] };
    const ours = renderer.renderSvg(config);
    expect(ours.equals(renderer.renderSvg(byAnnotations))).toBe(true);
    // And it draws something: without the lines the image differs.
    const without = structuredClone(config);
    (without.options!.plugins as unknown as typeof plugins).eventLines = { lines: [] };
    expect(ours.equals(renderer.renderSvg(without))).toBe(false);
  });

  it('leaves out a line outside the time axis (the site zooms and pans)', () => {
    const outside = structuredClone(config);
    (outside.options!.plugins as unknown as typeof plugins).eventLines.lines.push({ at: x.max + 3_600_000, label: 'Later', moment: true, row: 0 });
    expect(renderer.renderSvg(outside).equals(renderer.renderSvg(config))).toBe(true);
  });
});
