import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadIncidentFile } from '../../src/incident/load.js';
import type { Incident } from '../../src/incident/schema.js';
import { replayIncident, ReplayError } from '../../src/replay/replay-incident.js';
import { replayIncident as replayIncidentUntrusted } from '../../src/replay/replay-incident.js';
import { withModulesAllowed } from '../../src/model/module-trust.js';
import { replayToJson, replayToWritableJson } from '../../src/replay/replay-to-json.js';
import { formatJson } from '../../src/replay/format-json.js';
import { runMonteCarlo } from '../../src/model/monte-carlo.js';
import { planReplay } from '../../src/model/plan.js';
import { retryStorm } from '../../src/model/kinds/retry-storm.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const stormFile = path.join(here, 'fixtures/retry-storm.yaml');
const tankFile = path.join(here, 'fixtures/custom-kind.yaml');

async function load(file: string): Promise<Incident> {
  const loaded = await loadIncidentFile(file);
  expect(loaded.diagnostics).toEqual([]);
  return loaded.incident!;
}

describe('replayIncident (deterministic)', () => {
  it('replays actual first, then the scenarios in file order, with metrics and differences', async () => {
    const incident = await load(stormFile);
    const r = await replayIncident(incident);
    expect(r.seeds).toBe(0);
    expect(r.scenarios.map((s) => s.id)).toEqual(['actual', 'backoff', 'shedding', 'no-retries', 'faster-capacity']);
    const [actual, , shedding] = r.scenarios;
    expect(actual!.diff).toBeUndefined();
    expect(actual!.bands).toBeUndefined();
    // The thresholds come from the series spec (errors: 5%, recovered below 1%) for every scenario.
    expect(actual!.metrics.errorPercent).toMatchObject({ peak: 100, threshold: 5, recoveryLevel: 1, recoveredAt: null });
    expect(shedding!.metrics.errorPercent!.threshold).toBe(5);
    expect(shedding!.diff!.errorPercent!.peak).toBeCloseTo(shedding!.metrics.errorPercent!.peak - 100, 12);
    expect(shedding!.diff!.errorPercent!.hoursToRecover).toBeNull();
    // A series without a threshold of its own uses a tenth of the actual replay's peak.
    expect(shedding!.metrics.queue!.threshold).toBeCloseTo(actual!.metrics.queue!.peak / 10, 9);
    // Goodput is worse when lower: measured as a shortfall from its healthy start (700/min),
    // impact below 90% of it.
    expect(actual!.metrics.goodput).toMatchObject({ worse: 'lower', baseline: 700, peak: 0 });
    expect(actual!.metrics.goodput!.threshold).toBeCloseTo(630, 9);
    expect(shedding!.metrics.goodput!.recoveredAt).toBe('2024-03-05T10:16:00-08:00');
    expect(r.moments).toEqual({
      // No trigger event: the trigger is the start (analysis/incident-durations.ts).
      trigger: '2024-03-05T10:00:00-08:00',
      start: '2024-03-05T10:00:00-08:00',
      detected: '2024-03-05T10:05:00-08:00',
      mitigated: '2024-03-05T10:40:00-08:00',
      resolved: '2024-03-05T11:30:00-08:00',
    });
    expect(r.durations).toEqual({ detect: 5, mitigate: 40, resolve: 90 });
    expect(r.observed.map((o) => [o.id, o.at, o.replayed, o.within])).toEqual([
      ['peak-errors', '2024-03-05T10:30:00-08:00', 100, true],
      ['errors-at-1035', '2024-03-05T10:35:00-08:00', 100, true],
    ]);
  });

  it('replays only the scenarios asked for, at the step asked for', async () => {
    const r = await replayIncident(await load(stormFile), { scenarios: ['shedding'], stepMinutes: 5 });
    expect(r.scenarios.map((s) => s.id)).toEqual(['actual', 'shedding']);
    expect(r.scenarios[0]!.series.length).toBe(27); // 09:50 → 12:00 every 5 minutes
  });

  it('loads a kind from the module the incident names', async () => {
    const r = await withModulesAllowed(true, async () => replayIncident(await load(tankFile), { incidentFile: tankFile }));
    const level = r.scenarios[0]!.series.series.level!;
    expect(level[30]).toBe(300); // (12 + 1 − 3) litres a minute for 30 minutes
    expect(level[60]).toBe(0);
    expect(r.observed[0]).toMatchObject({ replayed: 300, error: -10, within: false });
    expect(r.scenarios[1]!.metrics.level!.peak).toBe(100);
  });

  it('refuses a module that is missing, exports no kind, or a different kind', async () => {
    const incident = await load(tankFile);
    const withModule = (module: string, kind = 'tank') => ({ ...incident, model: { ...incident.model!, module, kind } });
    const replayIncident: typeof replayIncidentUntrusted = (i, o) => withModulesAllowed(true, () => replayIncidentUntrusted(i, o));
    await expect(replayIncident(withModule('./nope.mjs'), { incidentFile: tankFile })).rejects.toThrow(/model.module: no such file .*nope.mjs/);
    await expect(replayIncident(withModule('./retry-storm.yaml'), { incidentFile: tankFile })).rejects.toThrow(ReplayError);
    await expect(replayIncident(withModule('./custom-kind.mjs', 'pond'), { incidentFile: tankFile })).rejects.toThrow(
      'exports kind `tank`, but model.kind is `pond`',
    );
    const dir = await mkdtemp(path.join(tmpdir(), 'kind-'));
    await writeFile(path.join(dir, 'half.mjs'), "export default { id: 'half', series: {}, init() {} };\n");
    await expect(
      replayIncident({ ...incident, model: { ...incident.model!, module: './half.mjs', kind: 'half' } }, { incidentFile: path.join(dir, 'x.yaml') }),
    ).rejects.toThrow(
      'does not export a model kind (as `export default` or `export const kind`): `apply` must be a function; `step` must be a function; `observe` must be a function; `parameters` must be an object; `actions` must be an object',
    );
    await writeFile(path.join(dir, 'clash.mjs'), "export { retryStorm as kind } from " + JSON.stringify(path.join(root, 'src/model/kinds/retry-storm.ts')) + ';\n');
    await expect(
      replayIncident({ ...incident, model: { ...incident.model!, module: './clash.mjs', kind: 'retry-storm' } }, { incidentFile: path.join(dir, 'x.yaml') }),
    ).rejects.toThrow('exports kind `retry-storm`, which is a built-in kind; give yours an id of its own');
  });

  it('refuses a plan the kind cannot run, naming the scenario', async () => {
    const incident = await load(stormFile);
    const badAction = {
      ...incident,
      scenarios: [{ id: 'bad', title: 't', rationale: 'r', timeline: { add: [{ at: '2024-03-05 10:10', phase: 'mitigation' as const, text: 'x', effects: [{ action: 'reboot' }] }] } }],
    };
    await expect(replayIncident(badAction)).rejects.toThrow('cannot replay scenario `bad`: the `retry-storm` model has no action `reboot`');
  });

  it('serialises to the same JSON twice', async () => {
    const incident = await load(stormFile);
    const a = JSON.stringify(replayToJson(await replayIncident(incident)));
    const b = JSON.stringify(replayToJson(await replayIncident(incident)));
    expect(a).toBe(b);
  });

  it('writes the same text with its samples made row by row (what `simulate --json` prints)', async () => {
    const incident = await load(stormFile);
    for (const replay of [
      await replayIncident(incident),
      await replayIncident(incident, { stepMinutes: 0.5 }),
      // Bands and the quantiles asked for are lists of samples too.
      await replayIncident(incident, { seeds: 20, scenarios: ['shedding'], quantiles: [0.25, 0.99] }),
    ]) {
      expect(formatJson(replayToWritableJson(replay))).toBe(formatJson(replayToJson(replay)));
    }
  });
});

