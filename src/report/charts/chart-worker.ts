// A child process that renders chart configurations (see chart-pool.ts). One renderer per
// process, reused for every chart it is sent, as the in-thread renderer is. It exits when the
// parent disconnects.
import type { ChartConfiguration } from 'chart.js';
import { ChartRenderer } from './chart-renderer.js';
import { ownUsage, type ProcessUsage } from '../child-usage.js';

export type ChartWorkerMessage = ChartWorkerRequest | { done: true };

export interface ChartWorkerRequest {
  id: number;
  config: ChartConfiguration<any, any>;
  /** Only the SVG (what `build --check` compares). */
  svgOnly: boolean;
}

export type ChartWorkerReply =
  | { id: number; ok: true; png?: Uint8Array; svg: Uint8Array }
  | { id: number; ok: false; message: string }
  | { usage: ProcessUsage };

const renderer = new ChartRenderer();

const reply = (message: ChartWorkerReply) => process.send!(message);

process.on('message', (request: ChartWorkerMessage) => {
  if ('done' in request) {
    // The last word: what this process used, for `--stats`; then nothing keeps it alive.
    process.send!({ usage: ownUsage() } satisfies ChartWorkerReply, () => process.disconnect());
    return;
  }
  try {
    reply(
      request.svgOnly
        ? { id: request.id, ok: true, svg: renderer.renderSvg(request.config) }
        : { id: request.id, ok: true, ...renderer.render(request.config) },
    );
  } catch (error) {
    reply({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
