// Monte Carlo: 1,000 seeds of every scenario of the EBS 2011 incident (actual included) on two
// worker threads, wall time from start to percentiles, and the process's peak memory.
// The target: under 10 s on two cores. Run `npx tsc -p .` first (imports from dist/).
// Arguments: [incident file] [seeds] [workers].
import path from 'node:path';
import { loadIncidentFile } from '../dist/incident/load.js';
import { planReplay } from '../dist/model/plan.js';
import { sampleCount } from '../dist/model/engine.js';
import { createMonteCarloRunner } from '../dist/model/monte-carlo.js';
import { kindForIncident } from '../dist/replay/replay-incident.js';

const file = process.argv[2] ?? 'incidents/aws-ebs-2011-04-21.yaml';
const seeds = Number(process.argv[3] ?? 1000);
const workers = Number(process.argv[4] ?? 2);

const loaded = await loadIncidentFile(file);
if (!loaded.incident?.model) {
  console.log(`monte-carlo ${path.basename(file)}: skipped (${loaded.diagnostics[0]?.message ?? 'no model'})`);
  process.exit(0);
}
const incident = loaded.incident;
const kind = await kindForIncident(incident, file);
const plans = ['actual', ...(incident.scenarios ?? []).map((s) => s.id)].map((id) => planReplay(incident, id));

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const runner = await createMonteCarloRunner(kind, { workers });
let mode = '';
let runMs = 0;
let percentileMs = 0;
for (const plan of plans) {
  const result = await runner.run(plan, seeds);
  runMs += result.timings.runMs;
  percentileMs += result.timings.percentileMs;
  mode = result.executedBy.mode === 'workers' ? `${result.executedBy.workers} workers` : 'in-thread';
}
await runner.close();
const wallMs = performance.now() - t0;
// CPU time of every thread of the process (workers included): on a machine shared with other
// work the wall time stretches, the CPU time does not. CPU time / workers is the wall time the
// run would take with its cores to itself.
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;

const runs = seeds * plans.length;
console.log(`monte-carlo ${path.basename(file)}: ${plans.length} scenarios × ${seeds} seeds × ${sampleCount(plans[0])} steps on ${mode}`);
console.log(`monte-carlo wall time: ${(wallMs / 1000).toFixed(2)} s`);
console.log(`monte-carlo cpu time (all threads): ${(cpuMs / 1000).toFixed(2)} s, i.e. ${(cpuMs / 1000 / workers).toFixed(2)} s wall on ${workers} idle cores`);
console.log(`monte-carlo running the seeds: ${(runMs / 1000).toFixed(2)} s; percentiles: ${(percentileMs / 1000).toFixed(2)} s`);
console.log(`monte-carlo throughput: ${((runs / wallMs) * 1000).toFixed(0)} replays/s`);
// maxRSS is in kilobytes; it includes the workers, which share the process.
console.log(`monte-carlo peak memory (maxRSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
