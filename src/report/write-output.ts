// Writing a build so that a failure or an interruption never leaves `out/` half-written:
// everything goes into a staging directory beside `out/` first (each file as a temporary file
// renamed into place), and only a complete staging directory is swapped in. A full build swaps
// the whole directory; `report` and shards swap only the entries they own (`<id>/`, the index).
//
// The swap is two renames (out → old, staging → out): POSIX has no atomic exchange of two
// directories that Node can reach. A kill between them leaves `out/` missing and the complete old
// copy beside it; `recoverOutput`, run at the start of every write, puts it back and removes what
// a killed build left (staging directories, moved-aside copies). A lock file beside `out/` keeps
// two writers apart: without it, their renames interleave and one ends in ENOTEMPTY.
import { mkdir, open, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../cli/io.js';

export type OutputFiles = Map<string, string | Uint8Array>;

export type WriteScope =
  /** `out/` holds exactly these files afterwards. */
  | { kind: 'all' }
  /** Only these top-level entries of `out/` are replaced; the rest is left alone. */
  | { kind: 'entries'; entries: string[] };

/** Points of a write where an interruption leaves a different state on disk. */
export type WritePhase =
  /** The first file is in the staging directory. */
  | 'staging'
  /** Every file is staged; nothing of `out/` has moved. */
  | 'staged'
  /** The old `out/` (or, for `report` and shards, the first old entry) is moved aside; the new one is not in place. */
  | 'moved-aside'
  /** The new output is in place; the old copy is not yet removed. */
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
const oldMarker = '.old-';

function siblings(outDir: string) {
  const dir = path.dirname(outDir);
  const base = path.basename(outDir);
  return { dir, staging: `.${base}${stagingMarker}`, old: `.${base}${oldMarker}`, lock: path.join(dir, `.${base}.lock`) };
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
  const { dir, staging, old } = siblings(outDir);
  const stagingDir = path.join(dir, `${staging}${process.pid}`);
  await rm(stagingDir, { recursive: true, force: true });
  try {
    let count = 0;
    // Sorted, so the order of writes (and so where an interruption falls) is reproducible.
    for (const [relative, data] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      await writeFileAtomic(path.join(stagingDir, relative), data);
      count++;
      await hooks.afterFile?.(relative, count);
      if (count === 1) await hooks.atPhase?.('staging');
    }
    await mkdir(stagingDir, { recursive: true });
    await hooks.atPhase?.('staged');
    if (scope.kind === 'all') {
      const oldDir = path.join(dir, `${old}${process.pid}`);
      const hadOut = await exists(outDir);
      if (hadOut) await rename(outDir, oldDir);
      await hooks.atPhase?.('moved-aside');
      try {
        await rename(stagingDir, outDir);
      } catch (error) {
        if (hadOut) await rename(oldDir, outDir);
        throw error;
      }
      await hooks.atPhase?.('swapped');
      await rm(oldDir, { recursive: true, force: true });
    } else {
      await mkdir(outDir, { recursive: true });
      let first = true;
      for (const entry of scope.entries) {
        const from = path.join(stagingDir, entry);
        if (!(await exists(from))) continue;
        const target = path.join(outDir, entry);
        const aside = path.join(outDir, `.${entry}${oldMarker}${process.pid}`);
        const had = await exists(target);
        if (had) await rename(target, aside);
        if (first) await hooks.atPhase?.('moved-aside');
        await rename(from, target);
        if (first) await hooks.atPhase?.('swapped');
        first = false;
        if (had) await rm(aside, { recursive: true, force: true });
      }
    }
  } finally {
    await rm(stagingDir, { recursive: true, force: true });
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
        const aside = path.join(outDir, `.${entry}${oldMarker}${process.pid}`);
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
 * Undo what an interrupted write left behind: staging directories, an `out/` that was moved
 * aside but not replaced (put back: it is the last complete output), and entries of `out/` that
 * `report` or a shard moved aside. Run under the lock, so every leftover is a dead writer's
 * (whatever its pid: a pid can be reused, by this very process in a fresh container).
 */
export async function recoverOutput(outDir: string): Promise<void> {
  outDir = path.resolve(outDir);
  const { dir, staging, old } = siblings(outDir);
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const full = path.join(dir, name);
    if (name.startsWith(old) && !(await exists(outDir))) await rename(full, outDir);
    else if (name.startsWith(staging) || name.startsWith(old)) await rm(full, { recursive: true, force: true });
  }
  for (const name of await readdir(outDir).catch(() => [] as string[])) {
    const m = /^\.(.+)\.old-\d+$/.exec(name);
    if (!m) continue;
    const full = path.join(outDir, name);
    const entry = path.join(outDir, m[1]!);
    if (!(await exists(entry))) await rename(full, entry);
    else await rm(full, { recursive: true, force: true });
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
  return new UserError(`cannot write ${shown}/: ${reason} (${e.code}); ${shown}/ still holds the last complete build`);
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

async function exists(p: string): Promise<boolean> {
  return readdir(path.dirname(p))
    .then((names) => names.includes(path.basename(p)))
    .catch(() => false);
}
