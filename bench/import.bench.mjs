// Speed of `incident-replay import`: the AWS April 2011 summary (34 kB, the largest seed) into a
// draft, and a document just under the 5 MB input limit (that summary repeated), in this process.
// Run `npx tsc -p .` first (imports from dist/).
import { readFileSync } from 'node:fs';
import { importPostmortem } from '../dist/import/import-postmortem.js';
import { toDraftYaml } from '../dist/import/to-draft-yaml.js';
import { timeRuns } from './timing.mjs';

const seed = readFileSync('test/fixtures/import/004_cccb95750468ff00.txt', 'utf8');

const options = { file: '004.txt', year: 2011 };
timeRuns(3, () => importPostmortem(seed, options)); // warm up
const seedMs = timeRuns(20, () => toDraftYaml(importPostmortem(seed, options)));
console.log(`import 004 seed (${(seed.length / 1024).toFixed(0)} kB) to YAML: ${seedMs.toFixed(1)} ms`);

// Paragraphs separated by blank lines so the big document is many blocks, as a long postmortem is.
const copies = Math.floor((4.9 * 1024 * 1024) / (seed.length + 2));
const big = Array.from({ length: copies }, () => seed).join('\n\n');
let events = 0;
const bigMs = timeRuns(3, () => {
  events = importPostmortem(big, options).events.length;
});
console.log(`import ${(big.length / 1024 / 1024).toFixed(1)} MB document (${events} events): ${bigMs.toFixed(0)} ms`);
console.log(`import throughput: ${(big.length / 1024 / 1024 / (bigMs / 1000)).toFixed(2)} MB/s`);
