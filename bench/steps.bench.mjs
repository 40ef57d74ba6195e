// Cost of a replay as the step shrinks: each incident replayed at 1 min, 30 s, 10 s, 5 s and
// 1 s steps, each size for the same number of simulated steps, as ms per replay and per step.
// The target: the cost per step at every size within 1.3× of the cost per step at 1 min (the
// model's cost is linear in the number of steps), with sub-stepping off so each run steps
// exactly at its step; a size above it is flagged.
// Each size is timed in fresh processes of its own (the fastest of `processesPerSize`), warm
// within each: in one process timing every size in turn, a size could run on code V8 had
// optimised for the one before, or reoptimised worse (seen: one size 1.5× the others in one
// process, level with them in the next).
// The flagged figure records into output arrays kept across the replays of a size (the
// engine's `output` option, as the Monte Carlo reuses its buffers): the model's own cost. Each
// replay with arrays of its own is shown beside it: an array above the C allocator's threshold
// (128 KB, 16,384 samples) is mapped fresh from the system for every replay, and the first
// write to each of its pages costs more than the step (EBS 2011, eight series, from 30 s on:
// 280–300 ns a step with fresh arrays, 180–200 with kept ones; at 1 min, arrays under the
// threshold, 190–200 either way). The whole-process figure below pays that cost, once.
// Then the whole process: `simulate --scenario actual` (table output) at 1 s steps against the
// same at 1 min, each the fastest of 3 runs back to back; the target: at most 2×.
// Run `npx tsc -p .` first (imports from dist/). Arguments: incident files (default: incidents/).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadIncidentFile } from '../dist/incident/load.js';
import { planReplay } from '../dist/model/plan.js';
import { runReplay, sampleCount } from '../dist/model/engine.js';
import { kindForIncident } from '../dist/replay/replay-incident.js';
import { withoutSubsteps } from '../dist/model/compose/without-substeps.js';

const files = process.argv.slice(2).length > 0
  ? process.argv.slice(2)
  : readdirSync('incidents').filter((f) => /\.(ya?ml|json)$/.test(f)).sort().map((f) => path.join('incidents', f));

/**
 * Ms of one replay under each of `optionSets`: the fastest of 4 batches each, the sets' batches
 * taking turns (so a spell of the machine, or V8 reoptimising, falls on both alike), each batch
 * about `totalSteps` simulated steps (so a 1 s replay and a 1 min one do the same work per
 * batch, and both are measured warm).
 */
function timeReplays(kind, plan, steps, optionSets, totalSteps = 200_000) {
  const reps = Math.max(2, Math.round(totalSteps / steps));
  for (const options of optionSets) for (let i = 0; i < reps; i++) runReplay(kind, plan, options); // warm up
  const best = optionSets.map(() => Number.POSITIVE_INFINITY);
  for (let batch = 0; batch < 4; batch++) {
    optionSets.forEach((options, k) => {
      const t0 = performance.now();
      for (let i = 0; i < reps; i++) runReplay(kind, plan, options);
      best[k] = Math.min(best[k], (performance.now() - t0) / reps);
    });
  }
  return best;
}

/** Output arrays for every series of `kind` over `plan`, kept across replays. */
function keptOutput(kind, plan) {
  const length = sampleCount(plan);
  return { series: Object.fromEntries(Object.keys(kind.series).map((name) => [name, new Float64Array(length)])), offset: 0, stride: 1 };
}

const sizes = [['1 min', 1], ['30 s', 1 / 2], ['10 s', 1 / 6], ['5 s', 1 / 12], ['1 s', 1 / 60]];
const processesPerSize = 2;

/** In a child process: one incident at one step size, timed both ways, printed as JSON. */
async function measureOneSize(file, stepMinutes) {
  const { incident } = await loadIncidentFile(file);
  let kind = await kindForIncident(incident, file);
  if (kind.composition) kind = withoutSubsteps(kind);
  const plan = planReplay(incident, 'actual', { stepMinutes });
  const steps = sampleCount(plan) - 1;
  const [ms, freshMs] = timeReplays(kind, plan, steps, [{ output: keptOutput(kind, plan) }, {}]);
  console.log(JSON.stringify({ kind: kind.id, steps, ms, freshMs }));
}

const oneAt = process.argv.indexOf('--one-size');
if (oneAt >= 0) {
  await measureOneSize(process.argv[oneAt + 1], Number(process.argv[oneAt + 2]));
  process.exit(0);
}

/** The fastest of `processesPerSize` fresh processes, each timing `file` at `stepMinutes`. */
function timeSize(file, stepMinutes) {
  let best;
  for (let i = 0; i < processesPerSize; i++) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--one-size', file, String(stepMinutes)], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`timing ${file} at ${stepMinutes} min exited with ${child.status}: ${child.stderr}`);
    const m = JSON.parse(child.stdout.trim().split('\n').pop());
    best = best ? { ...m, ms: Math.min(best.ms, m.ms), freshMs: Math.min(best.freshMs, m.freshMs) } : m;
  }
  return best;
}

let flagged = 0;
for (const file of files) {
  const { incident } = await loadIncidentFile(file);
  if (!incident?.model) continue;
  const rows = [];
  let kindId = '';
  for (const [label, stepMinutes] of sizes) {
    const { kind, steps, ms, freshMs } = timeSize(file, stepMinutes);
    kindId = kind;
    rows.push({ label, ms, steps, perStepNs: (ms * 1e6) / steps, freshNs: (freshMs * 1e6) / steps });
  }
  const base = rows[0].perStepNs;
  console.log(`steps ${path.basename(file)} (${kindId}, sub-stepping off, output arrays kept across replays, each size the fastest of ${processesPerSize} processes):`);
  for (const r of rows) {
    const ratio = r.perStepNs / base;
    const flag = ratio > 1.3 ? '  ABOVE 1.3×' : '';
    flagged += flag ? 1 : 0;
    console.log(`  ${r.label.padEnd(5)} ${String(r.steps).padStart(7)} steps  ${r.ms.toFixed(2).padStart(9)} ms  ${r.perStepNs.toFixed(0).padStart(6)} ns/step  ×${ratio.toFixed(2)} of 1 min${flag}   (fresh output arrays: ${r.freshNs.toFixed(0)} ns/step, ×${(r.freshNs / rows[0].freshNs).toFixed(2)})`);
  }
  const whole = (step) => {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ['dist/cli/bin.js', 'simulate', file, '--scenario', 'actual', '--step', step], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`simulate ${file} --step ${step} exited with ${r.status}: ${r.stderr}`);
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  };
  const minute = whole('1m');
  const second = whole('1s');
  const ratio = second / minute;
  flagged += ratio > 2 ? 1 : 0;
  console.log(`  whole process, simulate --scenario actual: 1 min ${minute.toFixed(0)} ms, 1 s ${second.toFixed(0)} ms: ×${ratio.toFixed(2)}${ratio > 2 ? '  ABOVE 2×' : ''}`);
}
console.log(flagged === 0 ? 'steps: every size within its target' : `steps: ${flagged} above target (flagged above)`);
