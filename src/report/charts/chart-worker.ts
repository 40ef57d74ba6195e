// A worker thread that renders chart configurations (see chart-pool.ts). One renderer per
// worker, reused for every chart it is sent, as the in-thread renderer is.
import { parentPort } from 'node:worker_threads';
import type { ChartConfiguration } from 'chart.js';
import { ChartRenderer } from './chart-renderer.js';

export interface ChartWorkerRequest {
  id: number;
  config: ChartConfiguration<any, any>;
  /** Only the SVG (what `build --check` compares). */
  svgOnly: boolean;
}

export type ChartWorkerReply =
  | { id: number; ok: true; png?: Uint8Array; svg: Uint8Array }
  | { id: number; ok: false; message: string };

const renderer = new ChartRenderer();

parentPort!.on('message', (request: ChartWorkerRequest) => {
  try {
    const reply: ChartWorkerReply = request.svgOnly
      ? { id: request.id, ok: true, svg: renderer.renderSvg(request.config) }
      : { id: request.id, ok: true, ...renderer.render(request.config) };
    // Copied, not transferred: canvas's buffers live outside the V8 heap, and a few hundred
    // kilobytes copy in well under a millisecond.
    parentPort!.postMessage(reply);
  } catch (error) {
    parentPort!.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies ChartWorkerReply);
  }
});
