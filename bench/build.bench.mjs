// Speed of `build` and `report` from a cold start: each run spawns the CLI (dist/), so module
// loading, font registration and canvas set-up count, as they do for a user. Wall time is
// measured from here; peak memory (maxRSS) is what the child reports with the hidden `--stats`.
// Targets: build of all incidents < 5 s with peak memory < 400 MB; report of one < 2 s.
// Run `npx tsc -p .` first (npm run bench does).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { median } from './timing.mjs';

const bin = path.resolve('dist/cli/bin.js');
const incidents = readdirSync('incidents').filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
const runs = 3;

/** `prepare` runs first in the same output directory, unmeasured (e.g. a build before --check). */
function measure(args, prepare) {
  const walls = [];
  const cpus = [];
  const rss = [];
  for (let i = 0; i < runs; i++) {
    const out = mkdtempSync(path.join(tmpdir(), 'bench-build-'));
    if (prepare) spawnSync(process.execPath, [bin, ...prepare, '--out', out], { encoding: 'utf8' });
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [bin, ...args, '--out', out, '--stats'], { encoding: 'utf8' });
    walls.push(performance.now() - t0);
    rmSync(out, { recursive: true, force: true });
    if (r.status !== 0) throw new Error(`incident-replay ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
    const stats = /stats: (\{.*\})/.exec(r.stderr);
    if (!stats) throw new Error('no --stats line in the output');
    const parsed = JSON.parse(stats[1]);
    cpus.push(parsed.cpuMs);
    rss.push(parsed.maxRssMb);
  }
  return { wallMs: median(walls), cpuMs: median(cpus), maxRssMb: Math.max(...rss) };
}

const verdict = (ok) => (ok ? 'within target' : 'OVER TARGET');

// Without the sensitivity run and boundary maps (bench/sensitivity.bench.mjs times those): the
// targets are the report's own cost.
const build = measure(['build', '--no-sensitivity']);
console.log(`build of ${incidents.length} incidents, cold process (median of ${runs}): ${build.wallMs.toFixed(0)} ms (target < 5000 ms: ${verdict(build.wallMs < 5000)})`);
console.log(`build CPU time (user + system): ${build.cpuMs} ms`);
console.log(`build peak memory (max of ${runs}): ${build.maxRssMb} MB (target < 400 MB: ${verdict(build.maxRssMb < 400)})`);

const check = measure(['build', '--check', '--no-sensitivity'], ['build', '--no-sensitivity']);
console.log(`build --check (renders SVG, no PNG), cold process: ${check.wallMs.toFixed(0)} ms (CPU ${check.cpuMs} ms)`);

for (const file of incidents) {
  const report = measure(['report', path.join('incidents', file), '--no-sensitivity']);
  console.log(`report ${file}, cold process: ${report.wallMs.toFixed(0)} ms (target < 2000 ms: ${verdict(report.wallMs < 2000)}; CPU ${report.cpuMs} ms), peak memory ${report.maxRssMb} MB`);
}
