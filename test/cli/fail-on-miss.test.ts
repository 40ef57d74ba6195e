// `--fail-on-miss`: a replay that no longer meets a published figure fails the CI job.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runMain } from './run-main.js';

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'incident-replay-miss-'));
  await mkdir(path.join(dir, 'incidents'));
  const text = await readFile(path.join(root, 'incidents/aws-kinesis-2020-11-25.yaml'), 'utf8');
  await writeFile(path.join(dir, 'incidents/met.yaml'), text);
  // The same incident with one published figure the replay cannot meet.
  const at = text.indexOf('id: first-group-serving');
  const value = text.indexOf('value:', at);
  const missed = `${text.slice(0, value)}value: 40${text.slice(text.indexOf('\n', value))}`;
  expect(missed).not.toBe(text);
  await writeFile(path.join(dir, 'incidents/missed.yaml'), missed);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('simulate --fail-on-miss', () => {
  it('exits 0 when every figure is met, and without the flag whatever the figures', async () => {
    expect((await runMain(['simulate', 'incidents/met.yaml', '--scenario', 'actual', '--fail-on-miss'], dir)).code).toBe(0);
    expect((await runMain(['simulate', 'incidents/missed.yaml', '--scenario', 'actual'], dir)).code).toBe(0);
  });

  it('exits 1 and names each missed figure with the replayed and published values', async () => {
    const r = await runMain(['simulate', 'incidents/missed.yaml', '--scenario', 'actual', '--fail-on-miss'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^incidents\/missed\.yaml: the actual replay misses 1 of 5 published figures beyond tolerance: first-group-serving at 2020-11-25T10:15:00-08:00: replay [\d.]+, published 40 ± 1\n$/,
    );
    // The output is still written: the table (or JSON) is what the job's log shows.
    expect(r.stdout).toContain('first-group-serving');
  });
});
