// Speed of the sensitivity run and of a build that includes it, each from a cold process (and,
// for builds, a project copy without node_modules, so no cache is read): the run replays the
// actual timeline in every sampled world and every scenario, with its "enough" search, in each
// plausible one. Wall time is what a user waits; CPU time (all threads) is the steadier number
// on a busy machine, and CPU / 2 is what two idle cores would take at best.
// Targets (issue 10): `sensitivity --samples 256` on two cores under 20 s for EBS 2011 and under
// 90 s for Kinesis; `build` with sensitivity at its default sample count under 120 s;
// `build --no-sensitivity` under 5 s. Run `npx tsc -p .` first (npm run bench does).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';

const bin = path.resolve('dist/cli/bin.js');
const verdict = (ok) => (ok ? 'within target' : 'OVER TARGET');

function measure(args, cwd) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args, '--stats'], { encoding: 'utf8', cwd, maxBuffer: 64 << 20 });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`incident-replay ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  const stats = /stats: (\{.*\})/.exec(r.stderr);
  return { wallMs, cpuMs: stats ? JSON.parse(stats[1]).cpuMs : Number.NaN };
}

const report = (what, m, targetMs) =>
  console.log(
    `${what}: ${(m.wallMs / 1000).toFixed(1)} s wall, ${(m.cpuMs / 1000).toFixed(1)} s CPU (target < ${targetMs / 1000} s: ${verdict(m.wallMs < targetMs)}${m.wallMs >= targetMs && m.cpuMs / 2 < targetMs ? '; CPU / 2 is within it: the machine is busy' : ''})`,
  );

console.log(`${availableParallelism()} cores, load average ${loadavg()[0].toFixed(1)}`);
for (const [id, targetMs] of [['aws-ebs-2011-04-21', 20_000], ['aws-kinesis-2020-11-25', 90_000]]) {
  report(`sensitivity ${id} --samples 256 --workers 2`, measure(['sensitivity', id, '--samples', '256', '--workers', '2']), targetMs);
}

const project = mkdtempSync(path.join(tmpdir(), 'bench-sensitivity-'));
try {
  cpSync('incidents', path.join(project, 'incidents'), { recursive: true });
  report('build --no-sensitivity, cold', measure(['build', '--no-sensitivity', '--out', 'out-plain'], project), 5_000);
  report('build with sensitivity (default samples), cold, no cache', measure(['build', '--out', 'out-full'], project), 120_000);
} finally {
  rmSync(project, { recursive: true, force: true });
}
