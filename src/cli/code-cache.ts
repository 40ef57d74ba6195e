// V8's code cache for the bundled command-line program. A command spends much of its fixed cost
// compiling JavaScript: the top level of every file it loads and each function on its first
// call. V8 can serialise what it compiled (bytecode included) and start from that on the next
// run, skipping the parse; Node 22 does this for modules with `module.enableCompileCache()`,
// Node 20 has no such switch for ES modules, but does for scripts compiled through `vm.Script`
// with `cachedData`. So the CLI is bundled as CommonJS (scripts/bundle-cli.mjs) and the
// CommonJS files a command loads (its own, and Chart.js and node-canvas for one that draws) are
// compiled here, as v8-compile-cache does for webpack and yarn: each file's cache is read before
// it is compiled, and written at exit (after the run, so it holds the functions the run compiled
// too) when it was missing or V8 turned it down (another Node, other flags).
//
// The cache lives in the project, beside the other caches (`node_modules/.cache/incident-
// replay/`), under the Node version, keyed by each file's path and content: a rebuilt file is a
// new entry. A run that writes entries (after a rebuild or an upgrade) also removes those it did
// not read and that are older than a week, so rebuilds do not pile up old entries; one still in
// use but removed that way costs one run without its cache. Without a `node_modules` there is
// nothing to write to and everything compiles as usual; `NODE_DISABLE_COMPILE_CACHE=1` (Node 22's
// switch for its own cache) turns it off. A cache that cannot be read or written is ignored.
import Module from 'node:module';
import vm from 'node:vm';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startFlags, underStartFlags } from '../runtime/tier-up.js';

interface CompilableModule {
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}

type ModuleInternals = typeof Module & {
  prototype: CompilableModule;
  wrap(script: string): string;
  _resolveFilename(request: string, parent: CompilableModule, isMain: boolean, options?: { paths?: string[] }): string;
  _cache: Record<string, unknown>;
  _extensions: Record<string, unknown>;
};

/** Where the cache of this Node version goes, for a process started in `cwd`; undefined for none. */
export function codeCacheDir(cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE !== undefined && env.NODE_DISABLE_COMPILE_CACHE !== '' && env.NODE_DISABLE_COMPILE_CACHE !== '0') return undefined;
  if (!existsSync(path.join(cwd, 'node_modules'))) return undefined;
  return path.join(cwd, 'node_modules/.cache/incident-replay', `code-${process.version}-${process.arch}`);
}

/** Compile the CommonJS files this process loads from now on with the code cache in `cacheDir`. */
export function installCodeCache(cacheDir: string | undefined): void {
  if (cacheDir === undefined) return;
  const internals = Module as ModuleInternals;
  const fresh: { script: vm.Script; file: string }[] = [];
  const read = new Set<string>();
  const compile = internals.prototype._compile;
  internals.prototype._compile = function (this: CompilableModule, content: string, filename: string) {
    // A file that calls `import()` compiles as usual: in Node 20 a script from V8's cache loses
    // the callback `import()` needs (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING). In the bundle only
    // the file that imports the kind module an incident names (`model.module`) calls it.
    if (!/\.c?js$/.test(filename) || content.includes('import(')) return compile.call(this, content, filename);
    // V8 accepts a cache only under the flags it was written with: a short command's entries
    // (runtime/tier-up.ts) are not a long one's.
    const key = createHash('sha256').update(filename).update('\0').update(content).update('\0').update(startFlags()).digest('hex').slice(0, 32);
    const file = path.join(cacheDir, `${path.basename(filename).replace(/\.c?js$/, '')}-${key}.bin`);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(file);
    } catch {
      cachedData = undefined;
    }
    // `#!` is allowed at the start of a module file, not inside the wrapper: keep it as a comment.
    const source = content.startsWith('#!') ? `//${content}` : content;
    const script = underStartFlags(() => new vm.Script(internals.wrap(source), { filename, ...(cachedData ? { cachedData } : {}) }));
    if (!cachedData || script.cachedDataRejected === true) fresh.push({ script, file });
    else read.add(path.basename(file));
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireFor(this, internals), this, filename, path.dirname(filename));
  };
  process.once('exit', () => save(fresh, read, cacheDir));
}

/** The `require` a module's code gets, as Node makes it (lib/internal/modules/helpers.js). */
function requireFor(module: CompilableModule, internals: ModuleInternals) {
  const require = (id: string) => module.require(id);
  require.resolve = (request: string, options?: { paths?: string[] }) => internals._resolveFilename(request, module, false, options);
  require.main = process.mainModule;
  require.extensions = internals._extensions;
  require.cache = internals._cache;
  return require;
}

/** Entries not read by a run that writes, and older than this, are removed. */
const keepUnreadMs = 7 * 24 * 3600 * 1000;

function save(fresh: readonly { script: vm.Script; file: string }[], read: ReadonlySet<string>, cacheDir: string): void {
  if (fresh.length === 0) return;
  try {
    mkdirSync(cacheDir, { recursive: true });
    for (const { script, file } of fresh) {
      // Written aside and renamed, so a process starting meanwhile never reads half a file.
      const partial = `${file}.${process.pid}`;
      writeFileSync(partial, underStartFlags(() => script.createCachedData()));
      renameSync(partial, file);
    }
    const written = new Set(fresh.map(({ file }) => path.basename(file)));
    const now = Date.now();
    for (const name of readdirSync(cacheDir)) {
      if (written.has(name) || read.has(name)) continue;
      const entry = path.join(cacheDir, name);
      if (now - statSync(entry).mtimeMs > keepUnreadMs) rmSync(entry, { force: true });
    }
  } catch {
    // A read-only project or a full disk: the next run compiles as this one did.
  }
}
