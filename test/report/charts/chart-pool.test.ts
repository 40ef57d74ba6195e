// The chart pool renders in worker processes only from the compiled files (`npm test` builds
// them first), so these tests load it from dist/: the bytes a worker returns must be those of
// rendering in this thread, in the order asked, and a chart that fails must reject, not hang.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chartWorkersFor } from '../../../src/report/charts/chart-pool.js';
import { ChartRenderer } from '../../../src/report/charts/chart-renderer.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const compiled = path.join(root, 'dist/report/charts/chart-pool.js');
const chartsDir = path.join(root, 'out/aws-ebs-2011-04-21/charts');
const configs = ['stuck', 'mechanism', 'benefit', 'apiErrors'].map((name) => JSON.parse(readFileSync(path.join(chartsDir, `${name}.json`), 'utf8')));

describe('chartWorkersFor', () => {
  it('starts no helper for one or two charts nor on two cores, and at most one per core beyond two', () => {
    expect(chartWorkersFor(2, 8)).toBe(0);
    expect(chartWorkersFor(3, 8)).toBe(1);
    expect(chartWorkersFor(27, 1)).toBe(0);
    expect(chartWorkersFor(27, 2)).toBe(0);
    expect(chartWorkersFor(27, 3)).toBe(1);
    expect(chartWorkersFor(27, 16)).toBe(3);
  });
});

describe.runIf(existsSync(compiled))('chartRendering in worker processes', () => {
  it('gives the bytes of the in-thread renderer, whatever order the workers finish in', async () => {
    const { chartRendering } = (await import(compiled)) as typeof import('../../../src/report/charts/chart-pool.js');
    const pool = await chartRendering(2);
    try {
      const drawing = Promise.all(configs.map((c) => pool.render(c)));
      const drawingSvgs = Promise.all(configs.map((c) => pool.renderSvg(c)));
      // Some charts drawn by the helpers, the rest here.
      await pool.helpHere();
      const fromPool = await drawing;
      const svgs = await drawingSvgs;
      const here = new ChartRenderer();
      configs.forEach((config, i) => {
        const expected = here.render(config);
        expect(fromPool[i]!.svg.equals(expected.svg)).toBe(true);
        expect(fromPool[i]!.png.equals(expected.png)).toBe(true);
        expect(svgs[i]!.equals(expected.svg)).toBe(true);
      });
    } finally {
      await pool.close();
    }
  });

  it('rejects a chart Chart.js cannot draw, and goes on with the next', async () => {
    const { chartRendering } = (await import(compiled)) as typeof import('../../../src/report/charts/chart-pool.js');
    const pool = await chartRendering(2);
    try {
      const broken = { type: 'line', data: { datasets: [{ data: [{ x: 1, y: 1 }] }] }, options: { scales: { x: { type: 'no-such-scale' } } } };
      await expect(pool.render(broken as never)).rejects.toThrow(/rendering a chart: "no-such-scale" is not a registered scale/);
      expect((await pool.renderSvg(configs[2])).length).toBeGreaterThan(1000);
    } finally {
      await pool.close();
    }
  });
});
