// A composed kind against a peer build of the same kind, side by side in one process so the
// ratio holds on a noisy machine: each incident's deterministic replay, the two kinds timed in
// alternating rounds. The peer is another build's dist/ directory (for example the last release
// with hand-written kinds, built with `git worktree add ../peer <commit> && cd ../peer && npx tsc`):
//   node bench/compose.bench.mjs ../peer/dist [incident files]
// The target (issue: composed models): the composed EBS 2011 replay at most 1.5× the hand-written one.
// Without a peer it times this build alone.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadIncidentFile } from '../dist/incident/load.js';
import { planReplay } from '../dist/model/plan.js';
import { runReplay, sampleCount } from '../dist/model/engine.js';
import { kindForIncident } from '../dist/replay/replay-incident.js';
import { median } from './timing.mjs';

const args = process.argv.slice(2);
const peerDir = args[0] && existsSync(path.join(args[0], 'replay/replay-incident.js')) ? path.resolve(args.shift()) : undefined;
const files = args.length > 0
  ? args
  : readdirSync('incidents').filter((f) => /\.(ya?ml|json)$/.test(f)).sort().map((f) => path.join('incidents', f));
const peer = peerDir ? await import(pathToFileURL(path.join(peerDir, 'replay/replay-incident.js')).href) : undefined;
const peerEngine = peerDir ? await import(pathToFileURL(path.join(peerDir, 'model/engine.js')).href) : undefined;

for (const file of files) {
  const { incident } = await loadIncidentFile(file);
  if (!incident?.model) continue;
  const plan = planReplay(incident);
  const kind = await kindForIncident(incident, file);
  const contenders = [{ name: 'this build', run: () => runReplay(kind, plan) }];
  if (peer) {
    const peerKind = await peer.kindForIncident(incident, file);
    contenders.push({ name: 'peer', run: () => peerEngine.runReplay(peerKind, plan) });
  }
  for (const c of contenders) for (let i = 0; i < 30; i++) c.run();
  const times = contenders.map(() => []);
  for (let round = 0; round < 40; round++) {
    contenders.forEach((c, k) => {
      const t0 = performance.now();
      for (let i = 0; i < 5; i++) c.run();
      times[k].push((performance.now() - t0) / 5);
    });
  }
  const medians = times.map(median);
  const line = contenders.map((c, k) => `${c.name} ${medians[k].toFixed(3)} ms`).join(', ');
  const ratio = peer ? `; ratio ${(medians[0] / medians[1]).toFixed(2)}×` : '';
  console.log(`compose ${path.basename(file)} (${kind.id}, ${sampleCount(plan)} steps): ${line}${ratio}`);
}
