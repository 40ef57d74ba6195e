// `incident-replay import` through `main()` with injected streams: bad input is refused with a
// clear message and exit 1 (2 for wrong usage), never a stack trace; -o never overwrites.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from './helpers.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'import-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const timeline = '# Cache outage\n\nThe cache fleet ran out of memory.\n\n## 2021-06-01\n\n- 14:03 UTC: a config change was deployed.\n- 14:10 UTC: alarms fired.\n- 14:40 UTC: the change was rolled back.\n- 15:05 UTC: fully restored.\n';

async function refused(file: string, content: Uint8Array | string, extra: string[] = []) {
  await writeFile(path.join(dir, file), content);
  const result = await runCli(['import', file, ...extra], dir);
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toMatch(/internal error|\n\s+at \S+ \(/);
  return result;
}

describe('bad input', () => {
  it('refuses an empty file', async () => {
    const { code, stderr } = await refused('empty.md', '  \n\n');
    expect(code).toBe(1);
    expect(stderr).toBe('incident-replay: empty.md:1:1: file is empty, expected the text of a postmortem with times in it\n');
  });

  it('refuses a binary file', async () => {
    const { code, stderr } = await refused('image.md', new Uint8Array([0x23, 0x20, 0x41, 0x0a, 0x42, 0x00, 0x01]));
    expect(code).toBe(1);
    expect(stderr).toContain('image.md:2:2: file contains a NUL byte: it looks binary');
  });

  it('refuses a file over 5 MB without reading it as text', async () => {
    const { code, stderr } = await refused('huge.md', Buffer.alloc(10 * 1024 * 1024, 'a'));
    expect(code).toBe(1);
    expect(stderr).toContain('huge.md: file is 10.0 MB, expected a postmortem under 5 MB');
  });

  it('refuses a file that is not UTF-8, with the place of the first bad byte', async () => {
    const latin1 = Buffer.from('# Panne\n\nÀ 10:00 UTC le 2021-06-01, caf\xe9.\n', 'latin1');
    const { code, stderr } = await refused('latin1.txt', latin1);
    expect(code).toBe(1);
    expect(stderr).toContain('latin1.txt:3:1: file is not valid UTF-8');
    expect(stderr).toContain('iconv -f latin1 -t utf-8');
  });

  it('refuses a document with no times at all (an incident needs events)', async () => {
    const { code, stderr } = await refused('notimes.md', '# Outage\n\nSomething broke and we fixed it. Version 2.3 is out.\n');
    expect(code).toBe(1);
    expect(stderr).toContain('notimes.md: no times found, so nothing could be placed on a timeline');
  });

  it('a document with no year anywhere still gets its draft, with TODOs, and exit 1', async () => {
    await writeFile(path.join(dir, 'noyear.md'), '# Outage\n\n## Timeline\n\n- Oct 11 12:24 UTC: the queue stalled\n');
    const { code, stderr, stdout } = await runCli(['import', 'noyear.md', '-o', 'noyear.yaml'], dir);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('noyear.md:5:10  warning  12:24 is on a date written without a year');
    expect(stderr).toContain('wrote noyear.yaml with 1 TODO, which validates once it has an event');
    expect(stderr).toContain('--year YYYY');
    expect(stderr).not.toMatch(/internal error|\n\s+at \S+ \(/);
    const draft = await readFile(path.join(dir, 'noyear.yaml'), 'utf8');
    expect(draft).toContain('timeline: []');
    expect(draft).toContain('# TODO: noyear.md:5:10 12:24 is on a date written without a year');
  });

  it('reports a missing file', async () => {
    const { code, stderr, stdout } = await runCli(['import', 'nope.md'], dir);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('incident-replay: no such file: nope.md');
  });

  it('rejects a bad --timezone or --date as wrong usage', async () => {
    await writeFile(path.join(dir, 'ok.md'), timeline);
    const zone = await runCli(['import', 'ok.md', '--timezone', 'Pacific Time'], dir);
    expect(zone.code).toBe(2);
    expect(zone.stderr).toContain('--timezone Pacific Time: not an IANA time zone');
    const date = await runCli(['import', 'ok.md', '--date', '2021-02-30'], dir);
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('--date 2021-02-30: expected a date as YYYY-MM-DD');
    const id = await runCli(['import', 'ok.md', '--id', 'Bad Id'], dir);
    expect(id.code).toBe(2);
  });
});

describe('output', () => {
  it('prints the YAML draft to stdout', async () => {
    await writeFile(path.join(dir, 'cache.md'), timeline);
    const { code, stdout, stderr } = await runCli(['import', 'cache.md'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('id: cache-outage-2021-06-01\n');
    expect(stdout).toContain(
      '  # from cache.md:7:3 (phase guessed from “change”)\n  - at: 2021-06-01 14:03\n    phase: trigger\n    text: A config change was deployed.\n    source: postmortem\n    quote: "14:03 UTC: a config change was deployed."\n',
    );
    expect(stdout).toContain('  - at: 2021-06-01 15:05\n    phase: resolved\n');
  });

  it('prints JSON with --json', async () => {
    await writeFile(path.join(dir, 'cache.md'), timeline);
    const { code, stdout } = await runCli(['import', 'cache.md', '--json'], dir);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.title).toBe('Cache outage');
    expect(json.timezone).toBe('UTC');
    expect(json.events[1]).toEqual({
      at: '2021-06-01 14:10',
      phase: 'detection',
      quote: '14:10 UTC: alarms fired.',
      line: 8,
      column: 3,
      zone: 'UTC',
    });
    expect(json.figures).toEqual([]);
    expect(json.warnings).toEqual([]);
  });

  it('writes with -o, refuses to overwrite, and leaves no temporary files', async () => {
    await writeFile(path.join(dir, 'cache.md'), timeline);
    const first = await runCli(['import', 'cache.md', '-o', 'incidents/cache.yaml', '--id', 'cache-2021'], dir);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('wrote incidents/cache.yaml: 4 events, 0 figure candidates\n');
    const written = await readFile(path.join(dir, 'incidents/cache.yaml'), 'utf8');
    expect(written).toContain('id: cache-2021\n');

    const validate = await runCli(['validate', 'incidents/cache.yaml'], dir);
    expect(validate.stdout).toContain('1 file checked: 0 errors');
    expect(validate.code).toBe(0);

    const second = await runCli(['import', 'cache.md', '-o', 'incidents/cache.yaml'], dir);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('incidents/cache.yaml already exists; the import does not overwrite files');
    expect(await readFile(path.join(dir, 'incidents/cache.yaml'), 'utf8')).toBe(written);
    expect(await readdir(path.join(dir, 'incidents'))).toEqual(['cache.yaml']);
  });

  it('writes a $schema modeline that resolves from where the draft is written', async () => {
    const project = await mkdtemp(path.join(tmpdir(), 'import-schema-'));
    try {
      await writeFile(path.join(project, 'package.json'), '{ "private": true }\n');
      await mkdir(path.join(project, 'schema'));
      await writeFile(path.join(project, 'schema/incident.schema.json'), '{}\n');
      await writeFile(path.join(project, 'cache.md'), timeline);
      expect((await runCli(['import', 'cache.md', '-o', 'drafts/deep/cache.yaml'], project)).code).toBe(0);
      const first = (await readFile(path.join(project, 'drafts/deep/cache.yaml'), 'utf8')).split('\n')[0];
      expect(first).toBe('# yaml-language-server: $schema=../../schema/incident.schema.json');
      // Printed to stdout, the draft is meant for incidents/ of the project.
      expect((await runCli(['import', 'cache.md'], project)).stdout.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/incident.schema.json');
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });

  it('keeps what it cannot place as a TODO block with the sentence, and warns with file:line:col', async () => {
    await writeFile(path.join(dir, 'todo.md'), '# Outage\n\nAt 10:00 UTC on 2021-06-01 it began. On Saturday at 09:00 UTC it was resolved.\n');
    const { code, stdout, stderr } = await runCli(['import', 'todo.md'], dir);
    expect(code).toBe(0);
    expect(stderr).toContain('todo.md:3:53  warning  09:00 is on “Saturday”, a day without a date: not placed  import/named-day');
    expect(stdout).toContain('# TODO: todo.md:3:53 09:00 is on “Saturday”, a day without a date: not placed\n#   quote: "On Saturday at 09:00 UTC it was resolved."\n');
  });
});
