// Cost of a replay as the step shrinks: each incident replayed at 1 min, 30 s, 10 s, 5 s and
// 1 s steps, in this process after warm-up, each size for the same number of simulated steps,
// as ms per replay and per step. The target: the cost per step at every size within 1.3× of
// the cost per step at 1 min (the model's cost is linear in the number of steps), with
// sub-stepping off so each run steps exactly at its step; a size above it is flagged.
// Then the whole process: `simulate --scenario actual` (table output) at 1 s steps against the
// same at 1 min, each the fastest of 3 runs back to back; the target: at most 2×.
// Run `npx tsc -p .` first (imports from dist/). Arguments: incident files (default: incidents/).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { loadIncidentFile } from '../dist/incident/load.js';
import { planReplay } from '../dist/model/plan.js';
import { runReplay, sampleCount } from '../dist/model/engine.js';
import { kindForIncident } from '../dist/replay/replay-incident.js';
import { withoutSubsteps } from '../dist/model/compose/without-substeps.js';

const files = process.argv.slice(2).length > 0
  ? process.argv.slice(2)
  : readdirSync('incidents').filter((f) => /\.(ya?ml|json)$/.test(f)).sort().map((f) => path.join('incidents', f));

/**
 * Ms of one replay: the fastest of 5 batches, each batch about `totalSteps` simulated steps
 * (so a 1 s replay and a 1 min one do the same work per batch, and both are measured warm).
 */
function timeReplay(kind, plan, steps, totalSteps = 400_000) {
  const reps = Math.max(2, Math.round(totalSteps / steps));
  for (let i = 0; i < reps; i++) runReplay(kind, plan); // warm up
  let best = Number.POSITIVE_INFINITY;
  for (let batch = 0; batch < 5; batch++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) runReplay(kind, plan);
    best = Math.min(best, (performance.now() - t0) / reps);
  }
  return best;
}

let flagged = 0;
for (const file of files) {
  const { incident } = await loadIncidentFile(file);
  if (!incident?.model) continue;
  let kind = await kindForIncident(incident, file);
  if (kind.composition) kind = withoutSubsteps(kind);
  const rows = [];
  for (const [label, stepMinutes] of [['1 min', 1], ['30 s', 1 / 2], ['10 s', 1 / 6], ['5 s', 1 / 12], ['1 s', 1 / 60]]) {
    const plan = planReplay(incident, 'actual', { stepMinutes });
    const steps = sampleCount(plan) - 1;
    const ms = timeReplay(kind, plan, steps);
    rows.push({ label, ms, steps, perStepNs: (ms * 1e6) / steps });
  }
  const base = rows[0].perStepNs;
  console.log(`steps ${path.basename(file)} (${kind.id}, sub-stepping off):`);
  for (const r of rows) {
    const ratio = r.perStepNs / base;
    const flag = ratio > 1.3 ? '  ABOVE 1.3×' : '';
    flagged += flag ? 1 : 0;
    console.log(`  ${r.label.padEnd(5)} ${String(r.steps).padStart(7)} steps  ${r.ms.toFixed(2).padStart(9)} ms  ${r.perStepNs.toFixed(0).padStart(6)} ns/step  ×${ratio.toFixed(2)} of 1 min${flag}`);
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
