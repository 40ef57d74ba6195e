// Side by side with a numpy port (bench/peers/retry_storm.py) on an 84-hour retry storm
// (bench/peers/retry-storm-84h.yaml, 5,041 one-minute steps), whole process against whole
// process, and the engine's step against a plain loop of the same equations
// (bench/peers/retry-storm-loop.mjs). Run `npm run build` first (spawns dist/cli/bin.js).
//
// Prints, in one run:
//   - the two ports give the same curve (deterministic; ours through `simulate --json`, rounded
//     to 6 significant digits, so the check allows 1e-5 relative);
//   - ours / numpy, wall and CPU time of the whole process, for 1 deterministic run, 1,000
//     seeds and 10,000 seeds (targets: ≤ 0.5× at 1,000 and 10,000 seeds), and the peak memory
//     of ours (target: under 300 MB);
//   - 100,000 seeds of ours (no cap), its peak memory and the bytes per seed above 1,000 seeds;
//   - the engine's deterministic step / the plain loop's (target: ≤ 4×), checked equal first.
// Times on a shared machine are noisy: each pair runs back to back, fastest of `rounds` for
// each side (the 1,000-seed runs, the figure nearest its line, four times: a slow spell on one
// round then moves neither side's figure).
// python3 is called directly (its real path, not a shim), with OPENBLAS_CORETYPE and
// OPENBLAS_L2_SIZE removed from that command's environment only. Without numpy the peer is
// skipped with a message. Arguments: `--skip-100k` to leave the 100,000-seed run out.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const incidentFile = path.join(here, 'retry-storm-84h.yaml');
const peerScript = path.join(here, 'retry_storm.py');
const bin = path.join(root, 'dist/cli/bin.js');
const skip100k = process.argv.includes('--skip-100k');

