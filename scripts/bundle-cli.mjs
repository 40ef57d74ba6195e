// Bundles the command-line program after `tsc` (`npm run build`): `dist/cli/bin.js` starts
// `dist/bundle/cli.cjs`, one file plus chunks in `dist/bundle/` that load only when a command
// needs them (the chart renderer, the report builder, the importer), and each worker (thread or
// chart process) gets one file too. A CLI call then reads a handful of files instead of about
// 300 modules (95 of them zod's), which was most of its fixed cost. The library (`dist/index.js`
// and the rest of `dist/`) stays as tsc wrote it: one module a file, with its declarations.
//
// The command-line program is CommonJS so that V8's code cache can spare it the compiling of
// its code on every call (src/cli/code-cache.ts; Node 20 has no code cache for ES modules):
// `dist/cli/bin.js`, the ES module the package's `bin` names, installs the cache and requires
// `dist/bundle/cli.cjs`. The workers stay ES modules (`dist/bundle/<worker>.js`), built apart.
//
// Bundled code still finds what it reads from disk next to its own source: every
// `import.meta.url` in `src/` is rewritten to the URL its module has in tsc's output
// (`dist/<path>.js`), so `../../templates/`, `../package.json` and the code fingerprints of the
// caches resolve as before. The chunks live in `dist/bundle/`, two levels below the package as
// tsc's modules in `dist/cli/` are, so the same relative URL works from either. Modules that
// start a worker are the exception: theirs points into `dist/bundle/`, where the bundled worker
// is. Source maps lead back to `src/*.ts`.
import { build } from 'rolldown';
import MagicString from 'magic-string';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');

/** Worker entry (by its name in dist/bundle/) → the module that starts it. */
const workers = {
  'monte-carlo-worker': 'model/monte-carlo-threads.ts',
  'replay-ahead-worker': 'replay/replay-ahead.ts',
  'sensitivity-worker': 'analysis/replay-worlds.ts',
  'boundary-map-worker': 'analysis/replay-grid.ts',
  // A child process, not a thread (see chart-pool.ts), but started from its file the same way.
  'chart-worker': 'report/charts/chart-pool.ts',
};
const spawners = new Set(Object.values(workers).map((f) => path.join(src, f)));
/** Worker threads of the program that also start from the code cache (src/runtime/worker-file.ts), with what they are. */
const cachedWorkers = {
  'monte-carlo-worker': 'the Monte Carlo worker thread',
  'replay-ahead-worker': 'the replay worker thread of `build`',
};

/** URL of a source file's module as tsc emits it, relative to a directory two levels below the package. */
function originalUrl(file) {
  const rel = path.relative(src, file).replace(/\.ts$/, '.js').split(path.sep).join('/');
  return spawners.has(file) ? `../bundle/${path.basename(rel)}` : `../${rel}`;
}

const importMetaUrlOfTheSource = {
  name: 'import-meta-url-of-the-source',
  transform(code, id) {
    if (!id.startsWith(src + path.sep) || !code.includes('import.meta.url')) return null;
    const s = new MagicString(code);
    s.replaceAll('import.meta.url', `new URL(${JSON.stringify(originalUrl(id))}, import.meta.url).href`);
    return { code: s.toString(), map: s.generateMap({ hires: true, source: id }) };
  },
};

// yargs lays out help text with cliui and measures it with string-width, which set up three
// `Intl.Segmenter`s and a `/v` regular expression over Unicode properties when their module is
// evaluated: about 40 ms of every call's start-up (the first segmenter loads ICU's break rules),
// though only help text uses them. So they are a file of their own, `dist/bundle/help-layout.cjs`,
// and yargs gets stand-ins that require it on their first call (the help, or the usage after a
// usage error). yargs calls both synchronously, hence `require` and not `import()`.
const yargsShim = path.join(root, 'node_modules/yargs/lib/platform-shims/esm.mjs');
const helpLayoutParts = { cliui: 'cliui', 'string-width': 'stringWidth' };
const helpLayoutOnDemand = {
  name: 'help-layout-on-demand',
  resolveId(source, importer) {
    if (importer === yargsShim && source in helpLayoutParts) return `\0help-layout-on-demand:${source}`;
    return null;
  },
  load(id) {
    if (!id.startsWith('\0help-layout-on-demand:')) return null;
    const part = helpLayoutParts[id.slice(id.indexOf(':') + 1)];
    return `import { createRequire } from 'node:module';
let layout;
export default function ${part}(...args) {
  layout ??= createRequire(import.meta.url)('./help-layout.cjs');
  return layout.${part}(...args);
}
`;
  },
};
/** The entry of help-layout.cjs: the packages yargs' shim imports, resolved as it resolves them. */
const helpLayoutEntry = {
  name: 'help-layout-entry',
  async resolveId(source, importer) {
    if (source === '\0help-layout') return source;
    if (importer === '\0help-layout') return this.resolve(source, yargsShim);
    return null;
  },
  load(id) {
    if (id !== '\0help-layout') return null;
    return Object.entries(helpLayoutParts)
      .map(([pkg, name]) => `export { default as ${name} } from '${pkg}';`)
      .join('\n');
  },
};

