// Writing a build so that a failure or an interruption never leaves `out/` half-written or gone:
// everything goes into a staging directory beside `out/` first (each file as a temporary file
// renamed into place), a journal marks the staging directory complete, and only then are the
// staged files moved over their places in `out/`, one atomic rename each, and what the new build
// no longer holds is removed. A full build owns all of `out/`; `report` and shards own only their
// entries (`<id>/`, the index).
//
// Why file by file rather than swapping the directory: POSIX has no atomic exchange of two
// directories that Node can reach, and two renames (out → old, staging → out) leave a window in
// which `out/` does not exist; a CI job killed there uploads nothing. File by file, `out/` and
// every report in it exist at every moment; a kill midway leaves some files of the new build and
// some of the old, and `recoverOutput`, run at the start of every write, finishes the swap from the
// journal. A lock file beside `out/` keeps two writers apart.
import { lstat, mkdir, open, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../cli/io.js';

export type OutputFiles = Map<string, string | Uint8Array>;

export type WriteScope =
  /** `out/` holds exactly these files afterwards, and the top-level entries in `keep` as they were. */
  | { kind: 'all'; keep?: string[] }
  /** Only these top-level entries of `out/` are replaced; the rest is left alone. */
  | { kind: 'entries'; entries: string[] };

/** Points of a write where an interruption leaves a different state on disk. */
export type WritePhase =
  /** The first file is in the staging directory. */
  | 'staging'
  /** Every file is staged; nothing of `out/` has moved. */
  | 'staged'
  /** The first staged file has replaced its old copy in `out/`; the rest are still old. */
  | 'replacing'
  /** Every new file is in place and stale files are removed; the staging directory is not yet removed. */
  | 'swapped';

export interface WriteHooks {
  /** Called after each staged file: tests inject a failure here. */
  afterFile?(relativePath: string, count: number): void | Promise<void>;
  /** Called at each phase. */
  atPhase?(phase: WritePhase): void | Promise<void>;
}

/**
 * The environment variable that makes a build kill itself (SIGKILL, as a CI runner or the OOM
 * killer would) at a phase: the tests' way into the window between the two renames, which no
 * timing can hit reliably.
 */
export const killAtVariable = 'INCIDENT_REPLAY_TEST_KILL_AT';

const stagingMarker = '.staging-';
/** Left by builds before the file-by-file swap; recovery still puts such a copy back. */
const oldMarker = '.old-';
/** An entry `removeOutputEntries` moved aside to delete: never put back. */
const deletedMarker = '.deleted-';
const journalName = '.journal.json';
/** Set on an error thrown while staged files were being moved into `out/`. */
const partlyReplaced = Symbol('partly replaced');

/** What a complete staging directory is to become: the files of the new output, and what it owns. */
interface Journal {
  scope: WriteScope;
  files: string[];
}

function siblings(outDir: string) {
  const dir = path.dirname(outDir);
  const base = path.basename(outDir);
  return { dir, staging: `.${base}${stagingMarker}`, old: `.${base}${oldMarker}`, lock: path.join(dir, `.${base}.lock`) };
}

/**
 * `writeFileAtomic` with synchronous calls, for the files of a build: a build stages some fifty
 * files and moves each into `out/`, about ten file-system calls a file. Awaited one by one, each
 * call waited for a thread of libuv's pool and then for this thread's event loop, which on a
 * busy machine is most of the time writing takes; the calls themselves take microseconds.
 * Nothing else runs meanwhile (the charts are drawn and encoded by then), so nothing waits.
 */
function writeFileAtomicSync(file: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** Write into a temporary file beside the target, then rename: readers never see half a file. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

export async function writeOutput(outDir: string, files: OutputFiles, scope: WriteScope, hooks: WriteHooks = {}): Promise<void> {
  outDir = path.resolve(outDir);
  try {
    await mkdir(path.dirname(outDir), { recursive: true });
    const unlock = await lockOutput(outDir);
    try {
      await recoverOutput(outDir);
      await swapIn(outDir, files, scope, phases(hooks));
    } finally {
      await unlock();
    }
  } catch (error) {
    throw asUserError(error, outDir);
  }
}

function phases(hooks: WriteHooks): WriteHooks {
  const killAt = process.env[killAtVariable];
  if (!killAt) return hooks;
  return {
    ...hooks,
    async atPhase(phase) {
      await hooks.atPhase?.(phase);
      if (phase === killAt) process.kill(process.pid, 'SIGKILL');
    },
  };
}

async function swapIn(outDir: string, files: OutputFiles, scope: WriteScope, hooks: WriteHooks): Promise<void> {
  const { dir, staging } = siblings(outDir);
  const stagingDir = path.join(dir, `${staging}${process.pid}`);
  await rm(stagingDir, { recursive: true, force: true });
  let replacing = false;
  try {
    // Sorted, so the order of writes (and so where an interruption falls) is reproducible.
    const names = [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let count = 0;
    for (const relative of names) {
      writeFileAtomicSync(path.join(stagingDir, relative), files.get(relative)!);
      count++;
      await hooks.afterFile?.(relative, count);
      if (count === 1) await hooks.atPhase?.('staging');
    }
    // The journal is written last: a staging directory that holds one is complete, and recovery
    // may finish its swap; one without it is a build that died while staging, and is dropped.
    const journal: Journal = { scope, files: names };
    writeFileAtomicSync(path.join(stagingDir, journalName), `${JSON.stringify(journal)}\n`);
    await hooks.atPhase?.('staged');
    replacing = true;
    await replaceFromStaging(outDir, stagingDir, journal, hooks).catch((error: unknown) => {
      throw Object.assign(error as object, { [partlyReplaced]: true });
    });
  } finally {
    // Once replacing has begun, `out/` is part old and part new: the staging directory and its
    // journal stay until the swap is finished, by this write or by the next one's recovery.
    if (!replacing) await rm(stagingDir, { recursive: true, force: true });
  }
}

/**
 * Move every staged file over its place in `out/`, one rename each (a rename over a file is
 * atomic), then remove what the new output no longer holds. `out/` and every file in it exist
 * at every moment: a kill midway leaves some files old and some new, never a missing report,
 * and the journal lets the next write finish the swap. Files already moved are skipped, so
 * finishing an interrupted swap is the same call.
 */
async function replaceFromStaging(outDir: string, stagingDir: string, journal: Journal, hooks: WriteHooks): Promise<void> {
  await mkdir(outDir, { recursive: true });
  let first = true;
  // Synchronous calls, as in staging (see writeFileAtomicSync).
  for (const relative of journal.files) {
    const from = path.join(stagingDir, relative);
    if (kindOfSync(from) !== 'file') continue;
    const to = path.join(outDir, relative);
    clearWayFor(outDir, relative);
    renameSync(from, to);
    if (first) await hooks.atPhase?.('replacing');
    first = false;
  }
  await removeStale(outDir, journal);
  await hooks.atPhase?.('swapped');
  await rm(stagingDir, { recursive: true, force: true });
}

/** Make the parent directories of `relative` inside `outDir`, removing a file or directory in the way. */
function clearWayFor(outDir: string, relative: string): void {
  const parts = relative.split('/');
  let at = outDir;
  for (const part of parts.slice(0, -1)) {
    at = path.join(at, part);
    const kind = kindOfSync(at);
    if (kind === 'file' || kind === 'other') rmSync(at, { force: true });
    if (kind !== 'directory') mkdirSync(at);
  }
  if (kindOfSync(path.join(outDir, relative)) === 'directory') rmSync(path.join(outDir, relative), { recursive: true, force: true });
}

/** Remove the files of `out/` in the write's scope that the new output does not hold, and emptied directories. */
async function removeStale(outDir: string, journal: Journal): Promise<void> {
  const keep = new Set(journal.files);
  const roots = journal.scope.kind === 'all' ? [''] : journal.scope.entries;
  for (const root of roots) {
    const base = path.join(outDir, root);
    const kind = await kindOf(base);
    if (kind === 'missing') continue;
    if (kind !== 'directory') {
      if (!keep.has(root)) await rm(base, { force: true });
      continue;
    }
    const entries = await readdir(base, { recursive: true, withFileTypes: true });
    const dirs: string[] = [];
    const kept = journal.scope.kind === 'all' ? (journal.scope.keep ?? []) : [];
    for (const entry of entries) {
      const full = path.join(entry.parentPath, entry.name);
      const relative = path.relative(outDir, full).split(path.sep).join('/');
      if (kept.some((k) => relative === k || relative.startsWith(`${k}/`))) continue;
      if (entry.isDirectory()) dirs.push(full);
      else if (!keep.has(relative)) await rm(full, { force: true });
    }
    // Deepest first, so a directory is empty by the time it is looked at.
    dirs.sort((a, b) => b.length - a.length);
    for (const d of dirs) if ((await readdir(d)).length === 0) await rm(d, { recursive: true, force: true });
    if (root !== '' && (await readdir(base)).length === 0) await rm(base, { recursive: true, force: true });
  }
}

/** Remove top-level entries of `out/` (the report of a deleted incident), under the lock. */
export async function removeOutputEntries(outDir: string, entries: readonly string[]): Promise<void> {
  outDir = path.resolve(outDir);
  try {
    if (!(await exists(outDir))) return;
    const unlock = await lockOutput(outDir);
    try {
      await recoverOutput(outDir);
      for (const entry of entries) {
        const target = path.join(outDir, entry);
        if (!(await exists(target))) continue;
        // Renamed first, so a kill midway leaves a leftover that recovery removes, not half a report.
        const aside = path.join(outDir, `.${entry}${deletedMarker}${process.pid}`);
        await rename(target, aside);
        await rm(aside, { recursive: true, force: true });
      }
    } finally {
      await unlock();
    }
  } catch (error) {
    throw asUserError(error, outDir);
  }
}

/**
 * Finish or undo what an interrupted write left behind: a complete staging directory (one with a
 * journal) has its swap finished; one without is dropped; entries moved aside to be deleted are
 * removed. An `out/` or entry moved aside by a build of an older version is put back. Run under
 * the lock, so every leftover is a dead writer's (whatever its pid: a pid can be reused, by this
 * very process in a fresh container).
 */
export async function recoverOutput(outDir: string): Promise<void> {
  outDir = path.resolve(outDir);
  const { dir, staging, old } = siblings(outDir);
  for (const name of (await readdir(dir).catch(() => [] as string[])).sort()) {
    const full = path.join(dir, name);
    if (name.startsWith(old) && !(await exists(outDir))) await rename(full, outDir);
    else if (name.startsWith(staging)) {
      const journal = await readJournal(full);
      if (journal) await replaceFromStaging(outDir, full, journal, {});
      else await rm(full, { recursive: true, force: true });
    } else if (name.startsWith(old)) await rm(full, { recursive: true, force: true });
  }
  for (const name of await readdir(outDir).catch(() => [] as string[])) {
    const full = path.join(outDir, name);
    if (/^\..+\.deleted-\d+$/.test(name)) {
      await rm(full, { recursive: true, force: true });
      continue;
    }
    const m = /^\.(.+)\.old-\d+$/.exec(name);
    if (!m) continue;
    const entry = path.join(outDir, m[1]!);
    if (!(await exists(entry))) await rename(full, entry);
    else await rm(full, { recursive: true, force: true });
  }
}

async function readJournal(stagingDir: string): Promise<Journal | undefined> {
  const text = await readFile(path.join(stagingDir, journalName), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const journal = JSON.parse(text) as Journal;
    return Array.isArray(journal.files) && journal.scope ? journal : undefined;
  } catch {
    // A journal is renamed into place whole, so this is not one of ours: drop the directory.
    return undefined;
  }
}

/**
 * Take the lock beside `out/` (`.out.lock`, holding the writer's pid), or fail with a message
 * naming the build that holds it. A lock whose process is gone (a killed build) is taken over.
 */
async function lockOutput(outDir: string): Promise<() => Promise<void>> {
  const { lock } = siblings(outDir);
  for (let attempt = 0; ; attempt++) {
    try {
      if (heldHere.has(lock)) throw Object.assign(new Error('held by this process'), { code: 'EEXIST' });
      const handle = await open(lock, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      heldHere.add(lock);
      return async () => {
        heldHere.delete(lock);
        await rm(lock, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
    }
    const holder = heldHere.has(lock) ? process.pid : Number((await readFile(lock, 'utf8').catch(() => '')).trim());
    if (holder === process.pid ? heldHere.has(lock) : alive(holder)) {
      const shown = path.basename(outDir);
      throw new UserError(
        `another build (process ${holder}) is writing ${shown}/; nothing was written. Run again when it has finished (if no build is running, remove ${path.basename(lock)} beside ${shown}/)`,
      );
    }
    await rm(lock, { force: true });
  }
}

/** Locks this process holds: a lock file with our own pid and not in here is a dead process's. */
const heldHere = new Set<string>();

/** Errors of the file system that are the machine's state, not a bug: a message, exit 1. */
const environmentErrors: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
};

function asUserError(error: unknown, outDir: string): unknown {
  const e = error as NodeJS.ErrnoException;
  const reason = e?.code ? environmentErrors[e.code] : undefined;
  if (!reason) return error;
  const shown = path.basename(outDir);
  const state = (error as { [partlyReplaced]?: boolean })[partlyReplaced]
    ? `${shown}/ is partly updated; the next build or report finishes it from the staging directory beside it`
    : `${shown}/ still holds the last complete build`;
  return new UserError(`cannot write ${shown}/: ${reason} (${e.code}); ${state}`);
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function kindOf(p: string): Promise<'missing' | 'directory' | 'file' | 'other'> {
  try {
    const stat = await lstat(p);
    return stat.isDirectory() ? 'directory' : stat.isFile() ? 'file' : 'other';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

function kindOfSync(p: string): 'missing' | 'directory' | 'file' | 'other' {
  const stat = lstatSync(p, { throwIfNoEntry: false });
  if (stat === undefined) return 'missing';
  return stat.isDirectory() ? 'directory' : stat.isFile() ? 'file' : 'other';
}

async function exists(p: string): Promise<boolean> {
  return readdir(path.dirname(p))
    .then((names) => names.includes(path.basename(p)))
    .catch(() => false);
}
