// `build --check`: is `out/` what a build would write? Markdown, JSON and SVG (passed in
// `expected`) are compared byte for byte; PNG images (`images`) are only required to exist
// (a raster is not pixel-stable across machines). Files a build would not write are reported too.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { OutputFiles, WriteScope } from './write-output.js';

export interface StaleFile {
  /** Relative to `out/`, with `/` separators. */
  path: string;
  problem: 'differs' | 'missing' | 'unexpected';
}

export async function checkOutput(
  outDir: string,
  expected: OutputFiles,
  images: readonly string[],
  scope: WriteScope,
): Promise<StaleFile[]> {
  const stale: StaleFile[] = [];
  for (const [relative, data] of expected) {
    const actual = await readFile(path.join(outDir, relative)).catch(() => undefined);
    if (actual === undefined) stale.push({ path: relative, problem: 'missing' });
    else if (!actual.equals(typeof data === 'string' ? Buffer.from(data) : Buffer.from(data))) stale.push({ path: relative, problem: 'differs' });
  }
  const existing = new Set<string>();
  const roots = scope.kind === 'all' ? [''] : scope.entries;
  const kept = scope.kind === 'all' ? (scope.keep ?? []) : [];
  for (const root of roots) {
    for (const f of await listFiles(outDir, root)) if (!kept.some((k) => f === k || f.startsWith(`${k}/`))) existing.add(f);
  }
  for (const image of images) if (!existing.has(image)) stale.push({ path: image, problem: 'missing' });
  const known = new Set([...expected.keys(), ...images]);
  for (const f of existing) if (!known.has(f)) stale.push({ path: f, problem: 'unexpected' });
  return stale.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Files under `outDir/relative` (a file or a directory), relative to `outDir`. */
async function listFiles(outDir: string, relative: string): Promise<string[]> {
  const full = path.join(outDir, relative);
  const entries = await readdir(full, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOTDIR') return null;
    return [] as never[];
  });
  if (entries === null) return [relative];
  const files: string[] = [];
  for (const e of entries) {
    const child = relative ? `${relative}/${e.name}` : e.name;
    if (e.isDirectory()) files.push(...(await listFiles(outDir, child)));
    else files.push(child);
  }
  return files;
}
