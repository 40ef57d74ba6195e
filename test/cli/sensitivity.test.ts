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

async function project(ranged: boolean): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sensitivity-'));
  let text = await readFile(storm, 'utf8');
  if (ranged) {
    text = text
      .replace('note: round number,', 'note: round number, range: [800, 1400], rangeNote: a guess,')
      .replace('note: 70% utilisation,', 'note: 70% utilisation, range: [500, 900],');
  }
  await writeFile(path.join(dir, 'storm.yaml'), text);
  return dir;
}

describe('incident-replay sensitivity', () => {
  it('prints a table of each scenario’s benefit over the plausible worlds', async () => {
    const dir = await project(true);
    const r = await runMain(['sensitivity', 'storm.yaml', '--samples', '16'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Sensitivity of .+: 16 Latin hypercube samples \(seed 1\) over 2 ranged parameters$/m);
    expect(r.stdout).toMatch(/^ {2}capacity: 800 … 1400 requests\/min \(file: 1000\)$/m);
    expect(r.stdout).toMatch(/^Plausible worlds: \d+ of 16 samples meet all \d+ published figures within tolerance\.$/m);
    for (const id of ['backoff', 'shedding', 'no-retries', 'faster-capacity']) expect(r.stdout).toMatch(new RegExp(`^${id} `, 'm'));
  });

  it('gives identical bytes for the same seed, as JSON, and others for another seed', async () => {
    const dir = await project(true);
    const a = await runMain(['sensitivity', 'storm.yaml', '--samples', '16', '--seed', '7', '--json'], dir);
    const b = await runMain(['sensitivity', 'storm.yaml', '--samples', '16', '--seed', '7', '--json'], dir);
    const c = await runMain(['sensitivity', 'storm.yaml', '--samples', '16', '--seed', '8', '--json'], dir);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const json = JSON.parse(a.stdout);
    expect(json).toMatchObject({ samples: 16, seed: 7, parameters: [{ name: 'capacity', low: 800, high: 1400, note: 'a guess' }, { name: 'load' }] });
    expect(json.scenarios[0]).toHaveProperty('areaChangePercent.median');
    expect(json.scenarios[0].drivers.map((d: { name: string }) => d.name)).toEqual(['capacity', 'load']);
    expect(c.stdout).not.toBe(a.stdout);
  });

  it('exits 1 with a message when no parameter has a range, 2 for a bad --samples', async () => {
    const dir = await project(false);
    const r = await runMain(['sensitivity', 'storm.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no parameter has a plausible `range: [low, high]`');
    const bad = await runMain(['sensitivity', 'storm.yaml', '--samples', '0'], dir);
    expect(bad.code).toBe(2);
  });

  it('gives the same bytes on worker threads as in this thread (built binary; `npm test` builds first)', async () => {
    const dir = await project(true);
    const run = (...extra: string[]) => execFileSync(process.execPath, [bin, 'sensitivity', 'storm.yaml', '--samples', '12', '--json', ...extra], { cwd: dir, encoding: 'utf8' });
    expect(run('--workers', '3')).toBe(run());
  });
});
