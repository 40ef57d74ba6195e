// Bundles the static site's browser script and stylesheet (src/site/browser/) into
// dist/site-assets/ with esbuild, as part of `npm run build`: the package ships them built, so
// `incident-replay site` only copies them and a user's machine never runs a bundler. Minified,
// with no source map and no comments of ours; esbuild's output is the same bytes run after run,
// so rebuilt sites are byte-identical.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
  absWorkingDir: root,
  entryPoints: { site: 'src/site/browser/site.ts' },
  outdir: 'dist/site-assets',
  bundle: true,
  // A classic script: Chromium refuses module scripts under file://.
  format: 'iife',
  platform: 'browser',
  target: ['es2020'],
  minify: true,
  legalComments: 'eof',
  charset: 'utf8',
  // Chromium's explicit compile hint: the page calls most of this script as it loads (every
  // chart is drawn at once), so compiling it all up front, on a background thread while the
  // page is parsed, beats compiling each function on the main thread at its first call.
  banner: { js: '//# allFunctionsCalledOnLoad' },
  logLevel: 'warning',
});
await build({
  absWorkingDir: root,
  entryPoints: { site: 'src/site/browser/site.css' },
  outdir: 'dist/site-assets',
  bundle: true,
  minify: true,
  logLevel: 'warning',
});