/** CPU seconds of waited-for children so far (cutime + cstime of /proc/self/stat, in ticks of 1/100 s). */
function childCpuSeconds() {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** Run a command to its end: wall ms, CPU s, peak RSS (VmHWM polled every 20 ms), stdout. */
function measure(command, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const cpu0 = childCpuSeconds();
    const t0 = performance.now();
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {}
    }, 20);
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      const wallMs = performance.now() - t0;
      if (code !== 0) return reject(new Error(`${command} ${args.join(' ')} exited with ${code}`));
      resolve({ wallMs, cpuS: childCpuSeconds() - cpu0, peakBytes: peakKb * 1024, stdout: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

const ours = (seeds) => measure(process.execPath, [bin, 'simulate', incidentFile, ...(seeds > 0 ? ['--seeds', String(seeds)] : [])]);

// The machine's python3, resolved past any shim, with the OpenBLAS overrides dropped for it only.
const pythonEnv = { ...process.env };
delete pythonEnv.OPENBLAS_CORETYPE;
delete pythonEnv.OPENBLAS_L2_SIZE;
let python;
try {
  const which = spawnSync('sh', ['-c', 'command -v python3'], { encoding: 'utf8' }).stdout.trim();
  python = which ? realpathSync(which) : undefined;
} catch {}
const numpy = python ? spawnSync(python, ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8', env: pythonEnv }) : undefined;
const hasNumpy = numpy?.status === 0;
const theirs = (seeds) => measure(python, [peerScript, ...(seeds > 0 ? [String(seeds)] : [])], pythonEnv);

const mb = (b) => `${(b / 2 ** 20).toFixed(0)} MB`;
let failed = false;

// 1. The same curve.
const ourJson = JSON.parse((await measure(process.execPath, [bin, 'simulate', incidentFile, '--json'])).stdout).scenarios[0].series;
if (hasNumpy) {
  const peer = JSON.parse((await theirs(0)).stdout);
  let worst = 0;
  let where = '';
  for (const [name, values] of Object.entries(peer)) {
    values.forEach((p, i) => {
      const o = ourJson[name][i][1] ?? Number.NaN;
      const d = Math.abs(o - p) / Math.max(1, Math.abs(p));
      if (!(d <= worst)) [worst, where] = [d, `${name}[${i}]: ${o} vs ${p}`];
    });
  }
  const same = worst <= 1e-5;
  failed ||= !same;
  console.log(`peers same curve (deterministic, numpy ${numpy.stdout.trim()}): ${same ? 'yes' : 'NO'}, largest relative difference ${worst.toExponential(1)}${same ? '' : ` at ${where}`}`);
} else {
  console.log(`peers: numpy port skipped (${python ? `${python} cannot import numpy` : 'no python3'}; on Debian: apt-get install python3-numpy)`);
}

// 2. Whole process, ours against numpy.
const rounds = { 0: 3, 1000: 4, 10000: 2 };
let peak1000 = 0;
for (const seeds of [0, 1000, 10000]) {
  let best = { ours: { wallMs: Infinity, cpuS: Infinity, peakBytes: 0 }, theirs: { wallMs: Infinity, cpuS: Infinity } };
  for (let r = 0; r < rounds[seeds]; r++) {
    const o = await ours(seeds);
    best.ours = { wallMs: Math.min(best.ours.wallMs, o.wallMs), cpuS: Math.min(best.ours.cpuS, o.cpuS), peakBytes: Math.max(best.ours.peakBytes, o.peakBytes) };
    if (hasNumpy) {
      const t = await theirs(seeds);
      best.theirs = { wallMs: Math.min(best.theirs.wallMs, t.wallMs), cpuS: Math.min(best.theirs.cpuS, t.cpuS) };
    }
  }
  if (seeds === 1000) peak1000 = best.ours.peakBytes;
  const label = seeds === 0 ? 'deterministic' : `${seeds.toLocaleString('en')} seeds`;
  let line = `peers ${label.padEnd(13)} (fastest of ${rounds[seeds]}) ours ${(best.ours.wallMs / 1000).toFixed(2)} s wall, ${best.ours.cpuS.toFixed(2)} s cpu, peak ${mb(best.ours.peakBytes)}`;
  if (hasNumpy) {
    const wall = best.ours.wallMs / best.theirs.wallMs;
    const cpu = best.ours.cpuS / best.theirs.cpuS;
    line += `; numpy ${(best.theirs.wallMs / 1000).toFixed(2)} s wall, ${best.theirs.cpuS.toFixed(2)} s cpu; ours/numpy ×${wall.toFixed(2)} wall, ×${cpu.toFixed(2)} cpu`;
    if (seeds > 0) {
      const ok = wall <= 0.5;
      line += ` (target ≤ ×0.5: ${ok ? 'met' : 'NOT met'})`;
    }
  }
  if (seeds === 10000) line += ` (peak target < 300 MB: ${best.ours.peakBytes < 300 * 2 ** 20 ? 'met' : 'NOT met'})`;
  console.log(line);
}

// 3. 100,000 seeds of ours: no cap; memory grows with the seeds' states only.
if (!skip100k) {
  const o = await ours(100_000);
  const perSeed = (o.peakBytes - peak1000) / 99_000;
  console.log(`peers 100,000 seeds   ours ${(o.wallMs / 1000).toFixed(1)} s wall, ${o.cpuS.toFixed(1)} s cpu, peak ${mb(o.peakBytes)}: ${perSeed.toFixed(0)} bytes per seed above the 1,000-seed run's peak`);
}

// 4. The engine's deterministic step against a plain loop of the same equations, each measured
// in a few fresh processes (engine-step.mjs), the fastest of each kept: in some processes V8
// compiles the plain loop into code about 2.5 times slower (70 ns a step instead of 26–29), and
// one process alone then read near ×1; the floor is what the loop costs compiled well.
const processes = 3;
const measured = Array.from({ length: processes }, () => {
  const child = spawnSync(process.execPath, [path.join(here, 'engine-step.mjs')], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`engine-step.mjs exited ${child.status}:\n${child.stderr}`);
  return JSON.parse(child.stdout);
});
const same = measured.every((m) => m.same);
failed ||= !same;
const engineMs = Math.min(...measured.map((m) => m.engineMs));
const loopMs = Math.min(...measured.map((m) => m.loopMs));
const steps = measured[0].length - 1;
const ratio = engineMs / loopMs;
const ns = (ms) => ((ms * 1e6) / steps).toFixed(0);
console.log(
  `peers engine step ${ns(engineMs)} ns, plain loop ${ns(loopMs)} ns, fastest of ${processes} processes each (${measured.map((m) => `${ns(m.engineMs)}/${ns(m.loopMs)}`).join(', ')}; same curve: ${same ? 'yes' : 'NO'}): ×${ratio.toFixed(2)} (target ≤ ×4: ${ratio <= 4 ? 'met' : 'NOT met'})`,
);
process.exitCode = failed ? 1 : 0;