/** One rolldown build into dist/bundle/ (the entries' names are theirs there). */
function bundle(input, format, plugins = []) {
  const ext = format === 'cjs' ? 'cjs' : 'js';
  return build({
    input,
    platform: 'node',
    tsconfig: path.join(root, 'tsconfig.json'),
    // Native code and what loads it stay packages of their own; `typescript` is the user's, found
    // at run time only when a kind module is written in TypeScript.
    external: [/^node:/, 'canvas', 'chartjs-node-canvas', 'typescript'],
    logLevel: 'warn',
    // In CommonJS `import.meta` is an empty object (its `url` is rewritten). yargs reads it only
    // to resolve a config file's `extends`, which this program does not use: said here, not warned.
    onwarn(warning, warn) {
      if (warning.code === 'EMPTY_IMPORT_META' && /node_modules[\\/]yargs[\\/]/.test(warning.message)) return;
      warn(warning);
    },
    plugins: [importMetaUrlOfTheSource, ...plugins],
    output: {
      dir: path.join(dist, 'bundle'),
      format,
      // No JSDoc comments (`@typedef {import('unist').Node}` would read as a call of `import()`,
      // which keeps a file from the code cache: src/cli/code-cache.ts); the maps lead to sources.
      ...(format === 'cjs' ? { comments: { legal: true, annotation: false, jsdoc: false } } : {}),
      sourcemap: true,
      entryFileNames: `[name].${ext}`,
      chunkFileNames: `[name]-[hash].${ext}`,
    },
  });
}

const t0 = performance.now();
rmSync(path.join(dist, 'bundle'), { recursive: true, force: true });
await bundle(
  {
    cli: path.join(src, 'cli/bin.ts'),
    'code-cache': path.join(src, 'cli/code-cache.ts'),
    'tier-up': path.join(src, 'runtime/tier-up.ts'),
    // Some workers as CommonJS too, sharing the program's chunks (and so their code cache
    // entries): started by `<name>-cached.cjs` below.
    ...Object.fromEntries(Object.keys(cachedWorkers).map((name) => [name, path.join(src, path.dirname(workers[name]), `${name}.ts`)])),
  },
  'cjs',
  [helpLayoutOnDemand],
);
await bundle({ 'help-layout': '\0help-layout' }, 'cjs', [helpLayoutEntry]);
await bundle(Object.fromEntries(Object.entries(workers).map(([name, spawner]) => [name, path.join(src, path.dirname(spawner), `${name}.ts`)])), 'esm');
// The entry: an ES module (the package is `"type": "module"`) that starts the CommonJS program
// with its code cache, V8's tier-up decided first (src/runtime/tier-up.ts: the cache depends on it).
writeFileSync(
  path.join(dist, 'cli/bin.js'),
  `#!/usr/bin/env node
// Written by scripts/bundle-cli.mjs: the command-line program is dist/bundle/cli.cjs, compiled
// with V8's code cache (src/cli/code-cache.ts), after V8's tier-up is set for the command
// (src/runtime/tier-up.ts).
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
require('../bundle/tier-up.cjs').startTierUp(process.argv.slice(2));
const { codeCacheDir, installCodeCache } = require('../bundle/code-cache.cjs');
installCodeCache(codeCacheDir(process.cwd(), process.env));
require('../bundle/cli.cjs');
`,
);
// The entries of the workers bundled as CommonJS too (src/runtime/worker-file.ts starts them
// where they are present): the code cache first, then the worker, so its chunks are read from
// the cache.
for (const [name, what] of Object.entries(cachedWorkers)) {
  writeFileSync(
    path.join(dist, `bundle/${name}-cached.cjs`),
    `// Written by scripts/bundle-cli.mjs: ${what} of the command-line program,
// compiled with V8's code cache (src/cli/code-cache.ts), as the program is.
const { codeCacheDir, installCodeCache } = require('./code-cache.cjs');
installCodeCache(codeCacheDir(process.cwd(), process.env));
require('./${name}.cjs');
`,
  );
}
rmSync(path.join(dist, 'cli/bin.js.map'), { force: true });
// The maps keep the code of bundled dependencies (the package does not ship node_modules) and
// point at `src/` for ours (the package ships it), as tsc's maps do.
for (const map of readdirSync(path.join(dist, 'bundle')).filter((f) => f.endsWith('.map')).map((f) => path.join(dist, 'bundle', f))) {
  const m = JSON.parse(readFileSync(map, 'utf8'));
  m.sourcesContent = m.sources.map((s, i) => (s.includes('node_modules/') ? m.sourcesContent?.[i] ?? null : null));
  writeFileSync(map, JSON.stringify(m));
}
console.log(`bundled the CLI into dist/bundle/ (started by dist/cli/bin.js) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
