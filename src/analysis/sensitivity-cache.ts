// A cache of `sensitivity` results, so that a build whose incident files did not change (the
// usual case in CI and in an editor loop) does not replay thousands of sampled worlds again.
// A result is reused only when everything it depends on is the same:
//
// - the incident file's bytes (and a kind module's, when the file names one);
// - the options: samples, seed, step;
// - the code that computes it: the tool's version and every module of `analysis/`, `model/`,
//   `replay/` and `incident/` as they are on disk next to the running code, since a version
//   number does not change between two commits of a working tree.
//
// One file per result (`<cacheDir>/sensitivity/<key>.json`), written aside and renamed, so a
// concurrent build reads a whole result or none. Anything unreadable is a miss; the cache never
// changes a result, and a cached result is the same JSON a fresh one is turned into.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { version } from '../version.js';
import type { SensitivityResult } from './sensitivity.js';

const formatVersion = 1;

export interface SensitivityCacheKey {
  /** What is cached: `sensitivity` (the default) or another analysis of the same inputs (`boundary-maps`). */
  analysis?: string;
  incidentBytes: Uint8Array;
  kindModuleBytes?: Uint8Array;
  samples: number;
  seed: number;
  stepMinutes?: number;
}

let fingerprint: Promise<string> | undefined;

/** A hash of the code a result depends on (computed once per process). */
function codeFingerprint(): Promise<string> {
  fingerprint ??= (async () => {
    const hash = createHash('sha256').update(`incident-replay ${version}\0${process.version}\0`);
    const here = path.dirname(fileURLToPath(import.meta.url));
    for (const dir of ['.', '../model', '../replay', '../incident'].map((d) => path.join(here, d))) {
      const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
      const files = entries
        .filter((e) => e.isFile() && /\.(js|ts|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts'))
        .map((e) => path.join(e.parentPath, e.name))
        .sort();
      for (const file of files) hash.update(path.relative(here, file)).update('\0').update(await readFile(file)).update('\0');
    }
    return hash.digest('hex');
  })();
  return fingerprint;
}

export async function sensitivityCacheKey(key: SensitivityCacheKey): Promise<string> {
  const hash = createHash('sha256').update(`${formatVersion}\0${await codeFingerprint()}\0`);
  hash.update(JSON.stringify([key.analysis ?? 'sensitivity', key.samples, key.seed, key.stepMinutes ?? null])).update('\0');
  hash.update(key.incidentBytes).update('\0');
  if (key.kindModuleBytes) hash.update(key.kindModuleBytes);
  return hash.digest('hex');
}

/** The result as plain JSON data: what is cached, and what a fresh result is turned into, so both render alike. */
export function asCachedResult(result: SensitivityResult): SensitivityResult {
  return JSON.parse(JSON.stringify(result)) as SensitivityResult;
}

export async function readCachedSensitivity<T = SensitivityResult>(cacheDir: string, key: string, subdir = 'sensitivity'): Promise<T | undefined> {
  try {
    const stored = JSON.parse(await readFile(path.join(cacheDir, subdir, `${key}.json`), 'utf8')) as {
      formatVersion?: number;
      result?: T;
    };
    return stored.formatVersion === formatVersion && stored.result ? stored.result : undefined;
  } catch {
    return undefined;
  }
}

export async function writeCachedSensitivity<T = SensitivityResult>(cacheDir: string, key: string, result: T, subdir = 'sensitivity'): Promise<void> {
  const dir = path.join(cacheDir, subdir);
  const file = path.join(dir, `${key}.json`);
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temporary, JSON.stringify({ formatVersion, result }));
    await rename(temporary, file);
  } catch {
    // A read-only or full disk costs the next build its speed, nothing else.
    await unlink(temporary).catch(() => {});
  }
}
