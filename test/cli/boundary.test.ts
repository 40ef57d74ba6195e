// `incident-replay boundary`: text and JSON, the same bytes whatever the worker count, usage
// errors.
import { describe, it, expect } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { runMain } from './run-main.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const storm = path.resolve(here, '../replay/fixtures/retry-storm.yaml');
const bin = path.resolve(here, '../../dist/cli/bin.js');

const map = `
boundaryMaps:
  - id: capacity-vs-load
    title: Capacity against load
    x: { parameter: capacity, range: [600, 1400] }
    y: { parameter: load, range: [200, 900] }
    grid: 5
`;

async function project(withMap: boolean): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'boundary-'));
  const text = await readFile(storm, 'utf8');
  await writeFile(path.join(dir, 'storm.yaml'), withMap ? `${text.trimEnd()}\n${map}` : text);
  return dir;
}

describe('incident-replay boundary', () => {
  it('prints each map drawn in characters, with the margin in words', async () => {
    const dir = await project(true);
    const r = await runMain(['boundary', 'storm.yaml', '--workers', '1'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('capacity-vs-load: Capacity against load');
    expect(lines[1]).toMatch(/^peak errorPercent \(percent\) over capacity 600 requests\/min … 1,400 requests\/min \(x\) × load 200 requests\/min … 900 requests\/min \(y\), 5 × 5 replays; boundary at [\d.]+%$/);
    // Five rows of five cells; the actual system (capacity 1000, load 700) at the middle column, row 4 of 5 from the bottom.
    const rows = lines.slice(3, 8);
    expect(rows.every((row) => /^ {2}[#.A1-9]{5}$/.test(row))).toBe(true);
    expect(rows[1]![4]).toBe('A');
    expect(r.stdout).toMatch(/^The actual system \(capacity 1,000 requests\/min, load 700 requests\/min\) sat (beyond|inside) the boundary/m);
  });

  it('--grid overrides the file’s grid; --json has every peak', async () => {
    const dir = await project(true);
    const r = await runMain(['boundary', 'storm.yaml', '--grid', '3', '--json', '--workers', '1'], dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.incident).toBe('synthetic-retry-storm');
    expect(json.maps[0]).toMatchObject({ id: 'capacity-vs-load', grid: 3, x: { values: [600, 1000, 1400] }, y: { values: [200, 550, 900] } });
    expect(json.maps[0].peaks).toHaveLength(9);
  });

  it('exits 1 when the file declares no map or names another, 2 for a bad --grid', async () => {
    const none = await runMain(['boundary', 'storm.yaml'], await project(false));
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('declares no `boundaryMaps`');
    const dir = await project(true);
    const other = await runMain(['boundary', 'storm.yaml', '--map', 'nope', '--workers', '1'], dir);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('no boundary map `nope` in synthetic-retry-storm; its maps: capacity-vs-load');
    expect((await runMain(['boundary', 'storm.yaml', '--grid', '2'], dir)).code).toBe(2);
  });

  it('gives the same bytes on worker threads as in this thread (built binary; `npm test` builds first)', async () => {
    const dir = await project(true);
    const run = (...extra: string[]) => execFileSync(process.execPath, [bin, 'boundary', 'storm.yaml', '--grid', '5', '--json', ...extra], { cwd: dir, encoding: 'utf8' });
    const inThread = run('--workers', '1');
    expect(run('--workers', '2')).toBe(inThread);
    expect(run('--workers', '3')).toBe(inThread);
  });
});
