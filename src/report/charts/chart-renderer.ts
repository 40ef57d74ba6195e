// Rendering chart configurations to PNG and SVG. I/O-free but stateful: two Chart.js canvases
// (one raster, one SVG) are created once and reused for every chart of a build. The font is
// DejaVu Sans from npm (`dejavu-fonts-ttf`), registered before any canvas exists, so images look
// the same on every machine whatever fonts it has installed.
import { createRequire } from 'node:module';
import { ChartJSNodeCanvas, type ChartCallback } from 'chartjs-node-canvas';
import type { ChartConfiguration } from 'chart.js';
import { Canvas, createCanvas, type CanvasRenderingContext2D } from 'canvas';
import { zonedDateAdapter } from './zoned-date-adapter.js';
import { stableSvgIds } from './stable-svg-ids.js';
import { hydrateChart as hydrate } from './hydrate-chart.js';
import { recordDrawing, type DrawingRecording } from './drawing-recorder.js';
import { cacheTextMetrics, type TextMetricsCache } from './text-metrics-cache.js';
import { eventLinesPlugin } from './event-lines-plugin.js';

const require = createRequire(import.meta.url);

export const chartFont = 'DejaVu Sans';
export const chartSize = { width: 1100, height: 560 };

export interface RenderedChart {
  png: Buffer;
  svg: Buffer;
}

const setUpChartJs: ChartCallback = (ChartJS) => {
  // Registered before the annotation plugin: plugins are called in the order they were
  // registered, and the event lines go under the figure labels (annotations).
  ChartJS.register(eventLinesPlugin as never);
  // chartjs-node-canvas loads a fresh (CommonJS) Chart.js for each canvas; the annotation
  // plugin's CommonJS build registers itself with the Chart.js in the require cache when it is
  // loaded. Loaded once, it would bind to the first canvas only (the SVG charts had no event
  // lines), so it is loaded afresh for each.
  delete require.cache[require.resolve('chartjs-plugin-annotation')];
  require('chartjs-plugin-annotation');
  // The matrix controller of the boundary maps registers itself, on load, with the Chart.js
  // its CommonJS build requires: the fresh one this canvas loaded (still in the require cache
  // during this callback). Loaded afresh for each canvas, as the annotation plugin is.
  delete require.cache[require.resolve('chartjs-chart-matrix')];
  require('chartjs-chart-matrix');
  ChartJS.defaults.font.family = chartFont;
  ChartJS.defaults.font.size = 13;
  ChartJS.defaults.color = '#222222';
  // Charts that do not say otherwise format numbers in one locale, not the process's.
  ChartJS.defaults.locale = 'en-US';
  (ChartJS as unknown as { _adapters: { _date: { override(o: object): void } } })._adapters._date.override(
    zonedDateAdapter,
  );
  ChartJS.register(whiteBackground);
};

/**
 * A white background painted before anything else. chartjs-node-canvas's own background option
 * paints last with `destination-over`, which cairo's SVG surface cannot express: it falls back
 * to embedding a raster image, making every SVG ten times slower and larger.
 */
