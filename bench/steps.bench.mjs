// Cost of a replay as the step shrinks: each incident replayed at 1 min, 10 s and 1 s steps,
// in this process after warm-up, each size for the same number of simulated steps, as ms per
// replay and per step. The target: the
// cost per step at 1 s within 1.3× of the cost per step at 1 min (the model's cost is linear
// in the number of steps), with sub-stepping off so each run steps exactly at its step.
// Run `npx tsc -p .` first (imports from dist/). Arguments: incident files (default: incidents/).
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

for (const file of files) {
  const { incident } = await loadIncidentFile(file);
  if (!incident?.model) continue;
  let kind = await kindForIncident(incident, file);
  if (kind.composition) kind = withoutSubsteps(kind);
  const rows = [];
  for (const [label, stepMinutes] of [['1 min', 1], ['10 s', 1 / 6], ['1 s', 1 / 60]]) {
    const plan = planReplay(incident, 'actual', { stepMinutes });
    const steps = sampleCount(plan) - 1;
    const ms = timeReplay(kind, plan, steps);
    rows.push({ label, ms, steps, perStepNs: (ms * 1e6) / steps });
  }
  const base = rows[0].perStepNs;
  console.log(`steps ${path.basename(file)} (${kind.id}, sub-stepping off):`);
  for (const r of rows) {
    console.log(`  ${r.label.padEnd(5)} ${String(r.steps).padStart(7)} steps  ${r.ms.toFixed(2).padStart(9)} ms  ${r.perStepNs.toFixed(0).padStart(6)} ns/step  ×${(r.perStepNs / base).toFixed(2)} of 1 min`);
  }
}
