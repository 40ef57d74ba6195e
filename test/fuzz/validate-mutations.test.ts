// The fuzz suite: mutations of the seed incidents (and of the composed example) through the CLI,
// in-process. Whatever the mutation, `validate` exits 0 or 1, never with an internal error or a
// stack trace, puts a position on every error line, and takes bounded time; a mutated file that
// still validates replays (`simulate`) with exit 0 or 1 and no internal error. Bounded in count
// (fast-check's numRuns) so CI stays fast; `bench/fuzz.bench.mjs` measures cases per second.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMain, stackTraceLine } from '../cli/run-main.js';
import { mutate } from '../support/mutate-incident.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sources = ['incidents/aws-ebs-2011-04-21.yaml', 'incidents/aws-ebs-2012-10-22.yaml', 'incidents/aws-kinesis-2020-11-25.yaml', 'examples/metadata-plateau.yaml'];

const mutation = fc.record({
  source: fc.integer({ min: 0, max: sources.length - 1 }),
  steps: fc.array(fc.record({ kind: fc.nat(), at: fc.double({ min: 0, max: 0.999, noNaN: true }), pick: fc.nat() }), { minLength: 1, maxLength: 3 }),
});

/** Every line that reports an error names its place: `file:line:col  error`. */
function checkOutput(out: string) {
  expect(out).not.toMatch(/internal error/i);
  expect(out).not.toMatch(stackTraceLine);
  for (const line of out.split('\n')) {
    if (/\berror\b/.test(line) && !/^\d+ files? checked/.test(line) && !/^\s/.test(line) && !/: \d+ errors?; fix/.test(line)) {
      expect(line, 'an error line without a position').toMatch(/^[^\s:]+\.yaml:\d+:\d+\s+error\s/);
    }
  }
}

describe('fuzz: mutated incident files', () => {
  it('validate: exit 0 or 1, no internal error or stack trace, a position on every error, in bounded time', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ir-fuzz-'));
    const texts = await Promise.all(sources.map((f) => readFile(path.join(root, f), 'utf8')));
    try {
      let replayed = 0;
      await fc.assert(
        fc.asyncProperty(mutation, async ({ source, steps }) => {
          let text = texts[source]!;
          for (const s of steps) text = mutate(text, s.kind, s.at, s.pick);
          const file = path.join(dir, 'fuzz.yaml');
          await writeFile(file, text);
          const t0 = performance.now();
          const r = await runMain(['validate', '--no-cache', 'fuzz.yaml'], dir);
          expect(performance.now() - t0, 'validate took too long').toBeLessThan(10_000);
          expect([0, 1]).toContain(r.code);
          checkOutput(r.stdout + r.stderr);
          // A few that still validate are replayed too (deterministic, a coarse step to stay fast).
          if (r.code === 0 && replayed < 6 && /model:/.test(text)) {
            replayed++;
            const s = await runMain(['simulate', 'fuzz.yaml', '--step', '10m', '--scenario', 'actual'], dir);
            expect([0, 1]).toContain(s.code);
            expect(s.stderr).not.toMatch(/internal error/i);
            expect(s.stderr).not.toMatch(stackTraceLine);
          }
        }),
        { numRuns: Number(process.env.FUZZ_RUNS ?? 120) },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
