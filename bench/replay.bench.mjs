// Speed of one deterministic replay of each incident (default: every file in incidents/, or the
// files given as arguments), in this process after warm-up: the engine and the incident's kind,
// without loading or analysis. The target: EBS 2011 (~84 h at 1-minute steps) under 5 ms.
// Run `npx tsc -p .` first (imports from dist/).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { loadIncidentFile } from '../dist/incident/load.js';
import { planReplay } from '../dist/model/plan.js';
import { runReplay, sampleCount } from '../dist/model/engine.js';
import { kindForIncident } from '../dist/replay/replay-incident.js';
import { median } from './timing.mjs';

const files = process.argv.slice(2).length > 0
  ? process.argv.slice(2)
  : readdirSync('incidents').filter((f) => /\.(ya?ml|json)$/.test(f)).sort().map((f) => path.join('incidents', f));

for (const file of files) {
  const loaded = await loadIncidentFile(file);
  const incident = loaded.incident;
  if (!incident?.model) {
    console.log(`replay ${path.basename(file)}: skipped (${loaded.diagnostics[0]?.message ?? 'no model'})`);
    continue;
  }
  const kind = await kindForIncident(incident, file);
  const plan = planReplay(incident);
  for (let i = 0; i < 50; i++) runReplay(kind, plan); // warm up: let the JIT compile the kind's step
  const times = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    runReplay(kind, plan);
    times.push(performance.now() - t0);
  }
  console.log(`replay ${path.basename(file)} (${kind.id}, ${sampleCount(plan)} steps): ${median(times).toFixed(3)} ms median`);
}
