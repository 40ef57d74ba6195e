// Speed of the `resource-leak` kind on the EBS 2012-10-22 incident: one deterministic replay
// (1,000 servers, 1,021 one-minute steps) and a Monte Carlo batch of seeds, in this process.
import { loadIncidentFile } from '../dist/incident/load.js';
import { planReplay } from '../dist/model/plan.js';
import { runReplay } from '../dist/model/engine.js';
import { createRandomSource } from '../dist/model/random.js';
import { resourceLeak } from '../dist/model/kinds/resource-leak.js';
import { timeRuns } from './timing.mjs';

const loaded = await loadIncidentFile('incidents/aws-ebs-2012-10-22.yaml');
if (!loaded.incident) throw new Error('incidents/aws-ebs-2012-10-22.yaml did not load');
const plan = planReplay(loaded.incident);

// Warm up the JIT before measuring.
for (let i = 0; i < 5; i++) runReplay(resourceLeak, plan);

const replayMs = timeRuns(20, () => runReplay(resourceLeak, plan));
console.log(`resource-leak deterministic replay (EBS 2012): ${replayMs.toFixed(2)} ms`);

const seeds = 100;
const t0 = performance.now();
for (let seed = 1; seed <= seeds; seed++) runReplay(resourceLeak, plan, { random: createRandomSource(seed) });
const elapsed = performance.now() - t0;
console.log(`resource-leak Monte Carlo (EBS 2012, ${seeds} seeds, one thread): ${elapsed.toFixed(0)} ms`);
console.log(`resource-leak Monte Carlo per seed: ${(elapsed / seeds).toFixed(2)} ms`);
