// Text measured once per process. node-canvas measures a string by laying it out with Pango,
// about 130 µs a call once warm (more while fonts load), and Chart.js measures the same tick
// labels, titles and legend entries on every chart of a report: three quarters of the calls of
// a build repeat an earlier one. The metrics are a function of the string and of the context
// state that measureText reads (font, alignment, baseline, direction, language) and of the
// transform Pango lays the text out under, so that is the key; a context of another kind of
// surface (SVG or raster, whose font options differ) keeps a cache of its own.
import type { TextMetrics } from 'canvas';

type Measurable = {
  measureText(text: string): TextMetrics;
  getTransform(): { a: number; b: number; c: number; d: number; e: number; f: number };
  font: string;
  textAlign: string;
  textBaseline: string;
  direction?: string;
  lang?: string;
};

/** Metrics by key, for the contexts of one kind of surface. */
export type TextMetricsCache = Map<string, TextMetrics>;

/** Make `context.measureText` answer from `cache` what it measured before, with the same values. */
export function cacheTextMetrics(context: object, cache: TextMetricsCache): void {
  const target = context as Measurable;
  const measure = target.measureText;
  target.measureText = function measureText(this: Measurable, text: string): TextMetrics {
    const { a, b, c, d, e, f } = this.getTransform();
    const key = [this.font, this.textAlign, this.textBaseline, this.direction, this.lang, a, b, c, d, e, f, String(text)].join('\u0000');
    let metrics = cache.get(key);
    if (metrics === undefined) {
      metrics = measure.call(this, text);
      cache.set(key, metrics);
    }
    // A copy: a caller may change what it was given.
    return { ...metrics };
  };
}
