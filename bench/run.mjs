// Runs every benchmark in bench/ and bench/peers/ (`*.bench.mjs`) one after another, each in its
// own process so one benchmark's memory or warm caches never colour another's numbers.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = [...readdirSync(here), ...readdirSync(path.join(here, 'peers')).map((f) => path.join('peers', f))]
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n## ${file}`);
  const r = spawnSync(process.execPath, [path.join(here, file)], { stdio: 'inherit', cwd: path.dirname(here) });
  if (r.status !== 0) {
    failed++;
    console.log(`${file} failed with exit code ${r.status}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
