// The bundled CLI compiles its files with V8's code cache (src/cli/code-cache.ts): written in the
// project's node_modules/.cache on the first call, read on the next, rewritten when V8 turns it
// down, and never a reason for a command to fail or to print anything else.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'dist/cli/bin.js');
const cacheOf = (project: string) => path.join(project, 'node_modules/.cache/incident-replay', `code-${process.version}-${process.arch}`);

function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'code-cache-'));
  mkdirSync(path.join(dir, 'node_modules'));
  mkdirSync(path.join(dir, 'incidents'));
  copyFileSync(path.join(root, 'incidents/aws-ebs-2011-04-21.yaml'), path.join(dir, 'incidents/aws-ebs-2011-04-21.yaml'));
  return dir;
}

function run(cwd: string, env: Record<string, string> = {}) {
  expect(existsSync(bin), 'run `npm run build` first (npm test does)').toBe(true);
  const { NODE_DISABLE_COMPILE_CACHE: _, ...rest } = process.env;
  return spawnSync(process.execPath, [bin, 'validate', '--no-cache'], { cwd, encoding: 'utf8', env: { ...rest, ...env } });
}

describe('the code cache of the bundled CLI', () => {
  it('is written on the first call, read on the next, and gives the same output', () => {
    const dir = project();
    try {
      const first = run(dir);
      expect(first.status).toBe(0);
      const files = readdirSync(cacheOf(dir)).sort();
      expect(files.some((f) => f.startsWith('cli-') && f.endsWith('.bin'))).toBe(true);
      const written = new Map(files.map((f) => [f, statSync(path.join(cacheOf(dir), f)).mtimeMs]));
      const second = run(dir);
      expect(second.status).toBe(0);
      expect(second.stdout).toBe(first.stdout);
      expect(second.stderr).toBe(first.stderr);
      // Every file was taken from the cache: none written again, none added.
      expect(readdirSync(cacheOf(dir)).sort()).toEqual(files);
      for (const [f, mtime] of written) expect(statSync(path.join(cacheOf(dir), f)).mtimeMs).toBe(mtime);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rewrites a cache V8 turns down (here: garbage) and runs as before', () => {
    const dir = project();
    try {
      const first = run(dir);
      const cli = readdirSync(cacheOf(dir)).find((f) => f.startsWith('cli-'))!;
      writeFileSync(path.join(cacheOf(dir), cli), 'not a code cache');
      const second = run(dir);
      expect(second.status).toBe(0);
      expect(second.stdout).toBe(first.stdout);
      expect(statSync(path.join(cacheOf(dir), cli)).size).toBeGreaterThan(1000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('removes, when it writes, entries no run read for a week (those of earlier builds)', () => {
    const dir = project();
    try {
      run(dir);
      const cache = cacheOf(dir);
      const weekAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
      // An entry of an earlier build, and one this build uses, both last written over a week ago.
      writeFileSync(path.join(cache, 'schema-OLDHASH-0123456789abcdef.bin'), 'old');
      utimesSync(path.join(cache, 'schema-OLDHASH-0123456789abcdef.bin'), weekAgo, weekAgo);
      const used = readdirSync(cache).find((f) => f.startsWith('cli-'))!;
      utimesSync(path.join(cache, used), weekAgo, weekAgo);
      // A run that reads every entry writes nothing and removes nothing.
      run(dir);
      expect(existsSync(path.join(cache, 'schema-OLDHASH-0123456789abcdef.bin'))).toBe(true);
      // One that writes (here: a file of the bundle rebuilt) removes the old entry, not the used one.
      const load = readdirSync(cache).find((f) => f.startsWith('load-'))!;
      rmSync(path.join(cache, load));
      expect(run(dir).status).toBe(0);
      expect(existsSync(path.join(cache, 'schema-OLDHASH-0123456789abcdef.bin'))).toBe(false);
      expect(existsSync(path.join(cache, used))).toBe(true);
      expect(existsSync(path.join(cache, load))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the entries of short and long commands apart, and reads them under the flags a run started with', () => {
    // Short commands run with a later tier-up (src/runtime/tier-up.ts), and V8 accepts a cache
    // only under the flags it was written with; a report with seeds restores V8's own budget
    // for its Monte Carlo run, after which the chart renderer's files are read.
    const dir = project();
    try {
      const commands = [
        ['validate', '--no-cache'],
        ['simulate', 'aws-ebs-2011-04-21'],
        ['report', 'incidents/aws-ebs-2011-04-21.yaml', '--seeds', '20', '--no-sensitivity', '--out', path.join(dir, 'out')],
      ];
      const runOf = (args: string[]) => {
        const { NODE_DISABLE_COMPILE_CACHE: _, ...rest } = process.env;
        return spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: rest });
      };
      for (const args of commands) expect(runOf(args).status, args.join(' ')).toBe(0);
      const files = readdirSync(cacheOf(dir)).sort();
      const written = new Map(files.map((f) => [f, statSync(path.join(cacheOf(dir), f)).mtimeMs]));
      for (const args of commands) expect(runOf(args).status, args.join(' ')).toBe(0);
      expect(readdirSync(cacheOf(dir)).sort()).toEqual(files);
      for (const [f, mtime] of written) expect(statSync(path.join(cacheOf(dir), f)).mtimeMs, f).toBe(mtime);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves a file that calls import() to Node: a kind module loads on every call', () => {
    // In Node 20 `import()` fails in a script compiled from V8's cache: the file that imports
    // the kind module an incident names is compiled as usual, and never cached.
    const dir = project();
    try {
      for (const f of ['custom-kind.yaml', 'custom-kind.mjs']) copyFileSync(path.join(root, 'test/replay/fixtures', f), path.join(dir, 'incidents', f));
      const simulate = () =>
        spawnSync(process.execPath, [bin, 'simulate', 'incidents/custom-kind.yaml', '--allow-modules'], { cwd: dir, encoding: 'utf8' });
      const first = simulate();
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      const second = simulate();
      expect(second.status).toBe(0);
      expect(second.stdout).toBe(first.stdout);
      expect(readdirSync(cacheOf(dir)).some((f) => f.startsWith('load-kind-module-'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is not written with NODE_DISABLE_COMPILE_CACHE=1, nor outside a project with node_modules', () => {
    const dir = project();
    try {
      expect(run(dir, { NODE_DISABLE_COMPILE_CACHE: '1' }).status).toBe(0);
      expect(existsSync(cacheOf(dir))).toBe(false);
      rmSync(path.join(dir, 'node_modules'), { recursive: true });
      expect(run(dir).status).toBe(0);
      expect(existsSync(path.join(dir, 'node_modules'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
