import { describe, it, expect, vi } from 'vitest';
import { seriesChart } from '../../src/report/charts/series-chart.js';
import { timeTicks } from '../../src/report/charts/time-ticks.js';
import { downsampleIndices } from '../../src/report/charts/downsample.js';
import { ChartRenderer, chartSize } from '../../src/report/charts/chart-renderer.js';
import { stableJson } from '../../src/report/stable-json.js';
import { formatLocalTime } from '../../src/report/format/format-local-time.js';
import { fixtureState } from './render-fixture.js';
import { fixtureReplay } from './fixtures/replay-fixture.js';
import { expectGolden } from './golden.js';
import type { EventLinesOptions } from '../../src/report/charts/event-lines-plugin.js';

describe('seriesChart (golden JSON of chart configurations)', () => {
  it('primary series: actual, counterfactual, published figures, key events', () => {
    expectGolden('chart-stuck.json', stableJson(seriesChart(fixtureState(), 'stuck')));
  });

  it('secondary series', () => {
    expectGolden('chart-apiErrors.json', stableJson(seriesChart(fixtureState(), 'apiErrors')));
  });

  it('adds the Monte Carlo 10–90% band under the actual curve when run with seeds', () => {
    const config = seriesChart(fixtureState(fixtureReplay({ seeds: 50 })), 'stuck');
    expectGolden('chart-stuck-seeds.json', stableJson(config));
    const [low, high, median] = config.data.datasets;
    expect(low!.label).toBe('');
    expect(high!.label).toBe('Replay, 10–90% of 50 seeds');
    expect((high as { fill?: unknown }).fill).toBe('-1');
    expect(median!.label).toBe('Replay of what happened (median)');
    expect(high!.data[4]).toEqual({ x: Date.parse('2011-04-21T11:47:00Z'), y: 14.3 });
  });

  it('zoomed panel: only the hours asked for, with its own axes (golden)', () => {
    const window = { from: Date.parse('2011-04-21T09:00:00Z'), to: Date.parse('2011-04-21T14:00:00Z') };
    const config = seriesChart(fixtureState(), 'stuck', { window });
    expectGolden('chart-stuck-zoom.json', stableJson(config));
    expect(config.options!.scales!.x).toMatchObject({ min: window.from, max: window.to });
    for (const d of config.data.datasets) for (const p of d.data) expect(p.x >= window.from && p.x <= window.to).toBe(true);
  });

  it('says so when counterfactuals coincide, and alternates their dashes', () => {
    const replay = fixtureReplay();
    const spare = replay.scenarios[1]!;
    replay.scenarios.push({ ...spare, id: 'twin', title: 'A twin of the spare capacity' });
    const config = seriesChart(fixtureState(replay), 'stuck');
    const [first, twin] = config.data.datasets.filter((d) => d.label!.startsWith('Counterfactual')) as { label: string; borderDash: number[]; borderDashOffset: number }[];
    expect(first!.label).toBe('Counterfactual: More spare capacity');
    expect(twin!.label).toBe('Counterfactual: A twin of the spare capacity (same curve as More spare capacity)');
    expect([first!.borderDashOffset, twin!.borderDashOffset]).toEqual([-0, -8]);
    expect(twin!.borderDash).toEqual([8, 8]);
  });

  it('ends the value axis near the data', () => {
    const y = seriesChart(fixtureState(), 'stuck').options!.scales!.y as { min: number; max: number };
    // Data up to 13 (the figure at 13 included): 0–15, not 0–20 with 50% room on top as before.
    expect(y).toMatchObject({ min: 0, max: 15 });
  });

  it('is plain data: JSON round-trips it unchanged', () => {
    const config = seriesChart(fixtureState(), 'stuck');
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });

  it('draws the published figures of the series as labelled points, and the key moments as lines', () => {
    const config = seriesChart(fixtureState(), 'stuck');
    const figures = config.data.datasets.find((d) => d.label === 'Published figures')!;
    expect(figures.data).toEqual([
      { x: Date.parse('2011-04-21T11:47:00Z'), y: 13 },
      { x: Date.parse('2011-04-21T17:47:00Z'), y: 9 },
    ]);
    const plugins = config.options!.plugins as {
      annotation: { annotations: Record<string, { type: string; content?: string }> };
      eventLines: EventLinesOptions;
    };
    // Labels say what the figure is, not the id the file gives it.
    expect(plugins.annotation.annotations['figure-2']!.content).toBe('9% (missed)');
    // The resolved moment (12:04) is after the replay's end (11:47): not drawn.
    // An event that changes the model at a key moment shares its line, titled from its text.
    expect(plugins.eventLines.lines.map((l) => l.label)).toEqual([
      'Start',
      'Detected',
      'Mitigated · CreateVolume disabled in the zone',
    ]);
    expect(config.options!.scales!.x).toMatchObject({ type: 'time', adapters: { date: { zone: 'America/Los_Angeles' } } });
    expect((config.options!.scales!.x as { title: { text: string } }).title.text).toBe('Time (PDT, America/Los_Angeles)');
  });
});

