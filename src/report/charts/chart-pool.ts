// Chart rendering shared between this process and helper processes. Rendering is most of a
// build's time (Chart.js layout and drawing, then PNG encoding), and each chart is independent
// of the others, so helpers render while this process goes on replaying the next incident, and
// once it has nothing else to do, this process renders from the same queue. The bytes are the
// same wherever a chart is drawn: the same renderer runs on the same configuration.
// Processes, not worker threads: node-canvas crashes (SIGSEGV) when a worker thread that loaded
// it exits. Where no compiled helper exists (the tests run the TypeScript sources), or no helper
// is asked for, every chart renders here.
import type { ChildProcess, fork as Fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ChartConfiguration } from 'chart.js';
import type { ChartRenderer, RenderedChart } from './chart-renderer.js';
import type { ChartWorkerMessage, ChartWorkerReply, ChartWorkerRequest } from './chart-worker.js';
import { recordChildUsage } from '../child-usage.js';

type RenderedReply = Extract<ChartWorkerReply, { ok: true }>;

const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './chart-worker.ts' : './chart-worker.js', import.meta.url);

/** What `build` needs of a renderer: the in-process one and the pool both fit. */
export interface ChartRendering {
  render(config: ChartConfiguration<any, any>): Promise<RenderedChart>;
  renderSvg(config: ChartConfiguration<any, any>): Promise<Buffer>;
  /** Render what is still queued in this process, until nothing is left to start. */
  helpHere(): Promise<void>;
  close(): Promise<void>;
}

type SyncRenderer = Pick<ChartRenderer, 'render' | 'renderSvg'> & Partial<Pick<ChartRenderer, 'renderEncodingAside'>>;

/**
 * An in-process renderer behind the async interface. Each chart is drawn when asked; its PNG
 * is encoded on the thread pool where the renderer can (`renderEncodingAside`), while this
 * thread goes on.
 */
export function inThread(renderer: SyncRenderer): ChartRendering {
  return {
    render: async (config) => (renderer.renderEncodingAside ? renderer.renderEncodingAside(config) : renderer.render(config)),
    renderSvg: async (config) => renderer.renderSvg(config),
    helpHere: async () => {},
    close: async () => {},
  };
}

/**
 * Helper processes for `charts` charts: one per core beyond two, at most one per three charts
 * (a helper's start-up, loading Chart.js and cairo, costs about a chart), never more than three.
 * Not on two cores: measured there, a build already keeps both busy (V8 compiles and collects
 * garbage on threads of its own), and a helper added a second of CPU and 100 MB for no gain in
 * wall time.
 */
export function chartWorkersFor(charts: number, cores = availableParallelism()): number {
  return Math.max(0, Math.min(cores - 2, Math.floor(charts / 3), 3));
}

export async function chartRendering(helpers: number): Promise<ChartRendering> {
  const { ChartRenderer } = await import('./chart-renderer.js');
  if (helpers < 1 || !workerUrl.pathname.endsWith('.js') || !existsSync(fileURLToPath(workerUrl))) return inThread(new ChartRenderer());
  // Loaded only for helpers: node:child_process brings node:net and node:dgram with it, about
  // 10 ms of a start-up that has none to start on two cores.
  const { fork } = await import('node:child_process');
  return chartPool(helpers, new ChartRenderer(), fork);
}

interface Job {
  request: ChartWorkerRequest;
  resolve(reply: RenderedReply): void;
  reject(error: Error): void;
}

function chartPool(size: number, here: ChartRenderer, fork: typeof Fork): ChartRendering {
  const running = new Map<number, Job>();
  const queue: Job[] = [];
  const idle: ChildProcess[] = [];
  let nextId = 0;
  let failure: Error | undefined;
  let closing = false;

  const fail = (error: Error) => {
    failure ??= error;
    for (const job of [...running.values(), ...queue.splice(0)]) job.reject(failure);
    running.clear();
  };

  const workers = Array.from({ length: size }, () => {
    // `advanced` serialization carries the images as bytes instead of JSON arrays of numbers.
    const worker = fork(fileURLToPath(workerUrl), [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    worker.on('message', (reply: ChartWorkerReply) => {
      if ('usage' in reply) return recordChildUsage(reply.usage);
      const job = running.get(reply.id);
      running.delete(reply.id);
      if (reply.ok) job?.resolve(reply);
      else job?.reject(new Error(`rendering a chart: ${reply.message}`));
      dispatch(worker);
    });
    worker.on('error', fail);
    worker.on('exit', (code, signal) => {
      if (!closing) fail(new Error(`the chart renderer stopped (${signal ?? `exit code ${code}`})`));
    });
    idle.push(worker);
    return worker;
  });

  // Charts go to whichever helper is free, in the order asked; each reply names its request,
  // so the order of completion does not matter.
  function dispatch(worker: ChildProcess): void {
    const job = queue.shift();
    if (!job) return void idle.push(worker);
    running.set(job.request.id, job);
    worker.send(job.request satisfies ChartWorkerMessage);
  }

  function send(config: ChartConfiguration<any, any>, svgOnly: boolean): Promise<RenderedReply> {
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => {
      queue.push({ request: { id: nextId++, config, svgOnly }, resolve, reject });
      const worker = idle.shift();
      if (worker) dispatch(worker);
    });
  }

  function renderHere({ request, resolve, reject }: Job): void {
    const failed = (error: unknown) => reject(new Error(`rendering a chart: ${error instanceof Error ? error.message : String(error)}`));
    try {
      if (request.svgOnly) resolve({ id: request.id, ok: true, svg: here.renderSvg(request.config) });
      else here.renderEncodingAside(request.config).then((images) => resolve({ id: request.id, ok: true, ...images }), failed);
    } catch (error) {
      failed(error);
    }
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
    async helpHere() {
      for (let job = queue.shift(); job; job = queue.shift()) {
        renderHere(job);
        // Let the helpers' replies in, so a free helper takes the next chart meanwhile.
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    async close() {
      closing = true;
      // Told it is done, a helper reports its usage and disconnects; with nothing left to do, it exits.
      await Promise.all(
        workers.map((w) =>
          w.exitCode !== null || w.signalCode !== null
            ? undefined
            : new Promise<void>((resolve) => {
                w.once('exit', () => resolve());
                w.send({ done: true } satisfies ChartWorkerMessage);
              }),
        ),
      );
    },
  };
}
