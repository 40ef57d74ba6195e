// The bundled CLI (scripts/bundle-cli.mjs, run by `npm run build`): a command reads a handful of
// files, not a module per file of its dependencies, and loads only what it uses; its files are
// compiled with V8's code cache. What is counted is files, not time: the benchmarks
// (bench/cli-ratios.bench.mjs) time it.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'dist/cli/bin.js');
const hook = path.join(root, 'test/support/modules-loaded.mjs');

function loaded(...args: string[]): { code: number | null; files: string[] } {
  expect(existsSync(bin), 'run `npm run build` first (npm test does)').toBe(true);
  const r = spawnSync(process.execPath, ['--import', hook, bin, ...args], { cwd: root, encoding: 'utf8' });
  const urls = [...r.stderr.matchAll(/^module-loaded (file:.*)$/gm)].map((m) => m[1]!);
  return { code: r.status, files: [...new Set(urls.map((u) => path.relative(root, fileURLToPath(u))))] };
}

describe('the bundled CLI', () => {
  it('validates and replays from its own files, with no module of node_modules loaded on its own', () => {
    for (const args of [['validate', '--no-cache'], ['simulate', 'aws-ebs-2011-04-21', '--scenario', 'actual']]) {
      const { code, files } = loaded(...args);
      expect(code).toBe(0);
      expect(files.filter((f) => !f.startsWith('test/'))).not.toEqual([]);
      expect(files.filter((f) => f.includes('node_modules'))).toEqual([]);
      expect(files.every((f) => f.startsWith('dist/cli/') || f.startsWith('dist/bundle/') || f.startsWith('test/'))).toBe(true);
      expect(files.length).toBeLessThan(80);
    }
  });

  it('leaves zod’s translations of its messages out (the CLI speaks English)', () => {
    const bundle = path.join(root, 'dist/bundle');
    const withLocales = readdirSync(bundle)
      .filter((f) => f.endsWith('.js') || f.endsWith('.cjs'))
      .filter((f) => readFileSync(path.join(bundle, f), 'utf8').includes('node_modules/zod/v4/locales/de.js'));
    expect(withLocales).toEqual([]);
  });

  it('keeps a worker thread to its own entry: a Monte Carlo run spawns the CommonJS worker of the bundle, with its code cache', () => {
    const { code, files } = loaded('simulate', 'aws-ebs-2011-04-21', '--scenario', 'actual', '--seeds', '4', '--workers', '2');
    expect(code).toBe(0);
    expect(files).toContain('dist/bundle/monte-carlo-worker-cached.cjs');
    // It requires the program's own chunks (whose code cache entries the main thread writes),
    // not the library's modules nor the ES-module copy of the worker.
    expect(files).not.toContain('dist/bundle/monte-carlo-worker.js');
    expect(files.filter((f) => f.startsWith('dist/model/'))).toEqual([]);
  });

  it('replays the incidents after the first of a build on the CommonJS replay worker of the bundle', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'bundle-build-'));
    try {
      const { code, files } = loaded('build', '--no-sensitivity', '--out', out, 'incidents/aws-ebs-2012-10-22.yaml', 'incidents/aws-kinesis-2020-11-25.yaml');
      expect(code).toBe(0);
      expect(files).toContain('dist/bundle/replay-ahead-worker-cached.cjs');
      expect(files).not.toContain('dist/bundle/replay-ahead-worker.js');
      expect(files.filter((f) => f.startsWith('dist/replay/') || f.startsWith('dist/model/'))).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
