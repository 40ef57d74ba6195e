// `build` with the sensitivity run: the section is in the report, a second build reads the
// result from the cache and writes the same bytes, and `--no-sensitivity` says it was not run.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo, scratchProject } from './report-helpers.js';

describe('build with sensitivity', () => {
  let dir: string;
  const file = 'incidents/aws-ebs-2011-04-21.yaml';

  beforeAll(async () => {
    dir = await scratchProject();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function build(...args: string[]) {
    const io = { ...captureIo(dir), cacheDir: path.join(dir, '.cache') };
    const code = await main(['report', file, ...args], io);
    expect(io.err.join('')).toBe('');
    expect(code).toBe(0);
  }

  it('writes the section, caches the result by content, and rebuilds the same bytes from the cache', { timeout: 240_000 }, async () => {
    await build('--sensitivity-samples', '6', '--out', 'a');
    const report = await readFile(path.join(dir, 'a/aws-ebs-2011-04-21/README.md'), 'utf8');
    expect(report).toContain('## How far the conclusions hold');
    expect(report.replace(/\s+/g, ' ')).toMatch(/6 Latin hypercube samples \(seed 1\) of the plausible ranges of \d+ parameters; \d+ of them still reproduce/);
    const cached = await readdir(path.join(dir, '.cache/sensitivity'));
    expect(cached).toHaveLength(1);
    const stored = await readFile(path.join(dir, '.cache/sensitivity', cached[0]!), 'utf8');

    await build('--sensitivity-samples', '6', '--out', 'b');
    expect(await readFile(path.join(dir, 'b/aws-ebs-2011-04-21/README.md'), 'utf8')).toBe(report);
    expect(await readFile(path.join(dir, 'b/aws-ebs-2011-04-21/charts/benefit.json'), 'utf8')).toBe(
      await readFile(path.join(dir, 'a/aws-ebs-2011-04-21/charts/benefit.json'), 'utf8'),
    );
    // Read, not recomputed: still one entry, unchanged.
    expect(await readdir(path.join(dir, '.cache/sensitivity'))).toEqual(cached);
    expect(await readFile(path.join(dir, '.cache/sensitivity', cached[0]!), 'utf8')).toBe(stored);
  });

  it('says so when the sensitivity was not run', { timeout: 120_000 }, async () => {
    await build('--no-sensitivity', '--out', 'c');
    const report = await readFile(path.join(dir, 'c/aws-ebs-2011-04-21/README.md'), 'utf8');
    expect(report).toContain('the sensitivity was not run for this report (`--no-sensitivity`)');
    expect(report).not.toContain('charts/benefit.png');
  });
});
