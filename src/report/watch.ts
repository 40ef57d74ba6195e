// `watch`: rebuild the report of an incident file each time it is saved, printing diagnostics.
// A data error is normal while someone is editing: it is printed and the watcher keeps going.
// It stops when the signal aborts (Ctrl-C in the CLI) and then returns 0.
import { modulesAllowed, withModulesAllowed } from '../model/module-trust.js';
import path from 'node:path';
import { watch as chokidarWatch } from 'chokidar';
import type { Io } from '../cli/io.js';
import { UserError } from '../cli/io.js';
import { findIncidentFiles } from '../incident/validate.js';
import { defaultTemplatePath, runBuild, type BuildDependencies } from './build.js';

export interface WatchOptions {
  /** Incident files or directories (default: `incidents/`). */
  paths: string[];
  out?: string;
  template?: string;
  seeds?: number;
  /** Stops the watcher. */
  signal?: AbortSignal;
  /** Quiet time after a change before rebuilding, so an editor's several writes make one build. */
  debounceMs?: number;
}

export interface WatchDependencies extends BuildDependencies {
  /** Called after each rebuild with the file and the exit code it would have had. */
  onRebuild?(file: string, code: number): void;
  /** Called once the watcher is listening. */
  onReady?(): void;
}

const incidentExtensions = new Set(['.yaml', '.yml', '.json']);

export async function runWatch(options: WatchOptions, io: Io, deps: WatchDependencies = {}): Promise<number> {
  const roots = (options.paths.length > 0 ? options.paths : ['incidents']).map((p) => path.resolve(io.cwd, p));
  const templatePath = options.template ? path.resolve(io.cwd, options.template) : defaultTemplatePath;
  const isIncident = (file: string) => incidentExtensions.has(path.extname(file));

  // The opt-in of the command, carried explicitly into rebuilds started by file events.
  const allowModules = modulesAllowed();
  let queue = Promise.resolve();
  const rebuild = (absolute: string) => {
    queue = queue.then(async () => {
      const file = path.relative(io.cwd, absolute) || absolute;
      io.stdout.write(`\n${new Date().toISOString().slice(11, 19)} ${file} changed: rebuilding\n`);
      const code = await withModulesAllowed(allowModules, () => buildOne(file, options, io, deps));
      io.stdout.write(code === 0 ? `${file}: report up to date\n` : `${file}: not rebuilt (see above); watching for the next save\n`);
      deps.onRebuild?.(file, code);
    });
  };
  const timers = new Map<string, NodeJS.Timeout>();
  const schedule = (absolute: string) => {
    clearTimeout(timers.get(absolute));
    timers.set(
      absolute,
      setTimeout(() => {
        timers.delete(absolute);
        rebuild(absolute);
      }, options.debounceMs ?? 150),
    );
  };

  // A first build of everything, so the reports match the files before the first save.
  for (const file of await findIncidentFiles(options.paths, io.cwd)) rebuild(path.resolve(io.cwd, file));

  const watcher = chokidarWatch([...roots, templatePath], { ignoreInitial: true });
  watcher.on('all', (event, changed) => {
    if (event !== 'add' && event !== 'change') return;
    if (path.resolve(changed) === templatePath) {
      // The template serves every incident: rebuild them all.
      void findIncidentFiles(options.paths, io.cwd).then((files) => files.forEach((f) => schedule(path.resolve(io.cwd, f))));
    } else if (isIncident(changed)) {
      schedule(path.resolve(changed));
    }
  });
  watcher.on('error', (error) => io.stderr.write(`incident-replay: watch: ${(error as Error).message}\n`));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  io.stdout.write(`watching ${roots.map((r) => path.relative(io.cwd, r) || '.').join(', ')} (Ctrl-C to stop)\n`);
  deps.onReady?.();

  await new Promise<void>((resolve) => {
    if (options.signal?.aborted) return resolve();
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  for (const t of timers.values()) clearTimeout(t);
  await watcher.close();
  await queue;
  return 0;
}

async function buildOne(file: string, options: WatchOptions, io: Io, deps: BuildDependencies): Promise<number> {
  try {
    return await runBuild(
      { mode: 'report', paths: [file], out: options.out, template: options.template, seeds: options.seeds },
      io,
      deps,
    );
  } catch (error) {
    // Never let one save end the session: report and keep watching.
    io.stderr.write(
      error instanceof UserError
        ? `incident-replay: ${error.message}\n`
        : `incident-replay: internal error: ${(error as Error)?.message ?? String(error)}\n`,
    );
    return 1;
  }
}
