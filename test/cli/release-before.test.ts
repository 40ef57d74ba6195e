// Against the release before the Monte Carlo work of issue 13 (add97da): deterministic replays
// give its curves to the bit, and Monte Carlo quantiles agree with that release's within sampling error.
// They are not the same bytes: a stream that draws one Poisson mean step after step switches
// from PTRS to inversion of that mean's table (src/model/random.ts), and from there on a seed's
// arrivals are other draws from the same distribution.
//
// How the sampling error is checked: test/support/release-before-bands.mjs ran 2,000 seeds of
// test/model/fixtures/steady-then-storm.yaml (four quiet hours, long enough for the switch, then
// the storm) on that release and kept, for every series at every step, its 10th, 50th and 90th
// percentiles and the quantiles five two-sample standard errors of level either side of each
// (test/support/release-before-levels.mjs says why five). The same seeds here must put each
// centre quantile inside the release's band around it, and the release's inside ours. A load
// 2 % higher must fail that check, so it can tell a shifted distribution from a sampling one.
import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMain } from './run-main.js';
import { levels, seeds } from '../support/release-before-levels.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const steadyStorm = path.join(repo, 'test/model/fixtures/steady-then-storm.yaml');

interface ReleaseBands {
  release: string;
  seeds: number;
  levels: number[];
  /** Series → one array per level → the quantile at each step. */
  quantiles: Record<string, number[][]>;
}

async function simulateJson(file: string, ...args: string[]) {
  const r = await runMain(['simulate', file, '--json', ...args], repo);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as {
    scenarios: { id: string; series: Record<string, [string, number][]>; quantiles?: Record<string, Record<string, [string, number][]>> }[];
  };
}

/** Our quantiles at the fixture's levels, as series → level index → step. */
async function ourQuantiles(file: string): Promise<Record<string, number[][]>> {
  const keys = levels.map(String);
  const [actual] = (await simulateJson(file, '--scenario', 'actual', '--seeds', String(seeds), '--quantiles', keys.join(','))).scenarios;
  const byLevel = actual!.quantiles!;
  const out: Record<string, number[][]> = {};
  for (const name of Object.keys(byLevel[keys[0]!]!)) out[name] = keys.map((k) => byLevel[k]![name]!.map(([, v]) => v));
  return out;
}

/** Centre quantiles (10th, 50th, 90th) of one release outside the other's band around it. */
function outsideBands(ours: Record<string, number[][]>, theirs: Record<string, number[][]>) {
  let checked = 0;
  let outside = 0;
  let differing = 0;
  for (const [name, them] of Object.entries(theirs)) {
    const us = ours[name]!;
    expect(us, name).toBeDefined();
    for (const centre of [1, 4, 7]) {
      for (let step = 0; step < them[centre]!.length; step++) {
        const within = (x: number, band: number[][]) => band[centre - 1]![step]! <= x && x <= band[centre + 1]![step]!;
        checked += 2;
        if (!within(us[centre]![step]!, them)) outside++;
        if (!within(them[centre]![step]!, us)) outside++;
        if (us[centre]![step] !== them[centre]![step]) differing++;
      }
    }
  }
  return { checked, outside, differing };
}

const curvesHash = (scenarios: { id: string; series: unknown }[]) =>
  createHash('sha256')
    .update(JSON.stringify(scenarios.map((s) => [s.id, s.series])))
    .digest('hex');

describe('the release before the lockstep Monte Carlo (add97da)', () => {
  it('Monte Carlo quantiles of 2,000 seeds lie within sampling error of that release, and a 2 % shift in load does not', async () => {
    const release = JSON.parse(await readFile(path.join(repo, 'test/model/fixtures/steady-then-storm.release-before.json'), 'utf8')) as ReleaseBands;
    expect(release.seeds).toBe(seeds);
    expect(release.levels).toEqual(levels);

    const same = outsideBands(await ourQuantiles(steadyStorm), release.quantiles);
    expect(same.checked).toBe(7 * 3 * 2 * 361);
    expect(same.outside).toBe(0);
    // Not the same bytes: the storm is drawn by inversion here (otherwise this compares nothing).
    expect(same.differing).toBeGreaterThan(1000);

    const dir = await mkdtemp(path.join(tmpdir(), 'release-before-'));
    const heavier = path.join(dir, 'heavier.yaml');
    const text = await readFile(steadyStorm, 'utf8');
    expect(text).toContain('load: { value: 700,');
    await writeFile(heavier, text.replace('load: { value: 700,', 'load: { value: 714,'));
    const shifted = outsideBands(await ourQuantiles(heavier), release.quantiles);
    expect(shifted.outside).toBeGreaterThan(same.checked / 10);
  });

  // sha256 of [[scenario id, series]] of `simulate --json` (every scenario), as that release
  // printed it for these files, which the tests keep unchanged.
  const deterministic: [string, string][] = [
    ['test/replay/fixtures/retry-storm.yaml', 'ee9dc6c90ddec7cef1171bd612fd42696e4b391a8f3b6e0ab1083ae5afc2ea59'],
    ['bench/peers/retry-storm-84h.yaml', '37c5d94fe121ed306a1df0c86bba0bf54fe7634c838dd95922397e7b1eabe8a2'],
    ['test/model/fixtures/steady-then-storm.yaml', '3e3db565557af9378b82ded76a82d6c0f256a56e0894bd9dbaa6a47ad8bf0abb'],
  ];
  it.each(deterministic)('deterministic replays of %s give that release’s curves to the bit', async (file, hash) => {
    expect(curvesHash((await simulateJson(path.join(repo, file))).scenarios)).toBe(hash);
  });
});