describe('timeTicks', () => {
  it('puts ticks at round local hours, at most ten', () => {
    const start = Date.parse('2011-04-21T00:47:00-07:00');
    const { ticks, stepHours } = timeTicks(start, start + 11 * 3_600_000, 'America/Los_Angeles');
    expect(stepHours).toBe(2);
    expect(ticks.map((t) => formatLocalTime(t, 'America/Los_Angeles').slice(11, 16))).toEqual(['02:00', '04:00', '06:00', '08:00', '10:00']);
  });

  it('ticks at local midnight for multi-day spans, across a DST change', () => {
    const start = Date.parse('2011-11-04T12:00:00-07:00');
    const { ticks, stepHours } = timeTicks(start, start + 4 * 86_400_000, 'America/Los_Angeles');
    expect(stepHours).toBe(12);
    expect(ticks.map((t) => formatLocalTime(t, 'America/Los_Angeles'))).toContain('2011-11-07 00:00 PST');
    expect(ticks.every((t) => ['00:00', '12:00'].includes(formatLocalTime(t, 'America/Los_Angeles').slice(11, 16)))).toBe(true);
  });
});

describe('downsampleIndices', () => {
  it('keeps every point when there are few', () => {
    expect(downsampleIndices([1, 2, 3], 10)).toEqual([0, 1, 2]);
  });

  it('keeps the peak and the ends of a long series', () => {
    const values = Array.from({ length: 5000 }, (_, i) => (i === 2345 ? 100 : Math.sin(i / 50)));
    const kept = downsampleIndices(values, 400);
    expect(kept.length).toBeLessThanOrEqual(402);
    expect(kept).toContain(2345);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(4999);
  });
});

