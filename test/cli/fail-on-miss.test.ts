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

describe('build --fail-on-miss and build --check', () => {
  let project: string;
  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'incident-replay-build-miss-'));
    // Two small incidents from `new` (the retry-storm example, whose replay meets its figure of
    // 12 % ± 2), one of them with the figure changed to one the replay cannot meet.
    expect((await runMain(['new', 'met-2024-01-02'], project)).code).toBe(0);
    expect((await runMain(['new', 'missed-2024-01-03'], project)).code).toBe(0);
    const file = path.join(project, 'incidents/missed-2024-01-03.yaml');
    const text = await readFile(file, 'utf8');
    const changed = text.replace(/^(\s+value:) 12$/m, '$1 40');
    expect(changed).not.toBe(text);
    await writeFile(file, changed);
  });
  afterAll(async () => {
    await rm(project, { recursive: true, force: true });
  });

  it('exits 0 without the flag, and with it when every figure is met', async () => {
    const plain = await runMain(['build', '--no-sensitivity'], project);
    expect(plain.stderr).toBe('');
    expect(plain.code).toBe(0);
    const met = await runMain(['build', '--no-sensitivity', '--fail-on-miss', 'incidents/met-2024-01-02.yaml', '--out', 'out-met'], project);
    expect(met.stderr).toBe('');
    expect(met.code).toBe(0);
  });

  it('writes out/ and then exits 1 naming each missed figure', async () => {
    await rm(path.join(project, 'out'), { recursive: true, force: true });
    const r = await runMain(['build', '--no-sensitivity', '--fail-on-miss'], project);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('wrote out/README.md and out/summary.json');
    expect(await readFile(path.join(project, 'out/missed-2024-01-03/README.md'), 'utf8')).toContain('# Incident missed-2024-01-03');
    expect(r.stderr).toMatch(
      /^incidents\/missed-2024-01-03\.yaml: the actual replay misses 1 of 1 published figure beyond tolerance: peak-errors at 2024-01-03T09:45:00Z: replay [\d.]+, published 40 ± 2\n1 incident with published figures the actual replay misses beyond tolerance \(--fail-on-miss\); the reports are written\n$/,
    );
  });

  it('build --check lists the misses and fails on them only with --fail-on-miss', async () => {
    const check = await runMain(['build', '--no-sensitivity', '--check'], project);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^missed: incidents\/missed-2024-01-03\.yaml: the actual replay misses 1 of 1 published figure beyond tolerance: peak-errors .*\nout\/ is up to date \(2 incidents\)\n$/);
    const strict = await runMain(['build', '--no-sensitivity', '--check', '--fail-on-miss'], project);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/^missed: incidents\/missed-2024-01-03\.yaml: .*\nout\/ is up to date \(2 incidents\)\n1 incident with published figures the actual replay misses beyond tolerance; failing \(--fail-on-miss\)\n$/);
  });
});
