// One process's measure of the engine's deterministic step against the plain loop of the same
// equations (retry-storm-loop.mjs) on the 84-hour retry storm: checked to give the same curve to
// the bit, then timed side by side. Prints `{ engineMs, loopMs, same, length }` as JSON;
// peers.bench.mjs runs it in a few fresh processes. Run `npm run build` first.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadIncidentFile } from '../../dist/incident/load.js';
import { planReplay } from '../../dist/model/plan.js';
import { runReplay } from '../../dist/model/engine.js';
import { kindForIncident } from '../../dist/replay/replay-incident.js';
import { retryStormLoop } from './retry-storm-loop.mjs';

const incidentFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'retry-storm-84h.yaml');
const { incident } = await loadIncidentFile(incidentFile);
const kind = await kindForIncident(incident, incidentFile);
const plan = planReplay(incident, 'actual');
const names = Object.keys(kind.series);
const length = runReplay(kind, plan).length;
const engineColumns = Object.fromEntries(names.map((n) => [n, new Float64Array(length)]));
const loopColumns = names.map(() => new Float64Array(length));
runReplay(kind, plan, { output: { series: engineColumns, offset: 0, stride: 1 } });
retryStormLoop(loopColumns, length);
const same = names.every((n, k) => engineColumns[n].every((v, i) => Object.is(v, loopColumns[k][i])));

/**
 * Ms of one replay of each: the fastest of 400 pairs of two replays (preallocated output both
 * sides), engine and loop alternating. On this shared machine a batch long enough to be stretched
 * by other work was, more often for the engine's longer batches than for the loop's: the minimum
 * over many short ones is what the code costs when it has a core to itself, on both sides.
 */
const fastestAlternating = (a, b, pairs = 400) => {
  for (let i = 0; i < 100; i++) (a(), b());
  let msA = Infinity;
  let msB = Infinity;
  const twice = (fn) => {
    const t0 = performance.now();
    fn();
    fn();
    return (performance.now() - t0) / 2;
  };
  for (let r = 0; r < pairs; r++) {
    msA = Math.min(msA, twice(a));
    msB = Math.min(msB, twice(b));
  }
  return [msA, msB];
};
const [engineMs, loopMs] = fastestAlternating(
  () => runReplay(kind, plan, { output: { series: engineColumns, offset: 0, stride: 1 } }),
  () => retryStormLoop(loopColumns, length),
);
console.log(JSON.stringify({ engineMs, loopMs, same, length }));
