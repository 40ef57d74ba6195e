import { describe, it, expect } from 'vitest';
import { createCanvas } from 'canvas';
import { cacheTextMetrics, type TextMetricsCache } from '../../../src/report/charts/text-metrics-cache.js';

/** A context that counts its measurements and answers with the state it measured under. */
function countingContext() {
  const context = {
    calls: 0,
    font: '10px sans-serif',
    textAlign: 'start',
    textBaseline: 'alphabetic',
    transform: { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 },
    getTransform() {
      return this.transform;
    },
    measureText(text: string) {
      this.calls++;
      return { width: text.length, state: `${this.font} ${this.textAlign} ${this.textBaseline} ${this.transform.b}` } as unknown as TextMetrics;
    },
  };
  return context;
}

describe('text metrics measured once', () => {
  it('measures a string again only when the state measureText reads has changed', () => {
    const context = countingContext();
    const cache: TextMetricsCache = new Map();
    cacheTextMetrics(context, cache);
    expect(context.measureText('Start')).toEqual({ width: 5, state: '10px sans-serif start alphabetic 0' });
    context.measureText('Start');
    expect(context.calls).toBe(1);
    context.textAlign = 'center';
    expect(context.measureText('Start')).toEqual({ width: 5, state: '10px sans-serif center alphabetic 0' });
    context.textBaseline = 'middle';
    context.measureText('Start');
    context.font = 'bold 11px sans-serif';
    context.measureText('Start');
    context.transform = { a: 0, b: 1, c: -1, d: 0, e: 0, f: 0 };
    context.measureText('Start');
    expect(context.calls).toBe(5);
    // Another context of the same kind of surface shares what was measured.
    const other = countingContext();
    cacheTextMetrics(other, cache);
    other.measureText('Start');
    expect(other.calls).toBe(0);
  });

  it('hands each caller its own copy', () => {
    const context = countingContext();
    cacheTextMetrics(context, new Map());
    const first = context.measureText('a') as unknown as { width: number };
    first.width = 99;
    expect(context.measureText('a')).toMatchObject({ width: 1 });
  });

  it('gives what node-canvas measures, on SVG and raster surfaces, rotated or not', () => {
    for (const type of ['svg', undefined] as const) {
      const fresh = () => createCanvas(400, 200, type).getContext('2d');
      const cached = fresh();
      cacheTextMetrics(cached, new Map());
      for (const [font, align, baseline, rotate] of [
        ['13px sans-serif', 'start', 'alphabetic', 0],
        ['bold 11px sans-serif', 'center', 'middle', 0],
        ['13px sans-serif', 'right', 'top', Math.PI / 4],
        // As the first but for the alignment: a key without it would answer with the first's.
        ['13px sans-serif', 'center', 'alphabetic', 0],
        ['13px sans-serif', 'start', 'alphabetic', 0],
      ] as const) {
        for (const text of ['Mitigated · Network change', '12:00', '']) {
          const plain = fresh();
          for (const ctx of [plain, cached]) {
            ctx.setTransform(1, 0, 0, 1, 0, 0);
            ctx.rotate(rotate);
            ctx.font = font;
            ctx.textAlign = align;
            ctx.textBaseline = baseline;
          }
          expect({ ...cached.measureText(text) }, `${type ?? 'raster'} ${font} ${align} ${baseline} ${rotate} ${text}`).toEqual({ ...plain.measureText(text) });
        }
      }
    }
  });
});
