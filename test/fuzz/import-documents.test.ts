// The fuzz suite, import side: hostile documents of bounded size (deep nesting, quoted chat
// logs, repeated times, odd characters, binary) through `incident-replay import` in-process.
// Exit 0 or 1, no internal error, no stack trace, bounded time. (The super-linear cases of
// large inputs belong to the import issue; sizes here stay small so CI stays fast.)
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runMain, stackTraceLine } from '../cli/run-main.js';

const pieces = [
  '# Incident\n', '## Timeline (all times BST)\n', '- 10:00 ', '10:05: ', '[03-12 14:20] ', '> ', '>>>>>>>>>> ', '    - ', '      - ',
  '```\n2021-01-01 00:00:01 ERROR x\n```\n', '| 12:00 | down |\n', 'between Jan 1 10:00 and 11:00', '(3:00pm US EST)', 'the following day',
  'daily at 00:00', '13% of requests', '\u0000', '\u001b[2J', '\r', '\ufeff', '\\', '<script>alert(1)</script>', '[link](javascript:x)',
  '![img](/etc/passwd)', '23:59', '24:00', '99:99', 'Feb 30, 2021', '2021-13-01', 'UTC+14:00', 'PST', 'BST', '\n', '\n\n',
];
const document = fc.oneof(
  fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((p) => p.join('')),
  fc.tuple(fc.constantFrom('- ', '> ', '1. '), fc.integer({ min: 1, max: 400 })).map(([mark, depth]) => `${'  '.repeat(depth)}${mark}10:00 x\n`.repeat(2) + `${mark.repeat(depth)}10:00 deep\n`),
  fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b).toString('latin1')),
);

describe('fuzz: hostile documents for import', () => {
  it('exit 0 or 1, no internal error or stack trace, in bounded time', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ir-fuzz-import-'));
    try {
      await fc.assert(
        fc.asyncProperty(document, fc.option(fc.constantFrom('UTC', 'Europe/London')), async (text, zone) => {
          await writeFile(path.join(dir, 'pm.md'), text);
          const t0 = performance.now();
          const r = await runMain(['import', 'pm.md', '--year', '2021', ...(zone ? ['--timezone', zone] : [])], dir);
          expect(performance.now() - t0, 'import took too long').toBeLessThan(10_000);
          expect([0, 1]).toContain(r.code);
          expect(r.stderr).not.toMatch(/internal error/i);
          expect(r.stderr + r.stdout).not.toMatch(stackTraceLine);
        }),
        { numRuns: Number(process.env.FUZZ_RUNS ?? 150) },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
