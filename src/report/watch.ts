// `watch`: rebuild the report of an incident file each time it is saved, printing diagnostics.
// A data error is normal while someone is editing: it is printed and the watcher keeps going.
// A deleted file takes its report with it; a file that takes the id of another watched file is
// refused, as `build` refuses it, instead of overwriting that file's report. After each change
// the index (`README.md`, `summary.json`) is rewritten, so it lists what is there, and with
// `site` the static site (`out/site/`) too.
// It stops when the signal aborts (Ctrl-C in the CLI) and then returns 0.
import { modulesAllowed, withModulesAllowed } from '../model/module-trust.js';
import path from 'node:path';
import { watch as chokidarWatch } from 'chokidar';
import type { Io } from '../cli/io.js';
import { UserError } from '../cli/io.js';
import { formatDiagnostic } from '../incident/diagnostic.js';
import { loadIncidentFile } from '../incident/load.js';
import { findIncidentFiles } from '../incident/validate.js';
import { commandLineTemplatePath, defaultTemplatePath, duplicateIdDiagnostic, runBuild, type BuildDependencies } from './build.js';
import { removeOutputEntries } from './write-output.js';

export interface WatchOptions {
  /** Incident files or directories (default: `incidents/`). */
  paths: string[];
  out?: string;
  template?: string;
  seeds?: number;
  /** Rewrite the static site (`out/site/`) with the index after each change. */
  site?: boolean;
  /** Stops the watcher. */
  signal?: AbortSignal;
  /** Quiet time after a change before rebuilding, so an editor's several writes make one build. */
  debounceMs?: number;
}

export interface WatchDependencies extends BuildDependencies {
  /** Called after each rebuild with the file and the exit code it would have had. */
  onRebuild?(file: string, code: number): void;
  /** Called after a deleted file's report is removed. */
  onDelete?(file: string): void;
  /** Called after each rewrite of the index, with its exit code. */
  onIndex?(code: number): void;
  /** Called once the watcher is listening. */
  onReady?(): void;
}

const incidentExtensions = new Set(['.yaml', '.yml', '.json']);

export async function runWatch(options: WatchOptions, io: Io, deps: WatchDependencies = {}): Promise<number> {
  const roots = (options.paths.length > 0 ? options.paths : ['incidents']).map((p) => path.resolve(io.cwd, p));
  const templatePath = options.template ? commandLineTemplatePath(options.template, io.cwd) : defaultTemplatePath;
  const isIncident = (file: string) => incidentExtensions.has(path.extname(file));

  // The opt-in of the command, carried explicitly into rebuilds started by file events.
  const allowModules = modulesAllowed();
  // Which file's report each id is: a file may only write `out/<id>/` if no other file owns it.
  const owner = new Map<string, string>();
  const idOf = new Map<string, string>();
  /** Files refused for taking another file's id, by that id: rebuilt when the owner goes. */
  const refused = new Map<string, Set<string>>();

  let queue = Promise.resolve();
  const enqueue = (job: () => Promise<void>) => {
    // Never let one job end the session (a UserError from writing, say): report and go on.
    queue = queue.then(job).catch((error: unknown) => {
      io.stderr.write(`incident-replay: watch: ${(error as Error)?.message ?? String(error)}\n`);
    });
  };
  const rebuild = (absolute: string) => {
    enqueue(async () => {
      const file = path.relative(io.cwd, absolute) || absolute;
      io.stdout.write(`\n${new Date().toISOString().slice(11, 19)} ${file} changed: rebuilding\n`);
      const loaded = await loadIncidentFile(absolute);
      const id = loaded.incident?.id;
      const other = id === undefined ? undefined : owner.get(id);
      let code: number;
      if (id !== undefined && other !== undefined && other !== absolute) {
        const d = duplicateIdDiagnostic(file, loaded.positionOf(['id']), id, path.relative(io.cwd, other) || other);
        io.stderr.write(`${formatDiagnostic(d)}\n`);
        if (!refused.has(id)) refused.set(id, new Set());
        refused.get(id)!.add(absolute);
        code = 1;
      } else {
        code = await withModulesAllowed(allowModules, () => buildOne(file, options, io, deps));
        if (code === 0 && id !== undefined) {
          const previous = idOf.get(absolute);
          idOf.set(absolute, id);
          owner.set(id, absolute);
          // The file's id changed: its old report is no one's now.
          if (previous !== undefined && previous !== id) await release(previous, absolute);
        }
      }
      io.stdout.write(code === 0 ? `${file}: report up to date\n` : `${file}: not rebuilt (see above); watching for the next save\n`);
      deps.onRebuild?.(file, code);
      if (code === 0) scheduleIndex();
    });
  };
  const remove = (absolute: string) => {
    enqueue(async () => {
      const file = path.relative(io.cwd, absolute) || absolute;
      const id = idOf.get(absolute);
      idOf.delete(absolute);
      for (const files of refused.values()) files.delete(absolute);
      if (id !== undefined) await release(id, absolute);
      io.stdout.write(`\n${new Date().toISOString().slice(11, 19)} ${file} deleted${id === undefined ? '' : `: removed the report of ${id}`}\n`);
      deps.onDelete?.(file);
      scheduleIndex();
    });
  };
  /** `absolute` no longer writes `out/<id>/`: remove that report, and give the id to a file refused for it. */
  const release = async (id: string, absolute: string) => {
    if (owner.get(id) !== absolute) return;
    owner.delete(id);
    await removeOutputEntries(path.resolve(io.cwd, options.out ?? 'out'), [id]);
    const waiting = [...(refused.get(id) ?? [])].sort();
    refused.delete(id);
    for (const f of waiting) rebuild(f);
  };
  let indexTimer: NodeJS.Timeout | undefined;
  const scheduleIndex = () => {
    clearTimeout(indexTimer);
    indexTimer = setTimeout(() => enqueue(() => withModulesAllowed(allowModules, () => writeIndex(options, io, deps))), options.debounceMs ?? 150);
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
    if (event === 'unlink' && isIncident(changed)) {
      const absolute = path.resolve(changed);
      clearTimeout(timers.get(absolute));
      timers.delete(absolute);
      remove(absolute);
      return;
    }
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
  clearTimeout(indexTimer);
  await watcher.close();
  await queue;
  return 0;
}

/** Rewrite the index and summary from every watched file; quiet unless it cannot. */
async function writeIndex(options: WatchOptions, io: Io, deps: WatchDependencies): Promise<void> {
  const quiet: Io = { ...io, stdout: { write: () => true }, stderr: { write: () => true } };
  let code: number;
  try {
    code = await runBuild({ mode: 'index', site: options.site, paths: options.paths, out: options.out, template: options.template, seeds: options.seeds }, quiet, deps);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    code = 1;
  }
  const out = options.out ?? 'out';
  const what = options.site ? `${out}/README.md, ${out}/summary.json and ${out}/site/` : `${out}/README.md and ${out}/summary.json`;
  io.stdout.write(code === 0 ? `${what} up to date\n` : `${what} not updated: a watched file has errors (see above)\n`);
  deps.onIndex?.(code);
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
