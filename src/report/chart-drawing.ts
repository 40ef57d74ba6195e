// The charts of a build's reports, drawn while the build goes on (see charts/chart-pool.ts for
// where they are drawn). `build.ts` asks for each report's charts as the report is generated and
// collects the files once every report is.
import type { Io } from '../cli/io.js';
import type { GeneratedReport } from './generate-report.js';
import type { ChartRenderer } from './charts/chart-renderer.js';
import { chartRendering, chartWorkersFor, inThread, type ChartRendering } from './charts/chart-pool.js';

/**
 * The charts of the reports being written, drawn as each report is generated: PNG and SVG, or
 * only the SVG for `--check` (its bytes depend on the chart alone, see
 * charts/stable-svg-ids.ts; a PNG only has to exist, as the raster may differ with the
 * machine's cairo and pixman). Workers start with the first report that has charts, sized for
 * that many charts in every report; this process draws from the same queue once it has
 * nothing else to do.
 */
export function chartDrawing(svgOnly: boolean, reports: number, renderer: ChartRenderer | undefined) {
  let rendering: Promise<ChartRendering> | undefined;
  const files: Promise<[string, Buffer][]>[] = [];
  let total = 0;
  let done = 0;
  let progress: Io['progress'];
  const finished = () => progress?.update('drawing charts', ++done, total);
  return {
    draw(id: string, report: GeneratedReport): void {
      if (report.charts.length === 0) return;
      rendering ??= renderer ? Promise.resolve(inThread(renderer)) : chartRendering(chartWorkersFor(report.charts.length * reports));
      total += report.charts.length;
      for (const chart of report.charts) {
        const base = `${id}/charts/${chart.name}`;
        const drawing = rendering.then(async (r): Promise<[string, Buffer][]> => {
          if (svgOnly) {
            const svg = await r.renderSvg(chart.config);
            finished();
            return [[`${base}.svg`, svg]];
          }
          const { png, svg } = await r.render(chart.config);
          finished();
          return [[`${base}.png`, png], [`${base}.svg`, svg]];
        });
        // A failure surfaces where the files are awaited, not as an unhandled rejection while
        // the next incident replays (or never, when a later incident's data stops the build).
        drawing.catch(() => {});
        files.push(drawing);
      }
    },
    /** Every chart's files, once all are drawn, in the order they were asked for. */
    async drawn(io: Io): Promise<[string, Buffer][]> {
      if (files.length === 0) return [];
      progress = io.progress;
      progress?.update('drawing charts', done, total);
      // Nothing left to replay: this process draws too.
      await (await rendering)?.helpHere();
      const all = (await Promise.all(files)).flat();
      progress?.end();
      return all;
    },
    async close(): Promise<void> {
      await (await rendering)?.close();
    },
  };
}
