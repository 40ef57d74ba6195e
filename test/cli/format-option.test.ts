// `--format` on the commands that report: text or json everywhere, `--json` the same as
// `--format json` where it exists, and an unknown format a usage error.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runMain } from './run-main.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('--format json is --json', () => {
  for (const argv of [
    ['simulate', 'aws-kinesis-2020-11-25', '--scenario', 'actual'],
    ['sensitivity', 'aws-kinesis-2020-11-25', '--samples', '4'],
    ['boundary', 'aws-kinesis-2020-11-25', '--grid', '3', '--workers', '1'],
  ]) {
    it(`${argv[0]}`, async () => {
      const json = await runMain([...argv, '--json'], root);
      const format = await runMain([...argv, '--format', 'json'], root);
      expect(format.code).toBe(0);
      expect(format.stdout).toBe(json.stdout);
      expect(() => JSON.parse(format.stdout)).not.toThrow();
      const text = await runMain([...argv, '--format', 'text'], root);
      expect(text.stdout).not.toBe(json.stdout);
      const bad = await runMain([...argv, '--format', 'xml'], root);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('Invalid values');
    }, 60_000);
  }
});

describe('build and report --format json', () => {
  let project: string;
  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'incident-replay-format-'));
    expect((await runMain(['new', 'met-2024-01-02'], project)).code).toBe(0);
    expect((await runMain(['new', 'missed-2024-01-03', '--no-model'], project)).code).toBe(0);
    expect((await runMain(['new', 'missed-2024-01-04'], project)).code).toBe(0);
    const file = path.join(project, 'incidents/missed-2024-01-04.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^(\s+value:) 12$/m, '$1 40'));
  });
  afterAll(async () => {
    await rm(project, { recursive: true, force: true });
  });

  it('build: one JSON object with the files written and the missed figures, and the exit code', async () => {
    const r = await runMain(['build', '--no-sensitivity', '--format', 'json', '--fail-on-miss'], project);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      ok: false,
      exitCode: 1,
      diagnostics: [],
      written: ['out/met-2024-01-02/README.md', 'out/missed-2024-01-03/README.md', 'out/missed-2024-01-04/README.md', 'out/README.md', 'out/summary.json'],
      stale: null,
      missed: [{ file: 'incidents/missed-2024-01-04.yaml', incident: 'missed-2024-01-04', figures: 1, missed: [{ id: 'peak-errors', series: 'errorPercent', observed: 40, tolerance: 2 }] }],
    });
  });

  it('build --check --json: the stale files', async () => {
    await writeFile(path.join(project, 'out/README.md'), 'edited by hand\n');
    const r = await runMain(['build', '--no-sensitivity', '--check', '--json'], project);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, stale: [{ path: 'out/README.md', problem: 'differs' }], written: [] });
  });

  it('report --json: diagnostics of a file with errors, nothing written', async () => {
    const file = path.join(project, 'incidents/met-2024-01-02.yaml');
    const good = await readFile(file, 'utf8');
    await writeFile(file, good.replace('timezone: UTC', 'timezone: Mars/Olympus'));
    try {
      const r = await runMain(['report', 'met-2024-01-02', '--no-sensitivity', '--json'], project);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('');
      const out = JSON.parse(r.stdout);
      expect(out.written).toEqual([]);
      expect(out.diagnostics).toEqual([expect.objectContaining({ file: 'incidents/met-2024-01-02.yaml', severity: 'error', rule: 'time/unknown-zone' })]);
    } finally {
      await writeFile(file, good);
    }
  });
});