const whiteBackground = {
  id: 'incident-replay-white-background',
  beforeDraw(chart: { ctx: { [key: string]: any }; width: number; height: number }) {
    const { ctx } = chart;
    // In SVG, text as glyphs (defined once, reused) instead of one outline path per string:
    // a fraction of the size and of the time. No effect on raster canvases.
    ctx.textDrawingMode = 'glyph';
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

/**
 * zlib level 3: half the time of the default level 6 for files about 10 % larger. No row
 * filter: a chart is flat colours and thin lines, which libpng's adaptive filtering (trying all
 * five filters on every row) compressed no better, at three times the encoding time.
 */
const pngOptions = { compressionLevel: 3, filters: Canvas.PNG_FILTER_NONE } as const;

let fontRegistered = false;

export class ChartRenderer {
  private png?: ChartJSNodeCanvas;
  private svg?: ChartJSNodeCanvas;
  /** Text measured on each kind of canvas, for every chart this renderer draws (text-metrics-cache.ts). */
  private readonly textMetrics = { svg: new Map() as TextMetricsCache, raster: new Map() as TextMetricsCache };

  constructor(private readonly size = chartSize) {}

  render(configuration: ChartConfiguration<any, any>): RenderedChart {
    const drawn = this.draw(configuration);
    return { png: 'png' in drawn ? drawn.png : drawn.raster.toBuffer('image/png', pngOptions), svg: drawn.svg };
  }

  /**
   * As `render`, with the PNG encoded on libuv's thread pool (node-canvas's asynchronous
   * `toBuffer`: the same encoder, options and bytes). Encoding is a fifth of a chart's time on
   * the main thread; handed off, it overlaps the drawing of the next chart (or the next
   * incident's replay) instead of holding them up. The drawing itself stays synchronous, so
   * charts are still drawn one after another, in the order asked.
   */
  renderEncodingAside(configuration: ChartConfiguration<any, any>): Promise<RenderedChart> {
    const drawn = this.draw(configuration);
    if ('png' in drawn) return Promise.resolve({ png: drawn.png, svg: drawn.svg });
    return new Promise((resolve, reject) => {
      drawn.raster.toBuffer((error, png) => (error ? reject(error) : resolve({ png, svg: drawn.svg })), 'image/png', pngOptions);
    });
  }

  /**
   * The chart drawn: its SVG, and its raster canvas still to encode, or (where the drawing
   * cannot be replayed) the PNG Chart.js drew.
   */
  private draw(configuration: ChartConfiguration<any, any>): { svg: Buffer; raster: Canvas } | { svg: Buffer; png: Buffer } {
    // Chart.js lays out and draws the chart once, on the SVG canvas; the raster canvas gets the
    // same drawing calls replayed (drawing-recorder.ts), as they stood when the chart finished
    // rendering. A chart whose drawing cannot be replayed is drawn on the raster canvas by
    // Chart.js, as every chart was before.
    let recording: DrawingRecording<CanvasRenderingContext2D> | undefined;
    let drawn = 0;
    const svg = this.drawSvg(configuration, (context) => (recording = recordDrawing(context)).context, () => (drawn = recording?.length ?? 0));
    if (recording?.replayable && drawn > 0) {
      const raster = createCanvas(this.size.width, this.size.height);
      recording.replay(raster.getContext('2d') as unknown as CanvasRenderingContext2D, drawn);
      return { svg, raster };
    }
    return { svg, png: this.renderPng(configuration) };
  }

  /** The PNG drawn by Chart.js on the raster canvas: where `render` cannot replay, and what tests hold its replay to. */
  renderPng(configuration: ChartConfiguration<any, any>): Buffer {
    this.png ??= this.canvas(undefined);
    // The PNG is encoded as the chart finishes drawing (Chart.js destroys the chart, clearing
    // its canvas, before chartjs-node-canvas returns).
    let png: Buffer | undefined;
    const copy = hydrate(configuration);
    copy.plugins = [
      ...(copy.plugins ?? []),
      { id: 'incident-replay-encode-png', afterRender: (chart: { canvas: Canvas }) => void (png = chart.canvas.toBuffer('image/png', pngOptions)) },
    ];
    this.onCanvasOf(this.png, this.textMetrics.raster, undefined, () => this.png!.renderToBufferSync(copy, 'raw' as 'image/png'));
    return png!;
  }

  /** The SVG alone (what `build --check` compares: its bytes depend on the chart only). */
  renderSvg(configuration: ChartConfiguration<any, any>): Buffer {
    return this.drawSvg(configuration);
  }

  /**
   * The chart drawn on the SVG canvas; `wrapContext` may hand Chart.js another context in
   * place of the canvas's own, and `rendered` runs when the chart has finished rendering (where
   * the PNG used to be encoded).
   */
  private drawSvg(
    configuration: ChartConfiguration<any, any>,
    wrapContext?: (context: CanvasRenderingContext2D) => CanvasRenderingContext2D,
    rendered?: () => void,
  ): Buffer {
    this.svg ??= this.canvas('svg');
    const copy = hydrate(configuration);
    if (rendered) copy.plugins = [...(copy.plugins ?? []), { id: 'incident-replay-rendered', afterRender: rendered }];
    return this.onCanvasOf(this.svg, this.textMetrics.svg, wrapContext, () =>
      Buffer.from(stableSvgIds(this.svg!.renderToBufferSync(copy, 'image/svg+xml').toString('utf8'))),
    );
  }

  /**
   * Runs `draw` with the canvases `maker` creates meanwhile measuring text through `metrics`,
   * and handing Chart.js the context `wrapContext` makes of theirs, if any. chartjs-node-canvas
   * makes a canvas per chart with `_createCanvas` (a field it sets from node-canvas); its context
   * is the one Chart.js draws on.
   */
  private onCanvasOf<T>(
    maker: ChartJSNodeCanvas,
    metrics: TextMetricsCache,
    wrapContext: ((context: CanvasRenderingContext2D) => CanvasRenderingContext2D) | undefined,
    draw: () => T,
  ): T {
    const internals = maker as unknown as { _createCanvas: (w: number, h: number, type?: string) => Canvas };
    const create = internals._createCanvas;
    if (typeof create !== 'function') return draw();
    internals._createCanvas = (w, h, type) => {
      const canvas = create(w, h, type);
      const own = canvas.getContext('2d');
      cacheTextMetrics(own, metrics);
      if (wrapContext) {
        const context = wrapContext(own as unknown as CanvasRenderingContext2D);
        (canvas as unknown as { getContext: () => unknown }).getContext = () => context;
      }
      return canvas;
    };
    try {
      return draw();
    } finally {
      internals._createCanvas = create;
    }
  }

  /**
   * Where Chart.js puts the plot area of a configuration, in pixels. The label layout estimates
   * it without a canvas (plot-area.ts); a test holds the estimate against this.
   */
  measurePlotArea(configuration: ChartConfiguration<any, any>): { left: number; top: number; right: number; bottom: number } {
    this.png ??= this.canvas(undefined);
    const copy = hydrate(configuration);
    let area = { left: 0, top: 0, right: 0, bottom: 0 };
    copy.plugins = [
      ...(copy.plugins ?? []),
      { id: 'incident-replay-measure', afterLayout: (chart: { chartArea: typeof area }) => void (area = { ...chart.chartArea }) },
    ];
    this.png.renderToBufferSync(copy);
    const { left, top, right, bottom } = area;
    return { left, top, right, bottom };
  }

  private canvas(type: 'svg' | undefined): ChartJSNodeCanvas {
    const canvas = new ChartJSNodeCanvas({ ...this.size, type, chartCallback: setUpChartJs });
    if (!fontRegistered) {
      canvas.registerFont(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), { family: chartFont });
      canvas.registerFont(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'), { family: chartFont, weight: 'bold' });
      fontRegistered = true;
    }
    return canvas;
  }
}