describe('Monte Carlo', () => {
  it('gives a median between the 10th and 90th percentiles, the same for the same seeds', async () => {
    const incident = await load(stormFile);
    const a = await replayIncident(incident, { seeds: 40, scenarios: ['shedding'] });
    const b = await replayIncident(incident, { seeds: 40, scenarios: ['shedding'] });
    expect(a.seeds).toBe(40);
    for (const s of a.scenarios) {
      for (const [name, median] of Object.entries(s.series.series)) {
        const { p10, p90 } = s.bands![name]!;
        for (let i = 0; i < median.length; i++) {
          expect(p10[i]!).toBeLessThanOrEqual(median[i]! + 1e-9);
          expect(median[i]!).toBeLessThanOrEqual(p90[i]! + 1e-9);
        }
      }
    }
    expect(JSON.stringify(replayToJson(a))).toBe(JSON.stringify(replayToJson(b)));
    // Poisson arrivals of mean 700 a minute: the band of the attempts is about ±1.28·√700 ≈ ±34.
    const attempts = a.scenarios[0]!.bands!.attempts!;
    expect(attempts.p90[5]! - attempts.p10[5]!).toBeGreaterThan(40);
    expect(attempts.p90[5]! - attempts.p10[5]!).toBeLessThan(100);
  });

  it('is the deterministic replay with one seed’s noise: the median tracks it', async () => {
    const incident = await load(stormFile);
    const det = await replayIncident(incident, { scenarios: [] });
    const mc = await replayIncident(incident, { scenarios: [], seeds: 31 });
    const d = det.scenarios[0]!.series.series.goodput!;
    const m = mc.scenarios[0]!.series.series.goodput!;
    expect(Math.abs(m[5]! - d[5]!)).toBeLessThan(15);
  });
});

