// The same incidents give the same bytes however they are built: two builds, a build under
// another locale and zone, `report` of each incident on its own, and merged shards. Markdown,
// JSON and SVG are compared; PNG too (with the bundled cairo and font they are identical; a
// renderer that cannot promise that would make this the one line to relax).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { incidentFiles, repoRoot, scratchProject, snapshot } from './report-helpers.js';

const exec = promisify(execFile);
const bin = path.join(repoRoot, 'dist/cli/bin.js');

async function cli(cwd: string, env: Record<string, string>, ...args: string[]) {
  return exec(process.execPath, [bin, ...args], { cwd, env: { ...process.env, ...env } });
}

describe('byte-identical output', () => {
  let dir: string;
  const outputs = new Map<string, Map<string, string>>();

  beforeAll(async () => {
    expect(existsSync(bin), 'run `npm run build` (npm test does) so dist/ exists').toBe(true);
    dir = await scratchProject();
    // Two incidents (four charts) are enough for shards and for ids that depend on earlier
    // charts, and keep the five builds below to a fraction of a minute each.
    await rm(path.join(dir, 'incidents/aws-ebs-2011-04-21.yaml'));
    const files = await incidentFiles(dir);
    expect(files.length).toBe(2);
    const pinned = { LANG: 'en_US.UTF-8', TZ: 'UTC' };
    const foreign = { LANG: 'ar_EG.UTF-8', LC_ALL: 'ar_EG.UTF-8', TZ: 'Asia/Kolkata' };
    // Each run writes its own directory, so they can run side by side.
    await Promise.all([
      cli(dir, pinned, 'build', '--out', 'first'),
      cli(dir, foreign, 'build', '--out', 'foreign'),
      (async () => {
        for (const f of files) await cli(dir, foreign, 'report', `incidents/${f}`, '--out', 'reports');
      })(),
      (async () => {
        await cli(dir, pinned, 'build', '--shard', '2/2', '--out', 'shards');
        await cli(dir, foreign, 'build', '--shard', '1/2', '--out', 'shards');
      })(),
    ]);
    for (const name of ['first', 'foreign', 'reports', 'shards']) outputs.set(name, await snapshot(path.join(dir, name)));
  }, 240_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // The build under another locale is also the "second build" (a third would only cost time).
  it.each(['foreign', 'shards'])('%s: the same files, byte for byte, as the first build', (name) => {
    const first = outputs.get('first')!;
    const other = outputs.get(name)!;
    expect([...other.keys()].sort()).toEqual([...first.keys()].sort());
    expect([...first.keys()].some((f) => f.endsWith('.svg'))).toBe(true);
    for (const [file, data] of first) expect(other.get(file), file).toBe(data);
  });

  it('`report` of each incident on its own writes what the build wrote for it', () => {
    const first = outputs.get('first')!;
    const reports = outputs.get('reports')!;
    const expected = [...first.keys()].filter((f) => f.includes('/')).sort();
    expect([...reports.keys()].sort()).toEqual(expected);
    for (const file of expected) expect(reports.get(file), file).toBe(first.get(file));
  });
});

describe('build --check and charts', () => {
  it('fails on an SVG that is not what the build would draw', async () => {
    const dir = await scratchProject();
    try {
      await cli(dir, {}, 'build');
      const snap = await snapshot(path.join(dir, 'out'));
      const svg = [...snap.keys()].find((f) => f.endsWith('.svg'))!;
      const file = path.join(dir, 'out', svg);
      await writeFile(file, (await readFile(file, 'utf8')).replace('<svg ', '<svg data-stale="yes" '));
      const error = await cli(dir, {}, 'build', '--check').then(() => undefined, (e: { code: number; stdout: string }) => e);
      expect(error?.code).toBe(1);
      expect(error?.stdout).toContain(`stale: out/${svg}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
