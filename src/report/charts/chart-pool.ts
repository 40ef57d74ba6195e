// Chart rendering spread over child processes. Rendering is most of a build's time (Chart.js
// layout and drawing, then PNG encoding), and each chart is independent of the others, so
// workers render while the main thread goes on replaying the next incident. The bytes are the
// same as rendering in this process: each worker runs the same renderer on the same
// configuration. Processes, not worker threads: node-canvas crashes (SIGSEGV) when a worker
// thread that loaded it exits. Where no compiled worker exists (the tests run the TypeScript
// sources), or one worker is asked for, charts render here.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ChartConfiguration } from 'chart.js';
import type { RenderedChart } from './chart-renderer.js';
import type { ChartWorkerReply, ChartWorkerRequest } from './chart-worker.js';

const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './chart-worker.ts' : './chart-worker.js', import.meta.url);

/** What `build` needs of a renderer: the sync in-thread one and the pool both fit. */
export interface ChartRendering {
  render(config: ChartConfiguration<any, any>): Promise<RenderedChart>;
  renderSvg(config: ChartConfiguration<any, any>): Promise<Buffer>;
  close(): Promise<void>;
}

interface SyncRenderer {
  render(config: ChartConfiguration<any, any>): RenderedChart;
  renderSvg(config: ChartConfiguration<any, any>): Buffer;
}

/** An in-thread renderer behind the async interface. */
export function inThread(renderer: SyncRenderer): ChartRendering {
  return {
    render: async (config) => renderer.render(config),
    renderSvg: async (config) => renderer.renderSvg(config),
    close: async () => {},
  };
}

/**
 * Workers for `charts` charts: one per core, at most one per two charts (a worker's start-up,
 * loading Chart.js and cairo, costs about a chart), never more than four.
 */
export function chartWorkersFor(charts: number, cores = availableParallelism()): number {
  return Math.max(0, Math.min(cores, Math.floor(charts / 2), 4));
}

export async function chartRendering(workers: number): Promise<ChartRendering> {
  if (workers < 2 || !workerUrl.pathname.endsWith('.js') || !existsSync(fileURLToPath(workerUrl))) {
    const { ChartRenderer } = await import('./chart-renderer.js');
    return inThread(new ChartRenderer());
  }
  return chartPool(workers);
}

function chartPool(size: number): ChartRendering {
  const pending = new Map<number, { resolve(reply: ChartWorkerReply & { ok: true }): void; reject(error: Error): void }>();
  const queue: ChartWorkerRequest[] = [];
  const idle: ChildProcess[] = [];
  let nextId = 0;
  let failure: Error | undefined;
  let closing = false;

  const workers = Array.from({ length: size }, () => {
    // `advanced` serialization carries the images as bytes instead of JSON arrays of numbers.
    const worker = fork(fileURLToPath(workerUrl), [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    worker.on('message', (reply: ChartWorkerReply) => {
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.ok) waiting?.resolve(reply);
      else waiting?.reject(new Error(`rendering a chart: ${reply.message}`));
      dispatch(worker);
    });
    const fail = (error: Error) => {
      failure ??= error;
      for (const waiting of pending.values()) waiting.reject(failure);
      pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code, signal) => {
      if (!closing) fail(new Error(`the chart renderer stopped (${signal ?? `exit code ${code}`})`));
    });
    idle.push(worker);
    return worker;
  });

  // Charts go to whichever worker is free, in the order asked; each reply names its request,
  // so the order of completion does not matter.
  function dispatch(worker: ChildProcess): void {
    const request = queue.shift();
    if (request) worker.send(request);
    else idle.push(worker);
  }

  function send(config: ChartConfiguration<any, any>, svgOnly: boolean): Promise<ChartWorkerReply & { ok: true }> {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      const request = { id, config, svgOnly };
      const worker = idle.shift();
      if (worker) worker.send(request);
      else queue.push(request);
    });
  }

  return {
    async render(config) {
      const { png, svg } = await send(config, false);
      return { png: Buffer.from(png!), svg: Buffer.from(svg) };
    },
    async renderSvg(config) {
      const { svg } = await send(config, true);
      return Buffer.from(svg);
    },
    async close() {
      closing = true;
      // Disconnected, a worker has nothing left to do and exits on its own.
      await Promise.all(
        workers.map((w) => (w.exitCode !== null || w.signalCode !== null ? undefined : new Promise<void>((resolve) => (w.once('exit', () => resolve()), w.disconnect())))),
      );
    },
  };
}
