// A cache of `validate` results, so that checking files that did not change (the usual case in
// an editor hook or CI) skips loading the YAML parser and the schema and parsing the files,
// most of a run's time. A result is reused only when everything it depends on is the same:
//
// - the file's bytes (entries are keyed by a hash of the content, not by the path);
// - the code that checks it: every module of `incident/` and `model/` as they are on disk next
//   to the running code (src/ under the tests, dist/ from the binary), and the model kinds
//   registered in this process (ids, parameters, series, actions);
// - the versions of Node.js, its time-zone data and ICU (DST checks depend on them), and of
//   the packages the checks use (`yaml`, `js-yaml`, `zod`, `@date-fns/tz`, `fastest-levenshtein`).
//
// Anything unreadable or malformed is treated as a miss; the cache never changes a result.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from './diagnostic.js';

const formatVersion = 2;
/** Entries kept: enough for every incident of a project and a few of their past versions. */
const maxEntries = 500;
const cacheFileName = 'validate.json';

type CachedDiagnostic = Omit<Diagnostic, 'file'>;

/** A file's incident id and where it is written: `validate` compares ids across files. */
export interface IncidentIdAt {
  id: string;
  line: number;
  column: number;
}

interface CacheFile {
  formatVersion: number;
  fingerprint: string;
  /** Content hash → diagnostics, oldest first (insertion order), for eviction. */
  entries: Record<string, CachedDiagnostic[]>;
  /** Content hash → the incident id in it, for the files that have one. */
  ids?: Record<string, IncidentIdAt>;
}

export interface ValidateCache {
  get(contentHash: string): CachedDiagnostic[] | undefined;
  set(contentHash: string, diagnostics: readonly Diagnostic[], id?: IncidentIdAt): void;
  idOf(contentHash: string): IncidentIdAt | undefined;
  /** Write the cache back if anything changed; never throws. */
  save(): Promise<void>;
}

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function openValidateCache(cacheDir: string): Promise<ValidateCache> {
  const file = path.join(cacheDir, cacheFileName);
  const fingerprint = await codeFingerprint();
  const stored = await readFile(file, 'utf8')
    .then((text) => JSON.parse(text) as CacheFile)
    .catch(() => undefined);
  const entries = new Map<string, CachedDiagnostic[]>(
    stored?.formatVersion === formatVersion && stored.fingerprint === fingerprint ? Object.entries(stored.entries) : [],
  );
  const ids = new Map<string, IncidentIdAt>(stored?.formatVersion === formatVersion && stored.fingerprint === fingerprint ? Object.entries(stored.ids ?? {}) : []);
  let changed = false;
  return {
    get: (hash) => entries.get(hash),
    idOf: (hash) => ids.get(hash),
    set: (hash, diagnostics, id) => {
      entries.delete(hash);
      ids.delete(hash);
      if (id) ids.set(hash, id);
      entries.set(
        hash,
        diagnostics.map(({ file: _file, ...d }) => d),
      );
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value!;
        entries.delete(oldest);
        ids.delete(oldest);
      }
      changed = true;
    },
    save: async () => {
      if (!changed) return;
      const data: CacheFile = { formatVersion, fingerprint, entries: Object.fromEntries(entries), ids: Object.fromEntries(ids) };
      // Write aside and rename: a concurrent run reads the old cache or the new one, never half.
      const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
      try {
        await mkdir(cacheDir, { recursive: true });
        await writeFile(temporary, JSON.stringify(data));
        await rename(temporary, file);
      } catch {
        // A read-only or full disk costs the next run its speed, nothing else.
      }
    },
  };
}

/** A hash of everything other than the file that a validation result depends on. */
async function codeFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, path.join(here, '../model')]) {
    for (const file of await codeFiles(dir)) {
      hash.update(path.relative(here, file)).update('\0').update(await readFile(file)).update('\0');
    }
  }
  const require = createRequire(import.meta.url);
  const versionOf = (pkg: string) => (require(`${pkg}/package.json`) as { version: string }).version;
  const packages = ['yaml', 'js-yaml', 'zod', '@date-fns/tz', 'fastest-levenshtein'].map(versionOf);
  hash.update(JSON.stringify([process.version, process.versions.tz, process.versions.icu, ...packages]));
  hash.update(await kindsFingerprint());
  return hash.digest('hex');
}

/** The registered kinds as data: a kind registered in this process changes the results. */
async function kindsFingerprint(): Promise<string> {
  try {
    await import('../model/kinds/index.js');
    const { getKind, kindIds } = await import('../model/registry.js');
    return JSON.stringify(
      kindIds().map((id) => {
        const kind = getKind(id)!;
        return [id, kind.parameters, kind.series, kind.actions];
      }),
    );
  } catch (error) {
    // The checks report kinds that fail to load; a later fixed kind changes the code hash.
    return `unavailable: ${(error as Error)?.message}`;
  }
}

async function codeFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && /\.(js|ts|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
}
