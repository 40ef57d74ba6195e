// Speed of the `thread-limit` kind on the Kinesis 2020-11-25 incident: one deterministic replay
// (3,680 servers in 60 discovery classes, 1,320 one-minute steps), every scenario, and a Monte
// Carlo batch of seeds, in this process. Run `npx tsc -p .` first (imports from dist/).
import { loadIncidentFile } from '../dist/incident/load.js';
import { planReplay } from '../dist/model/plan.js';
import { runReplay } from '../dist/model/engine.js';
import { createRandomSource } from '../dist/model/random.js';
import { threadLimit } from '../dist/model/kinds/thread-limit.js';
import { timeRuns } from './timing.mjs';

const file = 'incidents/aws-kinesis-2020-11-25.yaml';
const loaded = await loadIncidentFile(file);
if (!loaded.incident) throw new Error(`${file} did not load`);
const incident = loaded.incident;
const plan = planReplay(incident);

// Warm up the JIT before measuring.
for (let i = 0; i < 5; i++) runReplay(threadLimit, plan);

console.log(`thread-limit deterministic replay (Kinesis 2020): ${timeRuns(20, () => runReplay(threadLimit, plan)).toFixed(2)} ms`);

const plans = (incident.scenarios ?? []).map((s) => planReplay(incident, s.id));
const all = timeRuns(10, () => {
  runReplay(threadLimit, plan);
  for (const p of plans) runReplay(threadLimit, p);
});
console.log(`thread-limit actual + ${plans.length} scenarios (Kinesis 2020): ${all.toFixed(2)} ms`);

const seeds = 50;
const t0 = performance.now();
for (let seed = 1; seed <= seeds; seed++) runReplay(threadLimit, plan, { random: createRandomSource(seed) });
const elapsed = performance.now() - t0;
console.log(`thread-limit Monte Carlo (Kinesis 2020, ${seeds} seeds, one thread): ${elapsed.toFixed(0)} ms`);
console.log(`thread-limit Monte Carlo per seed: ${(elapsed / seeds).toFixed(2)} ms`);
