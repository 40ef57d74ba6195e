// The validation cache may make a rerun fast, never wrong: a hit only for the same bytes under
// the same code, kinds and versions; anything odd is a miss.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contentHash, openValidateCache } from '../../src/incident/validate-cache.js';
import { validateFile } from '../../src/incident/validate.js';
import { registerKind } from '../../src/model/registry.js';
import type { Diagnostic } from '../../src/incident/diagnostic.js';

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'incident-replay-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const diagnostic: Diagnostic = { file: 'a.yaml', line: 3, column: 5, severity: 'error', rule: 'x/y', message: 'm', hint: 'h' };

describe('openValidateCache', () => {
  it('stores diagnostics by content hash across runs, without the file name', async () => {
    const cacheDir = path.join(dir, 'cache');
    const first = await openValidateCache(cacheDir);
    expect(first.get('abc')).toBeUndefined();
    first.set('abc', [diagnostic]);
    await first.save();
    const second = await openValidateCache(cacheDir);
    expect(second.get('abc')).toEqual([{ line: 3, column: 5, severity: 'error', rule: 'x/y', message: 'm', hint: 'h' }]);
  });

  it('forgets everything when a model kind registered in the process changes the code fingerprint', async () => {
    const cacheDir = path.join(dir, 'cache');
    const first = await openValidateCache(cacheDir);
    first.set('abc', []);
    await first.save();
    registerKind({
      id: `cache-test-kind-${Date.now()}`,
      description: 'd',
      parameters: {},
      series: {},
      primarySeries: '',
      actions: {},
      init: () => ({}),
      apply: () => {},
      step: () => {},
      observe: () => {},
    });
    expect((await openValidateCache(cacheDir)).get('abc')).toBeUndefined();
  });

  it('treats a corrupt cache file as empty', async () => {
    const cacheDir = path.join(dir, 'cache');
    await mkdir(cacheDir);
    await writeFile(path.join(cacheDir, 'validate.json'), '{ not json');
    const cache = await openValidateCache(cacheDir);
    expect(cache.get('abc')).toBeUndefined();
    cache.set('abc', []);
    await cache.save();
    expect((await openValidateCache(cacheDir)).get('abc')).toEqual([]);
  });

  it('survives a cache directory it cannot create (even as root: a file is in the way)', async () => {
    await writeFile(path.join(dir, 'blocked'), '');
    const cache = await openValidateCache(path.join(dir, 'blocked', 'cache'));
    cache.set('abc', []);
    await expect(cache.save()).resolves.toBeUndefined();
  });

  it('hashes content, not names', () => {
    expect(contentHash(new TextEncoder().encode('a'))).toBe(contentHash(Buffer.from('a')));
    expect(contentHash(new TextEncoder().encode('a'))).not.toBe(contentHash(new TextEncoder().encode('b')));
  });
});

describe('validate with the cache', () => {
  it('gives the same diagnostics from the cache, named after the path asked for', async () => {
    const cacheDir = path.join(dir, 'cache');
    const source = path.join(root, 'test/fixtures/broken/unknown-source.yaml');
    await writeFile(path.join(dir, 'one.yaml'), await readFile(source));
    await writeFile(path.join(dir, 'two.yaml'), await readFile(source));
    const uncached = await validateFile('one.yaml', dir);
    let cache = await openValidateCache(cacheDir);
    expect(await validateFile('one.yaml', dir, { cache })).toEqual(uncached);
    await cache.save();
    cache = await openValidateCache(cacheDir);
    const text = await readFile(path.join(cacheDir, 'validate.json'), 'utf8');
    expect(Object.keys(JSON.parse(text).entries)).toHaveLength(1);
    expect(await validateFile('two.yaml', dir, { cache })).toEqual(uncached.map((d) => ({ ...d, file: 'two.yaml' })));
  });

  it('through the CLI: a rerun prints the same, an edit is seen, --no-cache neither reads nor writes it', async () => {
    const cacheDir = path.join(dir, 'cache');
    const file = path.join(dir, 'x.yaml');
    await writeFile(file, await readFile(path.join(root, 'test/fixtures/valid/minimal.json')));
    const run = (...argv: string[]) =>
      runMainWithCache(['validate', ...argv, 'x.yaml'], dir, cacheDir);
    const first = await run();
    expect(first).toEqual({ code: 0, stdout: '1 file checked: 0 errors, 0 warnings\n', stderr: '' });
    expect(await run()).toEqual(first);
    await writeFile(file, (await readFile(file, 'utf8')).replace('"sev4"', '"sev9"'));
    const edited = await run();
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain('schema/invalid-value');
    await rm(cacheDir, { recursive: true });
    expect((await run('--no-cache')).code).toBe(1);
    await expect(readFile(path.join(cacheDir, 'validate.json'))).rejects.toThrow();
  });
});

async function runMainWithCache(argv: string[], cwd: string, cacheDir: string) {
  const { main } = await import('../../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd,
    cacheDir,
  });
  return { code, stdout, stderr };
}
