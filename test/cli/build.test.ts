import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { readFile, readdir, rm, writeFile, unlink, watch } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { run, scratchProject, snapshot, incidentFiles, captureIo, repoRoot } from './report-helpers.js';
import { runBuild } from '../../src/report/build.js';
import { ReplayError } from '../../src/model/engine.js';
import { shippedLintConfig } from '../report/shipped-lint-config.js';
import { parse } from 'yaml';

/** The markdown and JSON entries of a snapshot. */
function textOf(files: Map<string, string>): Map<string, string> {
  return new Map([...files].filter(([f]) => /\.(md|json)$/.test(f)));
}

describe('incident-replay build', () => {
  let dir: string;
  let ids: string[];
  let built: Map<string, string>;

  beforeAll(async () => {
    dir = await scratchProject();
    ids = [];
    for (const f of await incidentFiles(dir)) ids.push((parse(await readFile(path.join(dir, 'incidents', f), 'utf8')) as { id: string }).id);
    const r = await run(dir, 'build');
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    built = await snapshot(path.join(dir, 'out'));
    // The first build replays every seed's boundary map, in this thread (the sources run under
    // vitest, so no worker threads): about 15 s of CPU more than the rest of the build. The
    // builds below reuse the maps of unchanged incidents (build.ts keeps them per process).
  }, 180_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a report with charts per incident, the index and the summary', async () => {
    expect(ids.length).toBeGreaterThanOrEqual(2);
    for (const id of ids) {
      expect(built.has(`${id}/README.md`)).toBe(true);
      const charts = [...built.keys()].filter((f) => f.startsWith(`${id}/charts/`));
      const names = charts.filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
      expect(names.length).toBeGreaterThan(0);
      for (const n of names) expect(charts).toEqual(expect.arrayContaining([`${n}.png`, `${n}.svg`]));
      const readme = Buffer.from(built.get(`${id}/README.md`)!, 'base64').toString('utf8');
      // Every chart the report references exists.
      for (const [, ref] of readme.matchAll(/\]\((charts\/[^)]+)\)/g)) expect(built.has(`${id}/${ref}`), ref).toBe(true);
    }
    const summary = JSON.parse(await readFile(path.join(dir, 'out/summary.json'), 'utf8'));
    expect(summary.incidents.map((i: { id: string }) => i.id)).toEqual(ids);
    const index = await readFile(path.join(dir, 'out/README.md'), 'utf8');
    for (const id of ids) expect(index).toContain(`](${id}/README.md)`);
  });

  it('writes markdown that passes markdownlint with the shipped .markdownlint.jsonc', async () => {
    const { lint } = await import('markdownlint-cli2/markdownlint/promise');
    const strings: Record<string, string> = {};
    for (const [file, data] of built) if (file.endsWith('.md')) strings[file] = Buffer.from(data, 'base64').toString('utf8');
    expect(Object.keys(strings).length).toBe(ids.length + 1);
    const results = await lint({ strings, config: shippedLintConfig() });
    const problems = Object.entries(results).flatMap(([file, list]) => list.map((r) => `${file}:${r.lineNumber} ${r.ruleNames.join('/')} ${r.errorDetail ?? ''}`));
    expect(problems).toEqual([]);
  });

  it('is deterministic: a second build writes byte-identical markdown and JSON', async () => {
    const r = await run(dir, 'build', '--out', 'out2');
    expect(r.code).toBe(0);
    const again = await snapshot(path.join(dir, 'out2'), { images: false });
    const first = await snapshot(path.join(dir, 'out'), { images: false });
    expect([...again.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [file, data] of first) expect(again.get(file), file).toBe(data);
    await rm(path.join(dir, 'out2'), { recursive: true });
  });

  it('--check passes on a fresh build, lists what is stale after an edit, and passes again after a build', async () => {
    expect((await run(dir, 'build', '--check')).code).toBe(0);
    const file = path.join(dir, 'incidents', (await incidentFiles(dir))[0]!);
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace(/^title: .*$/m, 'title: Edited title for the check test'));
    const stale = await run(dir, 'build', '--check');
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain(`stale: out/${ids[0]}/README.md`);
    expect(stale.stdout).toContain('stale: out/README.md');
    expect(stale.stdout).toContain('stale: out/summary.json');
    expect(stale.stdout).toMatch(/out\/ is out of date: \d+ files?; run `incident-replay build`/);
    // --check writes nothing.
    expect(await readFile(path.join(dir, 'out/README.md'), 'utf8')).not.toContain('Edited title');
    expect((await run(dir, 'build')).code).toBe(0);
    expect((await run(dir, 'build', '--check')).code).toBe(0);
    await writeFile(file, original);
    expect((await run(dir, 'build')).code).toBe(0);
  });

  it('--check reports a missing image and an unexpected file', async () => {
    const png = [...built.keys()].find((f) => f.endsWith('.png'))!;
    const bytes = await readFile(path.join(dir, 'out', png));
    await unlink(path.join(dir, 'out', png));
    await writeFile(path.join(dir, 'out', 'stray.md'), 'x');
    const r = await run(dir, 'build', '--check');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`missing: out/${png}`);
    expect(r.stdout).toContain('unexpected: out/stray.md');
    // A full build would delete the stray file with the rest of out/: it refuses instead.
    const refused = await run(dir, 'build');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('out/ holds stray.md, which a build does not write');
    await writeFile(path.join(dir, 'out', png), bytes);
    await unlink(path.join(dir, 'out', 'stray.md'));
    expect((await run(dir, 'build', '--check')).code).toBe(0);
  });

  it('writes nothing when an incident file is invalid, and prints file:line:col', async () => {
    const file = path.join(dir, 'incidents', 'zz-broken.yaml');
    await writeFile(file, 'id: zz-broken\ntitle: Broken\nseverity: sev9\n');
    try {
      const before = await snapshot(path.join(dir, 'out'));
      const r = await run(dir, 'build');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/incidents\/zz-broken\.yaml:3:11 +error +unexpected `sev9` for `severity`/);
      expect(r.stderr).toMatch(/errors? in 1 file; nothing written/);
      expect(await snapshot(path.join(dir, 'out'))).toEqual(before);
    } finally {
      await unlink(file);
    }
  });

  it('writes nothing when the template has an error, and points at the template line', async () => {
    await writeFile(path.join(dir, 'bad.md'), '# :value{name=title}\n\nProse.\n\n::chart{series=nope}\n');
    const r = await run(dir, 'build', '--template', 'bad.md', '--out', 'out-bad');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.md:5:1  error  `::chart`: no series `nope` in the replay of');
    expect(existsSync(path.join(dir, 'out-bad'))).toBe(false);
  });

  it('leaves out/ as it was when a build fails while writing', async () => {
    const before = await snapshot(path.join(dir, 'out'));
    const file = path.join(dir, 'incidents', (await incidentFiles(dir))[0]!);
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace(/^title: .*$/m, 'title: Never written'));
    const io = captureIo(dir);
    await expect(
      runBuild({ mode: 'build', paths: [], out: 'out' }, io, {
        writeHooks: {
          afterFile: (_file, count) => {
            if (count === 5) throw new Error('disk full (injected)');
          },
        },
      }),
    ).rejects.toThrow('disk full (injected)');
    await writeFile(file, original);
    expect(await snapshot(path.join(dir, 'out'))).toEqual(before);
    expect((await readdir(dir)).filter((n) => n.includes('.staging-'))).toEqual([]);
  });

  it('a build killed (SIGKILL) as soon as it starts writing leaves the last complete out/', async () => {
    const bin = path.join(repoRoot, 'dist/cli/bin.js');
    expect(existsSync(bin), 'run `npx tsc -p .` (npm test does) so dist/ exists').toBe(true);
    const before = await snapshot(path.join(dir, 'out'));
    const file = path.join(dir, 'incidents', (await incidentFiles(dir))[0]!);
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace(/^title: .*$/m, 'title: Killed midway'));
    const abort = new AbortController();
    const child = spawn(process.execPath, [bin, 'build'], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Kill the moment the staging directory appears, i.e. while the build is writing.
    const watcher = (async () => {
      try {
        for await (const event of watch(dir, { signal: abort.signal })) {
          if (event.filename?.includes('.staging-')) {
            child.kill('SIGKILL');
            return true;
          }
        }
      } catch {
        /* aborted */
      }
      return false;
    })();
    await exited;
    abort.abort();
    const killedWhileWriting = await watcher;
    const after = await snapshot(path.join(dir, 'out'));
    const readme = Buffer.from(after.get(`${ids[0]}/README.md`) ?? '', 'base64').toString('utf8');
    if (readme.includes('Killed midway')) {
      // The swap happened before the signal arrived: then out/ is the complete new build.
      expect(after.get('summary.json')).not.toBe(before.get('summary.json'));
    } else {
      expect(after).toEqual(before);
    }
    expect(killedWhileWriting).toBe(true);
    // The next build cleans up what the killed one left and succeeds.
    await writeFile(file, original);
    expect((await run(dir, 'build')).code).toBe(0);
    expect((await readdir(dir)).filter((n) => n.includes('.staging-') || n.includes('.old-'))).toEqual([]);
    // The incident is restored, so the rebuilt out/ is the first build again.
    expect(await snapshot(path.join(dir, 'out'), { images: false })).toEqual(textOf(built));
  });

  it('--shard i/n builds a deterministic slice; shard 1/n also writes the index; the union is the full build', async () => {
    const shards = await scratchProject();
    const r1 = await run(shards, 'build', '--shard', '1/2');
    const r2 = await run(shards, 'build', '--shard', '2/2');
    expect([r1.code, r2.code]).toEqual([0, 0]);
    expect(r1.stdout).toContain(`out/${ids[0]}/README.md`);
    expect(r1.stdout).toContain('out/README.md and out/summary.json');
    expect(r2.stdout).toContain(`out/${ids[1]}/README.md`);
    expect(r2.stdout).not.toContain('summary.json');
    const union = await snapshot(path.join(shards, 'out'), { images: false });
    const full = await snapshot(path.join(dir, 'out'), { images: false });
    expect([...union.keys()].sort()).toEqual([...full.keys()].sort());
    for (const [f, data] of full) expect(union.get(f), f).toBe(data);
    expect((await run(shards, 'build', '--shard', '2/2', '--check')).code).toBe(0);
    const bad = await run(shards, 'build', '--shard', '3/2');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--shard 3/2: expected i/n with 1 ≤ i ≤ n');
    await rm(shards, { recursive: true });
  });

  it('rejects --seeds that is not a whole number (usage, exit 2)', async () => {
    const r = await run(dir, 'build', '--seeds', '-3', '--check');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--seeds -3: expected a whole number ≥ 0');
  });

  it('reports a replay that fails at the `model:` of the incident file, and writes nothing', async () => {
    const name = (await incidentFiles(dir))[0]!;
    const text = await readFile(path.join(dir, 'incidents', name), 'utf8');
    const line = text.slice(0, text.search(/^model:/m)).split('\n').length;
    const io = captureIo(dir);
    const before = await snapshot(path.join(dir, 'out'));
    const code = await runBuild({ mode: 'build', paths: [], out: 'out' }, io, {
      replay: async (incident) => {
        throw new ReplayError(`no kind for ${incident.id} (injected)`);
      },
    });
    expect(code).toBe(1);
    expect(io.err.join('')).toContain(`incidents/${name}:${line}:1  error  cannot replay ${ids[0]}: no kind for ${ids[0]} (injected)  replay/failed`);
    expect(await snapshot(path.join(dir, 'out'))).toEqual(before);
  });

  it('summary.json: every incident with its metrics, rounded, and the best counterfactual by impact reduction', async () => {
    const text = await readFile(path.join(dir, 'out/summary.json'), 'utf8');
    const summary = JSON.parse(text);
    expect(Object.keys(summary)).toEqual(['generator', 'seeds', 'incidents']);
    for (const incident of summary.incidents) {
      expect(Object.keys(incident).slice(0, 3)).toEqual(['id', 'title', 'service']);
      const reductions = incident.scenarios.slice(1).map((s: { id: string; impactReduction: { area: number } }) => [s.id, s.impactReduction.area] as const);
      const best = reductions.reduce((a: readonly [string, number], b: readonly [string, number]) => (b[1] > a[1] ? b : a));
      expect(incident.bestCounterfactual.id).toBe(best[0]);
      expect(incident.scenarios[0].id).toBe('actual');
      expect(incident.scenarios[0].metrics[incident.primarySeries].peak).toBeGreaterThan(0);
    }
    // No float carries more than six significant digits.
    for (const [, n] of text.matchAll(/: (-?\d+\.\d+)(?:e-?\d+)?,?\n/g)) expect(n!.replace(/^-/, '').replace(/^0\.0*/, '').replace('.', '').length).toBeLessThanOrEqual(6);
  });

  it('refuses to replace a directory that is not a build output (`--out .`)', async () => {
    const r = await run(dir, 'build', '--out', '.');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('./ holds bad.md, which a build does not write');
    expect(existsSync(path.join(dir, 'incidents'))).toBe(true);
  });

  it('leaves nothing beside out/ (no staging or moved-aside directories)', async () => {
    expect((await readdir(dir)).sort()).toEqual(['bad.md', 'incidents', 'out']);
  });
});
