import { describe, it, expect } from 'vitest';
import { boundaryMapChart, boundaryColours, mix } from '../../../src/report/charts/boundary-map-chart.js';
import { ChartRenderer } from '../../../src/report/charts/chart-renderer.js';
import { boundaryMapFixture } from '../boundary-map-fixture.js';

const scenarioIndex = (id: string) => ['other', 'spare-capacity', 'everything'].indexOf(id);

describe('boundaryMapChart', () => {
  const config = boundaryMapChart(boundaryMapFixture(), 'EBS 2011', scenarioIndex);
  const datasets = config.data.datasets as { type: string; label: string; data: { x: number; y: number; v?: number }[]; backgroundColor?: unknown; cellSize?: unknown }[];

  it('is plain data: JSON round-trips it unchanged', () => {
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });

  it('a matrix of every node, coloured on two ramps that meet at the threshold', () => {
    const matrix = datasets[0]!;
    expect(matrix.type).toBe('matrix');
    expect(matrix.data).toHaveLength(9);
    expect(matrix.data[2]).toEqual({ x: 20, y: 5, v: 0.5 });
    expect(matrix.cellSize).toEqual({ x: 10, y: 5 });
    const colours = matrix.backgroundColor as string[];
    // The best cell is the pale end of the inside ramp, the worst the dark end of the beyond ramp.
    expect(colours[2]).toBe(boundaryColours.inside[0]);
    expect(colours[6]).toBe(boundaryColours.beyond[1]);
    // Cells at or beyond the threshold take the beyond ramp, the others the inside one.
    expect(colours[8]).toBe(mix(boundaryColours.inside[0], boundaryColours.inside[1], (1.5 - 0.5) / (2 - 0.5)));
  });

  it('the boundary as a line, the actual system and the scenarios on the map as points, in the series charts’ colours', () => {
    expect(datasets.map((d) => [d.type, d.label])).toEqual([
      ['matrix', ''],
      ['line', 'Boundary: peak 2%'],
      ['scatter', 'What happened (13%)'],
      ['scatter', 'Counterfactual: More spare capacity (0.8%)'],
    ]);
    expect(datasets[1]!.data).toEqual([{ x: 15, y: 5 }, { x: 15, y: 10 }, { x: 15, y: 15 }]);
    expect(datasets[3]!.backgroundColor).toBe('#009E73');
    // Axes half a cell beyond the first and last nodes.
    expect(config.options.scales.x).toMatchObject({ min: -5, max: 25 });
    expect(config.options.scales.y).toMatchObject({ min: 2.5, max: 17.5 });
  });

  it('renders to a PNG and an SVG with the matrix cells in it', () => {
    const { png, svg } = new ChartRenderer({ width: 400, height: 300 }).render(config);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const text = svg.toString('utf8');
    expect(text.startsWith('<?xml')).toBe(true);
    // The darkest cell, drawn: the matrix controller is registered with the canvas' Chart.js.
    expect(text.toLowerCase()).toContain('rgb(54.509804%,10.196078%,10.196078%)');
  });
});
