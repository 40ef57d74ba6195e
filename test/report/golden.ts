// Golden files: the expected output lives in `test/report/golden/`. A missing file is written
// (review it before committing); `UPDATE=1` rewrites them all; on a mismatch the actual output
// is written beside the expected one as `<name>-changed.<ext>` so the two can be diffed.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden');

export function expectGolden(name: string, actual: string): void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  const ext = path.extname(name);
  const changed = path.join(dir, `${name.slice(0, -ext.length)}-changed${ext}`);
  if (process.env.UPDATE === '1' || !existsSync(file)) {
    writeFileSync(file, actual);
    rmSync(changed, { force: true });
    return;
  }
  const expected = readFileSync(file, 'utf8');
  if (expected === actual) {
    rmSync(changed, { force: true });
    return;
  }
  writeFileSync(changed, actual);
  expect(actual, `${name} differs from its golden file; see ${path.relative(process.cwd(), changed)} (UPDATE=1 to accept)`).toBe(
    expected,
  );
}
