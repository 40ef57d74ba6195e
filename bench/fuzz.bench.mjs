// Speed of the fuzz suite's case: a mutated seed incident validated in-process through the CLI
// (test/fuzz/validate-mutations.test.ts runs the same cases), as cases per second. Mutations are
// drawn from a fixed seed so runs compare. Run `npx tsc -p .` first (imports from dist/).
import { mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../dist/cli/main.js';
import { mutate } from '../test/support/mutate-incident.mjs';

const sources = ['incidents/aws-ebs-2011-04-21.yaml', 'incidents/aws-ebs-2012-10-22.yaml', 'incidents/aws-kinesis-2020-11-25.yaml', 'examples/metadata-plateau.yaml'];
const texts = await Promise.all(sources.map((f) => readFile(f, 'utf8')));
const dir = await mkdtemp(path.join(tmpdir(), 'ir-fuzz-bench-'));
const quiet = { write: () => {} };

// A small linear congruential generator: the same mutations on every run.
let state = 12345;
const rand = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);

const cases = Number(process.argv[2] ?? 150);
const codes = { 0: 0, 1: 0 };
const t0 = performance.now();
for (let n = 0; n < cases; n++) {
  let text = texts[n % texts.length];
  const steps = 1 + Math.floor(rand() * 3);
  for (let s = 0; s < steps; s++) text = mutate(text, Math.floor(rand() * 9), rand() * 0.999, Math.floor(rand() * 1000));
  await writeFile(path.join(dir, 'fuzz.yaml'), text);
  const code = await main(['validate', '--no-cache', 'fuzz.yaml'], { stdout: quiet, stderr: quiet, cwd: dir, color: false });
  codes[code] = (codes[code] ?? 0) + 1;
}
const seconds = (performance.now() - t0) / 1000;
await rm(dir, { recursive: true, force: true });
console.log(`fuzz: ${cases} mutated incidents validated in ${seconds.toFixed(2)} s: ${(cases / seconds).toFixed(0)} cases/s (exit 0: ${codes[0]}, exit 1: ${codes[1]}${Object.keys(codes).length > 2 ? `, other: ${JSON.stringify(codes)}` : ''})`);
