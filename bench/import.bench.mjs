// Speed of `incident-replay import`: the AWS April 2011 summary (34 kB, the largest seed) into a
// draft, and two documents just under the 5 MB input limit: that summary repeated (plain text,
// read without the markdown parser) and a markdown postmortem repeated (headings, lists, a
// table, links and emphasis: every block through the parser). Target (issue 12): under 3 s each.
// Wall time depends on how busy the machine is; the CPU time of the same runs is printed beside
// it. Run `npx tsc -p .` first (imports from dist/).
import { readFileSync } from 'node:fs';
import { importPostmortem } from '../dist/import/import-postmortem.js';
import { toDraftYaml } from '../dist/import/to-draft-yaml.js';
import { median, timeRuns } from './timing.mjs';

const seed = readFileSync('test/fixtures/import/004_cccb95750468ff00.txt', 'utf8');

const options = { file: '004.txt', year: 2011 };
timeRuns(3, () => importPostmortem(seed, options)); // warm up
const seedMs = timeRuns(20, () => toDraftYaml(importPostmortem(seed, options)));
console.log(`import 004 seed (${(seed.length / 1024).toFixed(0)} kB) to YAML: ${seedMs.toFixed(1)} ms`);

/** Median wall and CPU time of `runs` imports. */
function measure(text, runs, opts) {
  const wall = [];
  const cpu = [];
  let events = 0;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    events = importPostmortem(text, opts).events.length;
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu), events };
}

const fill = (unit) => Array.from({ length: Math.floor((4.9 * 1024 * 1024) / (unit.length + 2)) }, () => unit).join('\n\n');
const markdown = readFileSync('test/fixtures/import/corpus/rust-crates-io-postmortem.md', 'utf8');
for (const [name, text, opts] of [
  ['plain-text', fill(seed), options],
  ['markdown', fill(markdown), { file: 'postmortem.md' }],
]) {
  const r = measure(text, 3, opts);
  console.log(
    `import ${(text.length / 1024 / 1024).toFixed(1)} MB ${name} document (${r.events} events): ${r.wall.toFixed(0)} ms wall, ${r.cpu.toFixed(0)} ms CPU (target < 3000 ms: ${r.wall < 3000 ? 'within target' : r.cpu < 3000 ? 'over on wall time, within on CPU time: a busy machine' : 'OVER TARGET'})`,
  );
  console.log(`import throughput (${name}): ${(text.length / 1024 / 1024 / (r.wall / 1000)).toFixed(2)} MB/s`);
}