describe('ChartRenderer (smoke test of the images)', () => {
  it('renders a PNG of the configured size and an SVG', () => {
    const { png, svg } = new ChartRenderer().render(seriesChart(fixtureState(), 'stuck'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(chartSize.width);
    expect(png.readUInt32BE(20)).toBe(chartSize.height);
    expect(png.length).toBeGreaterThan(20_000);
    const text = svg.toString('utf8');
    expect(text.startsWith('<?xml') || text.startsWith('<svg')).toBe(true);
    expect(text).toContain(`viewBox="0 0 ${chartSize.width} ${chartSize.height}"`);
    // Text as glyphs, not one outline per string (see chart-renderer.ts), and no raster fallback.
    expect(text).toContain('<symbol');
    expect(text).not.toContain('<image');
  });

  it('draws the annotations (event lines, figure labels) in both the PNG and the SVG', () => {
    const renderer = new ChartRenderer();
    const config = seriesChart(fixtureState(), 'stuck');
    const bare = structuredClone(config);
    (bare.options!.plugins as { annotation: { annotations: object } }).annotation.annotations = {};
    delete (bare.options!.plugins as { eventLines?: object }).eventLines;
    const withEvents = renderer.render(config);
    const without = renderer.render(bare);
    expect(withEvents.png.equals(without.png)).toBe(false);
    expect(withEvents.svg.length).toBeGreaterThan(without.svg.length);
  });

  it('paints the PNG by replaying the SVG’s drawing: the same bytes Chart.js draws on the raster canvas', () => {
    const renderer = new ChartRenderer();
    for (const config of [seriesChart(fixtureState(), 'stuck'), seriesChart(fixtureState(), 'apiErrors'), seriesChart(fixtureState(fixtureReplay({ seeds: 50 })), 'stuck')]) {
      const chartJsPng = vi.spyOn(renderer, 'renderPng');
      const { png, svg } = renderer.render(config);
      expect(chartJsPng).not.toHaveBeenCalled(); // replayed, not drawn again
      chartJsPng.mockRestore();
      expect(png.equals(renderer.renderPng(config))).toBe(true);
      expect(svg.equals(renderer.renderSvg(config))).toBe(true);
    }
  });

  it('encodes the same PNG on the thread pool as on this thread, charts drawn back to back', async () => {
    const renderer = new ChartRenderer();
    const configs = [seriesChart(fixtureState(), 'stuck'), seriesChart(fixtureState(), 'apiErrors')];
    // Both drawn before either is encoded: the first canvas must survive the second drawing.
    const aside = await Promise.all(configs.map((config) => renderer.renderEncodingAside(config)));
    configs.forEach((config, i) => {
      const here = renderer.render(config);
      expect(aside[i]!.png.equals(here.png)).toBe(true);
      expect(aside[i]!.svg.equals(here.svg)).toBe(true);
    });
    expect(aside[0]!.png.equals(aside[1]!.png)).toBe(false);
  });
});

describe('stableJson', () => {
  it('rounds floats, writes non-finite numbers as null and chart points one per line', () => {
    expect(stableJson({ a: 0.1 + 0.2, b: Number.NaN, points: [{ x: 1, y: 2.0000001 }] })).toBe(
      '{\n  "a": 0.3,\n  "b": null,\n  "points": [\n    { "x": 1, "y": 2 }\n  ]\n}\n',
    );
  });
});

describe('labelRows', () => {
  it('keeps labels far apart on the first row and moves overlapping ones to the next', async () => {
    const { labelRows } = await import('../../src/report/charts/label-rows.js');
    // 10 bold characters ≈ 91 px ≈ 0.093 of the plot: 0.05 apart overlaps, 0.5 apart does not.
    expect(
      labelRows([
        { position: 0.1, text: 'aaaaaaaaaa' },
        { position: 0.15, text: 'bbbbbbbbbb' },
        { position: 0.6, text: 'cccccccccc' },
        { position: 0.12, text: 'dddddddddd' },
      ]),
    ).toEqual([0, 1, 0, 2]);
  });

  it('does not move labels that are far apart vertically, and stacks close ones', async () => {
    const { labelRows } = await import('../../src/report/charts/label-rows.js');
    const options = { plotWidth: 1000, charWidth: 7, padding: 16, rowHeight: 16, direction: -1 as const, maxRows: 4 };
    // Same x, anchors 100 px apart: no collision. Same x, 5 px apart: the second goes up a row.
    expect(labelRows([{ position: 0.5, text: 'x', y: 200 }, { position: 0.5, text: 'y', y: 100 }], options)).toEqual([0, 0]);
    expect(labelRows([{ position: 0.5, text: 'x', y: 200 }, { position: 0.5, text: 'y', y: 195 }], options)).toEqual([0, 1]);
  });

  it('keeps a label inside the plot: one at the right edge collides with its neighbour on the left', async () => {
    const { labelRows } = await import('../../src/report/charts/label-rows.js');
    expect(labelRows([{ position: 0.95, text: 'aaaaaaaaaa' }, { position: 0.999, text: 'bbbbbbbbbb', align: 'end' }])).toEqual([0, 1]);
  });

  it('reuses the least crowded row when all are taken', async () => {
    const { labelRows } = await import('../../src/report/charts/label-rows.js');
    const rows = labelRows(Array.from({ length: 4 }, () => ({ position: 0.5, text: 'x' })), {
      plotWidth: 1000,
      charWidth: 7,
      padding: 16,
      rowHeight: 21,
      direction: 1,
      maxRows: 3,
    });
    expect(rows).toEqual([0, 1, 2, 0]);
  });
});