describe('Monte Carlo on worker threads (compiled dist/)', () => {
  // Workers run compiled JavaScript; build dist/ when a plain `vitest run` did not.
  beforeAll(() => {
    if (!existsSync(path.join(root, 'dist/model/monte-carlo-worker.js'))) {
      execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', root], { stdio: 'ignore' });
    }
  }, 120_000);

  it('runs on workers from dist/ and matches the in-thread run exactly', async () => {
    const dist = (await import(path.join(root, 'dist/model/monte-carlo.js'))) as typeof import('../../src/model/monte-carlo.js');
    const distKinds = (await import(path.join(root, 'dist/model/kinds/index.js'))) as { builtinKinds: { id: string }[] };
    const kind = distKinds.builtinKinds.find((k) => k.id === 'retry-storm')! as typeof retryStorm;
    const incident = await load(stormFile);
    const plan = planReplay(incident, 'shedding');
    const onWorkers = await dist.runMonteCarlo(kind, plan, { seeds: 25, workers: 2 });
    expect(onWorkers.executedBy).toEqual({ mode: 'workers', workers: 2 });
    const inThread = await runMonteCarlo(retryStorm, plan, { seeds: 25, workers: 2 });
    expect(inThread.executedBy).toEqual({ mode: 'in-thread' }); // src/ is TypeScript: no workers
    for (const name of Object.keys(retryStorm.series)) {
      expect(Array.from(onWorkers.median.series[name]!)).toEqual(Array.from(inThread.median.series[name]!));
      expect(Array.from(onWorkers.bands[name]!.p90)).toEqual(Array.from(inThread.bands[name]!.p90));
    }
  });

  it('loads a kind module in the workers', async () => {
    const dist = (await import(path.join(root, 'dist/replay/replay-incident.js'))) as typeof import('../../src/replay/replay-incident.js');
    const trust = (await import(path.join(root, 'dist/model/module-trust.js'))) as typeof import('../../src/model/module-trust.js');
    const incident = await load(tankFile);
    const r = await trust.withModulesAllowed(true, () => dist.replayIncident(incident, { incidentFile: tankFile, seeds: 20, workers: 2 }));
    // Rain is Poisson(1) a minute: the level at 00:30 is 270 + Poisson(30) summed, median near 300.
    expect(Math.abs(r.scenarios[0]!.series.series.level![30]! - 300)).toBeLessThan(10);
  });

  it('reports a replay error of the seeds (this thread and the workers alike) as a ReplayError, on 2 and 3 threads', async () => {
    const dist = (await import(path.join(root, 'dist/replay/replay-incident.js'))) as typeof import('../../src/replay/replay-incident.js');
    const trust = (await import(path.join(root, 'dist/model/module-trust.js'))) as typeof import('../../src/model/module-trust.js');
    const incident = await load(tankFile);
    const dir = await mkdtemp(path.join(tmpdir(), 'kind-'));
    await writeFile(
      path.join(dir, 'stuck.mjs'),
      [
        `import tank from ${JSON.stringify(path.join(here, 'fixtures/custom-kind.mjs'))};`,
        `export default { ...tank, apply() { throw new Error('the valve is stuck'); } };`,
      ].join('\n'),
    );
    const stuck = { ...incident, model: { ...incident.model!, module: './stuck.mjs' } };
    for (const workers of [2, 3]) {
      const run = trust.withModulesAllowed(true, () => dist.replayIncident(stuck, { incidentFile: path.join(dir, 'x.yaml'), seeds: 3, workers }));
      await expect(run).rejects.toThrow('the valve is stuck');
      await expect(run).rejects.toBeInstanceOf(dist.ReplayError);
    }
  });
});
