// Boundary maps: a 40 × 40 map of EBS 2011 (1,600 deterministic replays of the actual
// timeline, spare capacity × isolated nodes) on two worker threads, against the 10 s
// on two cores; the same in this thread, for the per-replay cost; and each seed incident's map
// at its declared grid, as `build` computes them. Run `npx tsc -p .` first (imports from dist/).
// Wall times; the CPU time of the process (all its threads) is printed beside them, so a
// machine shared with other work shows as wall ≫ CPU / 2.
import { loadIncidentFile } from '../dist/incident/load.js';
import { kindForIncident } from '../dist/replay/replay-incident.js';
import { boundaryMapsOf } from '../dist/analysis/boundary-map.js';

async function load(id) {
  const file = `incidents/${id}.yaml`;
  const loaded = await loadIncidentFile(file);
  if (!loaded.incident) throw new Error(`${file} did not load`);
  return { incident: loaded.incident, kind: await kindForIncident(loaded.incident, file) };
}

async function timed(label, fn) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await fn();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  console.log(`${label}: ${wall.toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU`);
  return result;
}

const ebs = await load('aws-ebs-2011-04-21');
const [map] = await timed('EBS 2011 boundary map 40 × 40, 2 workers (target < 10 s)', () => boundaryMapsOf(ebs.incident, ebs.kind, { grid: 40, workers: 2 }));
console.log(`  ${map.peaks.length} cells, ${map.boundary.length} boundary line(s) of ${map.boundary.reduce((n, l) => n + l.length, 0)} points; margin ${(100 * map.actual.margin.distance).toFixed(1)} % of the map`);
await timed('EBS 2011 boundary map 40 × 40, this thread', () => boundaryMapsOf(ebs.incident, ebs.kind, { grid: 40, workers: 1 }));

for (const id of ['aws-ebs-2012-10-22', 'aws-kinesis-2020-11-25']) {
  const { incident, kind } = await load(id);
  const grid = incident.boundaryMaps?.[0]?.grid ?? 40;
  await timed(`${id} boundary map ${grid} × ${grid} (declared), 2 workers`, () => boundaryMapsOf(incident, kind, { workers: 2 }));
}
