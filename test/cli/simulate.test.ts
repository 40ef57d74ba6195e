import { describe, it, expect } from 'vitest';
import { mkdtemp, mkdir, copyFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMain, stackTraceLine } from './run-main.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(here, '../replay/fixtures');
const storm = path.join(fixtures, 'retry-storm.yaml');

describe('incident-replay simulate', () => {
  it('prints a table of metrics per series with a row per scenario, and the observed comparison', async () => {
    const r = await runMain(['simulate', storm], fixtures);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('synthetic-retry-storm: Synthetic retry storm');
    expect(r.stdout).toContain('model retry-storm, deterministic, step 1 min, times in America/Los_Angeles (-08:00)');
    expect(r.stdout).toContain('key moments: start 2024-03-05 10:00; detected after 5 min, mitigated after 40 min, resolved after 1 h 30 min');
    expect(r.stdout).toContain('errorPercent — Errors (percent); impact above 5, recovered below 1');
    expect(r.stdout).toMatch(/^actual +100 +2024-03-05 10:03 +197\.1 +1\.983 +never$/m);
    expect(r.stdout).toMatch(/^shedding +65\.86 +2024-03-05 10:15 +14\.01 +0\.25 +2024-03-05 10:17 +-34\.14 +-183\.1$/m);
    // Without retries the queue peaks at 3,000, under the threshold (a tenth of the actual peak, 5,115).
    expect(r.stdout).toMatch(/^no-retries +3000 +2024-03-05 10:15 +625 +0 +not impacted +-48150 +-66475$/m);
    expect(r.stdout).toContain('observed: the actual replay against 2 figures of the record (2 within tolerance)');
    expect(r.stdout).toMatch(/^errorPercent \(errors-at-1035\) +2024-03-05 10:35 +90 +reading +100 +\+10 +20 +yes$/m);
  });

  it('--quantiles adds the quantiles asked for to --json, between the band\'s ends; exits 2 without seeds or outside [0, 1]', async () => {
    const r = await runMain(['simulate', storm, '--scenario', 'actual', '--seeds', '20', '--workers', '1', '--quantiles', '0.3, 0.7', '--json'], fixtures);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [actual] = JSON.parse(r.stdout).scenarios;
    expect(Object.keys(actual)).toEqual(['id', 'title', 'metrics', 'series', 'bands', 'quantiles']);
    expect(Object.keys(actual.quantiles)).toEqual(['0.3', '0.7']);
    const q30 = actual.quantiles['0.3'].queue;
    const q70 = actual.quantiles['0.7'].queue;
    actual.bands.queue.forEach(([t, p10, p90]: [string, number, number], i: number) => {
      expect(q30[i][0]).toBe(t);
      expect(q30[i][1]).toBeGreaterThanOrEqual(p10);
      expect(q70[i][1]).toBeGreaterThanOrEqual(q30[i][1]);
      expect(p90).toBeGreaterThanOrEqual(q70[i][1]);
    });
    const noSeeds = await runMain(['simulate', storm, '--quantiles', '0.3'], fixtures);
    expect(noSeeds.code).toBe(2);
    expect(noSeeds.stderr).toContain('--quantiles: quantiles need Monte Carlo seeds');
    const outside = await runMain(['simulate', storm, '--seeds', '2', '--quantiles', '0.3,1.2'], fixtures);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('expected numbers in [0, 1]');
  });

  it('--json prints exactly the documented shape, byte-identical on a second run', async () => {
    const a = await runMain(['simulate', storm, '--json', '--scenario', 'no-retries'], fixtures);
    expect(a.code).toBe(0);
    const json = JSON.parse(a.stdout);
    expect(Object.keys(json)).toEqual(['incident', 'scenarios', 'observed', 'moments']);
    expect(json.incident).toBe('synthetic-retry-storm');
    expect(json.scenarios.map((s: { id: string }) => s.id)).toEqual(['actual', 'no-retries']);
    const [actual, noRetries] = json.scenarios;
    expect(Object.keys(actual)).toEqual(['id', 'title', 'metrics', 'series']);
    expect(actual.series.errorPercent[0]).toEqual(['2024-03-05T09:50:00-08:00', 0]);
    expect(actual.series.errorPercent).toHaveLength(131);
    expect(actual.metrics.errorPercent).toEqual({
      unit: 'percent',
      peak: 100,
      peakAt: '2024-03-05T10:03:00-08:00',
      impactArea: 197.083,
      threshold: 5,
      hoursAbove: 1.98333,
      recoveryLevel: 1,
      recoveredAt: null,
      hoursToRecover: null,
    });
    expect(noRetries.metrics.errorPercent.diff).toEqual({ peak: 0, impactArea: -160.278, hoursAbove: -1.6, hoursToRecover: null });
    // "still failing at 10:35" does not state 90%: the figure is a reading, and says so.
    expect(json.observed[1]).toEqual({
      id: 'errors-at-1035',
      series: 'errorPercent',
      at: '2024-03-05T10:35:00-08:00',
      observed: 90,
      replayed: 100,
      error: 10,
      tolerance: 20,
      within: true,
      provenance: 'reading',
    });
    expect(json.observed[0]).toMatchObject({ from: '2024-03-05T10:00:00-08:00', aggregate: 'max', at: '2024-03-05T10:30:00-08:00', provenance: 'reading' });
    expect(json.moments.detected).toEqual({ at: '2024-03-05T10:05:00-08:00', provenance: 'published', event: 'alarm', source: 'test' });
    const b = await runMain(['simulate', storm, '--json', '--scenario', 'no-retries'], fixtures);
    expect(b.stdout).toBe(a.stdout);
  });

  it('--seeds adds the 10–90% band to the JSON; --step changes the sampling', async () => {
    const r = await runMain(['simulate', storm, '--json', '--scenario', 'actual', '--seeds', '12', '--step', '5m'], fixtures);
    expect(r.code).toBe(0);
    const [actual] = JSON.parse(r.stdout).scenarios;
    expect(actual.series.goodput).toHaveLength(27);
    expect(actual.bands.goodput[1][0]).toBe('2024-03-05T09:55:00-08:00');
    const [, p10, p90] = actual.bands.attempts[1];
    expect(p10).toBeLessThan(p90);
  });

  it('finds an incident by id in incidents/', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'simulate-'));
    await mkdir(path.join(dir, 'incidents'));
    await copyFile(storm, path.join(dir, 'incidents/synthetic-retry-storm.yaml'));
    const r = await runMain(['simulate', 'synthetic-retry-storm', '--scenario', 'actual'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('synthetic-retry-storm: Synthetic retry storm');
  });

  it('loads the kind of a model.module', async () => {
    const r = await runMain(['simulate', 'custom-kind.yaml', '--allow-modules'], fixtures);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('model tank, deterministic');
    expect(r.stdout).toContain('level — Level (litres)');
    expect(r.stdout).toMatch(/^actual +300 +2024-01-01 00:30 /m);
  });

  it('prints diagnostics for a file with problems and exits 1, without a stack trace', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'simulate-'));
    await writeFile(path.join(dir, 'bad.yaml'), 'id: Bad Id\ntitle: x\n');
    const r = await runMain(['simulate', 'bad.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^bad\.yaml:1:5 +error/m);
    expect(r.stderr).toContain('bad.yaml: ');
    expect(r.stderr).toContain('fix them before replaying (`incident-replay validate bad.yaml`)');
    expect(r.stderr).not.toMatch(stackTraceLine);
  });

  it('says what is wrong with an unknown file, scenario or step', async () => {
    const missing = await runMain(['simulate', 'no-such-incident'], fixtures);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'incident-replay: no incident file or id `no-such-incident`: pass a path to a .yaml file, or the id of one in incidents/\n',
    );
    const scenario = await runMain(['simulate', storm, '--scenario', 'shed'], fixtures);
    expect(scenario.code).toBe(1);
    expect(scenario.stderr).toContain('has no scenario `shed`; its scenarios are `actual`, `backoff`, `shedding`, `no-retries`, `faster-capacity`, `all`');
    const step = await runMain(['simulate', storm, '--step', 'fast'], fixtures);
    expect(step.code).toBe(2);
    expect(step.stderr).toContain('--step: expected a positive duration such as `1m`, `30s` or `5m`, got `fast`');
  });
});

