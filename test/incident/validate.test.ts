import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { copyFile, mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runValidate } from '../../src/incident/validate.js';
import { captureIo } from '../cli/report-helpers.js';
import './test-kind.js';

const root = path.resolve(import.meta.dirname, '../..');
const full = path.join(root, 'test/fixtures/valid/full.yaml');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'incident-replay-validate-ids-'));
  await mkdir(path.join(dir, 'incidents'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('validate: incident ids across files', () => {
  it('reports a second file with the id of the first at its `id:`, with the cache cold and warm', async () => {
    await copyFile(full, path.join(dir, 'incidents/a.yaml'));
    // Other bytes, the same id: the check is on ids, not on contents.
    await writeFile(path.join(dir, 'incidents/b.yaml'), `# a copy\n${await readFile(full, 'utf8')}`);
    await copyFile(full, path.join(dir, 'incidents/c.yaml'));
    // full.yaml's start moment is an event "shortly after" the trigger: a guess, and said so.
    const expected = [
      'incidents/a.yaml:25:9  warning  key moment `start` rests only on a guess: event `backlog` has an approximate time or is our reading  moments/guessed',
      'incidents/b.yaml:3:5  error  incident id `queue-backlog-2021-03-10` is also the id of incidents/a.yaml; both would write queue-backlog-2021-03-10/  incident/duplicate-id',
      'incidents/b.yaml:26:9  warning  key moment `start` rests only on a guess: event `backlog` has an approximate time or is our reading  moments/guessed',
      'incidents/c.yaml:2:5  error  incident id `queue-backlog-2021-03-10` is also the id of incidents/a.yaml; both would write queue-backlog-2021-03-10/  incident/duplicate-id',
      'incidents/c.yaml:25:9  warning  key moment `start` rests only on a guess: event `backlog` has an approximate time or is our reading  moments/guessed',
      '3 files checked: 2 errors, 3 warnings (2 files with errors)',
    ];
    for (const run of ['cold', 'warm']) {
      const io = captureIo(dir);
      const code = await runValidate({ paths: [], format: 'text', cacheDir: path.join(dir, 'cache') }, io);
      const lines = io.out.join('').split('\n').filter((l) => l && !l.startsWith('    hint:'));
      expect(lines, run).toEqual(expected);
      expect(code).toBe(1);
    }
  });

  it('passes files with distinct ids', async () => {
    await copyFile(full, path.join(dir, 'incidents/a.yaml'));
    await writeFile(path.join(dir, 'incidents/b.yaml'), (await readFile(full, 'utf8')).replace(/^id: .*$/m, 'id: another-incident'));
    const io = captureIo(dir);
    expect(await runValidate({ paths: [], format: 'text' }, io)).toBe(0);
  });
});
