// Writing a build so that a failure or an interruption never leaves `out/` half-written:
// everything goes into a staging directory beside `out/` first (each file as a temporary file
// renamed into place), and only a complete staging directory is swapped in. A full build swaps
// the whole directory; `report` and shards swap only the entries they own (`<id>/`, the index).
//
// The swap is two renames (out → old, staging → out). A kill between them leaves `out/` missing
// and the old copy beside it; `recoverOutput` (run before every write) puts it back.
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export type OutputFiles = Map<string, string | Uint8Array>;

export type WriteScope =
  /** `out/` holds exactly these files afterwards. */
  | { kind: 'all' }
  /** Only these top-level entries of `out/` are replaced; the rest is left alone. */
  | { kind: 'entries'; entries: string[] };

export interface WriteHooks {
  /** Called after each staged file: tests inject a failure here. */
  afterFile?(relativePath: string, count: number): void | Promise<void>;
}

const stagingMarker = '.staging-';
const oldMarker = '.old-';

function siblings(outDir: string) {
  const dir = path.dirname(outDir);
  const base = path.basename(outDir);
  return { dir, staging: `.${base}${stagingMarker}`, old: `.${base}${oldMarker}` };
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
  await recoverOutput(outDir);
  const { dir, staging, old } = siblings(outDir);
  await mkdir(dir, { recursive: true });
  const stagingDir = path.join(dir, `${staging}${process.pid}`);
  await rm(stagingDir, { recursive: true, force: true });
  try {
    let count = 0;
    // Sorted, so the order of writes (and so where an interruption falls) is reproducible.
    for (const [relative, data] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      await writeFileAtomic(path.join(stagingDir, relative), data);
      await hooks.afterFile?.(relative, ++count);
    }
    await mkdir(stagingDir, { recursive: true });
    if (scope.kind === 'all') {
      const oldDir = path.join(dir, `${old}${process.pid}`);
      const hadOut = await exists(outDir);
      if (hadOut) await rename(outDir, oldDir);
      try {
        await rename(stagingDir, outDir);
      } catch (error) {
        if (hadOut) await rename(oldDir, outDir);
        throw error;
      }
      await rm(oldDir, { recursive: true, force: true });
    } else {
      await mkdir(outDir, { recursive: true });
      for (const entry of scope.entries) {
        const from = path.join(stagingDir, entry);
        if (!(await exists(from))) continue;
        const target = path.join(outDir, entry);
        const aside = path.join(outDir, `.${entry}${oldMarker}${process.pid}`);
        const had = await exists(target);
        if (had) await rename(target, aside);
        await rename(from, target);
        if (had) await rm(aside, { recursive: true, force: true });
      }
    }
  } finally {
    await rm(stagingDir, { recursive: true, force: true });
  }
}

/**
 * Undo what an interrupted write left behind: staging directories of processes that are gone,
 * and an `out/` that was moved aside but not replaced.
 */
export async function recoverOutput(outDir: string): Promise<void> {
  const { dir, staging, old } = siblings(path.resolve(outDir));
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(name.slice(name.lastIndexOf('-') + 1));
    if (!(name.startsWith(staging) || name.startsWith(old)) || alive(pid)) continue;
    const full = path.join(dir, name);
    if (name.startsWith(old) && !(await exists(outDir))) await rename(full, outDir);
    else await rm(full, { recursive: true, force: true });
  }
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