describe('simulate with a model kind written in TypeScript', () => {
  it('transpiles the module, replays it, and leaves no temporary file behind', async () => {
    const { readFile: read, readdir } = await import('node:fs/promises');
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const dir = await mkdtemp(path.join(tmpdir(), 'ts-kind-'));
    const fixtureDir = path.resolve(import.meta.dirname, '../replay/fixtures');
    const js = await read(path.join(fixtureDir, 'custom-kind.mjs'), 'utf8');
    // The same tank, typed: the annotations must be stripped for Node 20 to run it.
    const ts = js
      .replace("export default {", "interface TankState { level: number; extra: number }\nconst kind = {")
      .replace("id: 'tank'", "id: 'tank-ts'")
      .replace('init: () => ({ level: 0, extra: 0 }),', 'init: (): TankState => ({ level: 0, extra: 0 }),')
      .replace('apply(state, action, args) {', 'apply(state: TankState, action: string, args: Record<string, unknown>) {')
      .replace('step(state, ctx) {', 'step(state: TankState, ctx: { random: { poisson(n: string, m: number): number } | null; params: Record<string, number>; dt: number }) {')
      .replace('observe(state, ctx, out) {', 'observe(state: TankState, _ctx: unknown, out: Record<string, number>) {')
      .concat('\nexport default kind;\n');
    expect(ts).toContain('state: TankState');
    await writeFile(path.join(dir, 'tank-kind.ts'), ts);
    const yaml = (await read(path.join(fixtureDir, 'custom-kind.yaml'), 'utf8'))
      .replace('kind: tank', 'kind: tank-ts')
      .replace('module: ./custom-kind.mjs', 'module: ./tank-kind.ts');
    await writeFile(path.join(dir, 'tank.yaml'), yaml);
    const bin = path.resolve(import.meta.dirname, '../../dist/cli/bin.js');
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'simulate', 'tank.yaml'], {
      cwd: dir,
      env: { ...process.env, INCIDENT_REPLAY_ALLOW_MODULES: '1' },
    });
    expect(stdout).toContain('model tank-ts, deterministic');
    expect(stdout).toMatch(/^actual +300 +2024-01-01 00:30 /m);
    expect((await readdir(dir)).sort()).toEqual(['tank-kind.ts', 'tank.yaml']);
  });

  it('reports a syntax error of the TypeScript module at its line and column', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ts-kind-'));
    const fixtureDir = path.resolve(import.meta.dirname, '../replay/fixtures');
    const { readFile: read } = await import('node:fs/promises');
    await writeFile(path.join(dir, 'broken-kind.ts'), 'export default {\n  id: "x",,\n};\n');
    const yaml = (await read(path.join(fixtureDir, 'custom-kind.yaml'), 'utf8'))
      .replace('kind: tank', 'kind: broken-ts')
      .replace('module: ./custom-kind.mjs', 'module: ./broken-kind.ts');
    await writeFile(path.join(dir, 'broken.yaml'), yaml);
    const r = await runMain(['simulate', 'broken.yaml', '--allow-modules'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken-kind\.ts:2:\d+: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('validate with a model kind of the file’s own module', () => {
  it('loads the module and checks the file against its kind, or reports why it cannot', async () => {
    const { readFile: read } = await import('node:fs/promises');
    const dir = await mkdtemp(path.join(tmpdir(), 'module-kind-'));
    const fixtureDir = path.resolve(import.meta.dirname, '../replay/fixtures');
    await copyFile(path.join(fixtureDir, 'custom-kind.mjs'), path.join(dir, 'custom-kind.mjs'));
    const yaml = await read(path.join(fixtureDir, 'custom-kind.yaml'), 'utf8');
    await writeFile(path.join(dir, 'ok.yaml'), yaml);
    expect((await runMain(['validate', '--no-cache', '--allow-modules', 'ok.yaml'], dir)).code).toBe(0);
    // The kind reads `inflow`: without it the file is reported, as for a built-in kind.
    await writeFile(path.join(dir, 'no-inflow.yaml'), yaml.replace(/^ {4}inflow:.*\n/m, ''));
    const missing = await runMain(['validate', '--no-cache', '--allow-modules', 'no-inflow.yaml'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/no-inflow\.yaml:\d+:\d+ +error .*parameter `inflow`.* model\/missing-parameter/);
    await writeFile(path.join(dir, 'gone.yaml'), yaml.replace('./custom-kind.mjs', './gone.mjs'));
    const gone = await runMain(['validate', '--no-cache', '--allow-modules', 'gone.yaml'], dir);
    expect(gone.code).toBe(1);
    expect(gone.stdout).toMatch(/gone\.yaml:\d+:11 +error +cannot load the model kind module: no such file .*gone\.mjs.* model\/module/);
  });
});
