// Where a worker thread starts from, beside the module that starts it (its `spawner`, that
// module's `import.meta.url`): `<name>.js`, the worker as tsc or the bundler wrote it, or, in the
// bundled command-line program, `<name>-cached.cjs` (scripts/bundle-cli.mjs writes it): V8's code
// cache first, then the worker as CommonJS requiring the chunks the main thread loads, whose
// cache entries the main thread writes, so a worker's start-up does not compile them from
// source. A spawner that is TypeScript source (vitest runs `src/`) names `<name>.ts`, which no
// worker can start: its work then runs in the calling thread.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function workerFileUrl(name: string, spawner: string): URL {
  if (spawner.endsWith('.ts')) return new URL(`./${name}.ts`, spawner);
  const cached = new URL(`./${name}-cached.cjs`, spawner);
  return existsSync(fileURLToPath(cached)) ? cached : new URL(`./${name}.js`, spawner);
}

/** Whether `url` is a compiled worker that is there to start. */
export function compiledWorkerPresent(url: URL): boolean {
  return /\.c?js$/.test(url.pathname) && existsSync(fileURLToPath(url));
}
