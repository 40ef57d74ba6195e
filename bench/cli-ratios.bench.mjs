// The fixed cost of a CLI call, as ratios to a bare `node -e 0` measured in the same run: each
// round runs every command once, in turn, so a busy machine slows all of them alike, and the
// median over rounds is compared. Both wall time and CPU time (user + system, all threads, read
// in the child at exit) are shown: on a loaded machine the CPU ratio is the steadier one. Targets (issue 13, sensitivity off): validate --no-cache ≤ 3×,
// simulate of EBS 2011 ≤ 4×, report of one incident ≤ 8×, build of three ≤ 15×.
// `--against <other dist/cli/bin.js>` (a copy of an earlier build, say) runs that program's
// commands in the same rounds, so a change is measured against what it replaces on the same
// load. Run `npm run build` first (npm run bench does).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './timing.mjs';

const cpuHook = fileURLToPath(new URL('./support/cpu-at-exit.mjs', import.meta.url));

const bin = path.resolve('dist/cli/bin.js');
const againstAt = process.argv.indexOf('--against');
const against = againstAt > 0 ? path.resolve(process.argv[againstAt + 1]) : undefined;
const rounds = Number(process.env.BENCH_RUNS ?? 7);
// Sensitivity off for the commands that have it (the targets are set without it), where the
// build being measured knows the option.
const noSensitivityFor = (command) => {
  const help = spawnSync(process.execPath, [bin, command, '--help'], { encoding: 'utf8' }).stdout;
  return help.includes('--sensitivity') ? ['--no-sensitivity'] : [];
};
const [reportOff, buildOff] = [noSensitivityFor('report'), noSensitivityFor('build')];

const ours = [
  { name: 'validate --no-cache (3 incidents)', args: ['validate', '--no-cache'], target: 3 },
  { name: 'simulate aws-ebs-2011-04-21', args: ['simulate', 'aws-ebs-2011-04-21'], target: 4 },
  { name: `report aws-kinesis-2020-11-25${reportOff.length ? ' --no-sensitivity' : ''}`, args: ['report', 'incidents/aws-kinesis-2020-11-25.yaml', ...reportOff], out: true, target: 8 },
  { name: `build (3 incidents${buildOff.length ? ', --no-sensitivity' : ''})`, args: ['build', ...buildOff], out: true, target: 15 },
].map((c) => ({ ...c, bin }));
const commands = [
  { name: 'node -e 0', args: ['-e', '0'], script: false },
  ...ours,
  ...(against ? ours.map((c) => ({ ...c, name: `${c.name} [against]`, bin: against })) : []),
];

function once(command) {
  const out = command.out ? mkdtempSync(path.join(tmpdir(), 'bench-cli-')) : undefined;
  const args = ['--import', cpuHook, ...(command.script === false ? [] : [command.bin]), ...command.args, ...(out ? ['--out', out] : [])];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (out) rmSync(out, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`${command.name} exited ${r.status}:\n${r.stderr}`);
  const cpu = Number(/cpu-at-exit ([\d.]+)/.exec(r.stderr)?.[1]);
  return { wall, cpu };
}

for (const c of commands) once(c); // Warm the file system cache.
const runs = commands.map(() => []);
for (let round = 0; round < rounds; round++) commands.forEach((c, i) => runs[i].push(once(c)));
const wall = runs.map((r) => median(r.map((x) => x.wall)));
const cpu = runs.map((r) => median(r.map((x) => x.cpu)));
console.log(`whole process, median of ${rounds} interleaved rounds, as ratios to \`node -e 0\` (wall ${wall[0].toFixed(0)} ms, CPU ${cpu[0].toFixed(0)} ms):`);
commands.forEach((c, i) => {
  if (i === 0) return;
  const [w, u] = [wall[i] / wall[0], cpu[i] / cpu[0]];
  const verdict = w <= c.target ? 'within target' : u <= c.target ? 'within target by CPU, over by wall time' : 'OVER TARGET';
  console.log(`  ${c.name}: wall ${wall[i].toFixed(0)} ms = ${w.toFixed(1)}×, CPU ${cpu[i].toFixed(0)} ms = ${u.toFixed(1)}× (target ≤ ${c.target}×: ${verdict})`);
});
