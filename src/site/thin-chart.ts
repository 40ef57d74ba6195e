// The site's charts carry fewer points than the report's JSON: a browser draws them on load,
// and every page holds its charts' data inline (no fetch() under file://). The min and max of
// each bucket are kept (charts/downsample.ts), so peaks and troughs survive the thinning.
import type { ChartConfiguration } from 'chart.js';
import { downsampleIndices } from '../report/charts/downsample.js';

/**
 * Points per curve on the site (the README states it). The zoomed panel of the first hours is a
 * chart of its own, with its own points, so the hours where most happened keep their detail.
 */
export const sitePointsPerSeries = 240;

interface Point {
  x: number;
  y: number | null;
}

/** A copy of the configuration with every line dataset of `{ x, y }` points thinned to `maxPoints`. */
export function thinChart<C extends ChartConfiguration<any, any>>(config: C, maxPoints = sitePointsPerSeries): C {
  const datasets = (config.data?.datasets ?? []).map((dataset: { type?: string; data?: unknown }) => {
    const type = dataset.type ?? config.type;
    if (type !== 'line' || !Array.isArray(dataset.data) || dataset.data.length <= maxPoints || !dataset.data.every(isPoint)) return dataset;
    const data = dataset.data as Point[];
    const keep = downsampleIndices(
      data.map((p) => (p.y === null ? Number.NaN : p.y)),
      maxPoints,
    );
    return { ...dataset, data: keep.map((i) => data[i]!) };
  });
  return { ...config, data: { ...config.data, datasets } };
}

function isPoint(p: unknown): p is Point {
  return typeof p === 'object' && p !== null && typeof (p as Point).x === 'number';
}
