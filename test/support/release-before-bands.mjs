// Writes test/model/fixtures/steady-then-storm.release-before.json: quantiles of every series
// at every step of 2,000 seeds of test/model/fixtures/steady-then-storm.yaml, as the release
// before the Monte Carlo work of issue 13 (add97da) draws them, for
// test/cli/release-before.test.ts. That release keeps no quantiles but 10/50/90,
// so each seed is run alone (the "median" of one seed is its curve) and the quantiles taken
// here, type 7, rounded to 6 significant digits as `simulate --json` rounds them.
//
//   git worktree add /tmp/release-before add97da
//   (cd /tmp/release-before && npm ci && npm run build)
//   node test/support/release-before-bands.mjs /tmp/release-before > test/model/fixtures/steady-then-storm.release-before.json
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { levels, seeds } from './release-before-levels.mjs';

const release = path.resolve(process.argv[2] ?? '');
const here = path.dirname(fileURLToPath(import.meta.url));
const incidentFile = path.resolve(here, '../model/fixtures/steady-then-storm.yaml');
const from = (p) => import(path.join(release, 'dist', p));
const { loadIncidentFile } = await from('incident/load.js');
const { planReplay } = await from('model/plan.js');
const { runMonteCarlo } = await from('model/monte-carlo.js');
const { kindForIncident } = await from('replay/replay-incident.js');

const loaded = await loadIncidentFile(incidentFile);
const kind = await kindForIncident(loaded.incident, incidentFile);
const plan = planReplay(loaded.incident, 'actual');

const runs = [];
for (let seed = 1; seed <= seeds; seed++) {
  const result = await runMonteCarlo(kind, plan, { seeds: 1, firstSeed: seed, workers: 0 });
  runs.push(result.median.series);
}
const names = Object.keys(runs[0]);
const steps = runs[0][names[0]].length;
const round = (x) => Number(x.toPrecision(6));
const type7 = (sorted, q) => {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length && h > lo ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
};
const quantiles = {};
for (const name of names) {
  quantiles[name] = levels.map(() => []);
  const column = new Float64Array(seeds);
  for (let step = 0; step < steps; step++) {
    for (let r = 0; r < seeds; r++) column[r] = runs[r][name][step];
    column.sort();
    levels.forEach((q, i) => quantiles[name][i].push(round(type7(column, q))));
  }
}
process.stdout.write(`${JSON.stringify({ release: 'add97da', seeds, firstSeed: 1, levels, quantiles })}\n`);
