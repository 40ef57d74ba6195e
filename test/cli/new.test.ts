// `new <id>`: a commented, valid file; never overwrites; the id must be kebab-case.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runMain } from './run-main.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'incident-replay-new-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('new', () => {
  it('writes incidents/<id>.yaml, with the modeline first, that passes validate', async () => {
    await mkdir(path.join(dir, 'schema'));
    await writeFile(path.join(dir, 'schema/incident.schema.json'), '{}\n');
    const r = await runMain(['new', 'aws-ebs-2011-04-21', '--timezone', 'America/Los_Angeles', '--title', 'EBS: re-mirroring storm'], dir);
    expect(r).toEqual({
      code: 0,
      stdout:
        'created incidents/aws-ebs-2011-04-21.yaml\nnext: fill it in from the postmortem, then run `incident-replay validate incidents/aws-ebs-2011-04-21.yaml`\n',
      stderr: '',
    });
    const text = await readFile(path.join(dir, 'incidents/aws-ebs-2011-04-21.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/incident.schema.json');
    expect(text).toContain('\nid: aws-ebs-2011-04-21\n');
    expect(text).toContain('\ntitle: "EBS: re-mirroring storm"\n');
    expect(text).toContain('\ntimezone: America/Los_Angeles\n');
    // The date in the id dates the example timeline.
    expect(text).toContain('\n    at: 2011-04-21 09:00\n');
    expect(await runMain(['validate'], dir)).toEqual({ code: 0, stdout: '1 file checked: 0 errors, 0 warnings\n', stderr: '' });
  });

  it('explains every top-level field in a comment just above it', async () => {
    await runMain(['new', 'x-outage'], dir);
    const lines = (await readFile(path.join(dir, 'incidents/x-outage.yaml'), 'utf8')).split('\n');
    const fields = lines.flatMap((l, i) => (/^[a-zA-Z]+:/.test(l) ? [i] : []));
    expect(fields.length).toBeGreaterThanOrEqual(12);
    for (const i of fields) {
      expect(lines[i - 1], lines[i]).toMatch(/^# /);
    }
  });

  it('uses today in the zone when the id holds no date', async () => {
    const { runNew } = await import('../../src/incident/new-incident.js');
    const io = { stdout: { write: () => true }, stderr: { write: () => true }, cwd: dir };
    // 03:00 UTC on 25 November is still the 24th in Los Angeles.
    const now = new Date('2020-11-25T03:00:00Z');
    await runNew({ id: 'la-outage', timezone: 'America/Los_Angeles', now }, io);
    await runNew({ id: 'utc-outage', timezone: 'UTC', now }, io);
    expect(await readFile(path.join(dir, 'incidents/la-outage.yaml'), 'utf8')).toContain('\n    at: 2020-11-24 09:00\n');
    expect(await readFile(path.join(dir, 'incidents/utc-outage.yaml'), 'utf8')).toContain('\n    at: 2020-11-25 09:00\n');
    expect((await runMain(['validate'], dir)).code).toBe(0);
  });

  it('writes elsewhere with -o, with the schema path relative to that file', async () => {
    await mkdir(path.join(dir, 'schema'));
    await writeFile(path.join(dir, 'schema/incident.schema.json'), '{}\n');
    const r = await runMain(['new', 'draft-one', '-o', 'drafts/deep/draft-one.yaml'], dir);
    expect(r.code).toBe(0);
    const text = await readFile(path.join(dir, 'drafts/deep/draft-one.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/incident.schema.json');
    expect((await runMain(['validate', 'drafts/deep'], dir)).code).toBe(0);
  });

  it('points the modeline at the installed package’s schema in a project without its own', async () => {
    await writeFile(path.join(dir, 'package.json'), '{ "private": true }\n');
    await mkdir(path.join(dir, 'node_modules/incident-replay/schema'), { recursive: true });
    await writeFile(path.join(dir, 'node_modules/incident-replay/schema/incident.schema.json'), '{}\n');
    await runMain(['new', 'one'], dir);
    const text = await readFile(path.join(dir, 'incidents/one.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../node_modules/incident-replay/schema/incident.schema.json');
  });

  it('else at the schema of the package that runs, by a path that resolves from the file', async () => {
    await runMain(['new', 'two', '-o', 'deep/two.yaml'], dir);
    const modeline = (await readFile(path.join(dir, 'deep/two.yaml'), 'utf8')).split('\n')[0]!;
    const schemaPath = /^# yaml-language-server: \$schema=(.+)$/.exec(modeline)![1]!;
    expect(path.isAbsolute(schemaPath)).toBe(false);
    expect(path.resolve(dir, 'deep', schemaPath)).toBe(path.resolve(import.meta.dirname, '../../schema/incident.schema.json'));
  });

  it('refuses to overwrite, exit 1, and leaves the file alone', async () => {
    await mkdir(path.join(dir, 'incidents'));
    await writeFile(path.join(dir, 'incidents/mine.yaml'), 'precious\n');
    const r = await runMain(['new', 'mine'], dir);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'incident-replay: incidents/mine.yaml exists already, not overwriting it; choose another id, write elsewhere with -o <path>, or remove the file first\n',
    });
    expect(await readFile(path.join(dir, 'incidents/mine.yaml'), 'utf8')).toBe('precious\n');
  });

  it('rejects an id that is not kebab-case as a usage error, writing nothing', async () => {
    for (const id of ['Bad_Id', 'double--hyphen', 'trailing-', 'UPPER', 'dots.too']) {
      const r = await runMain(['new', id], dir);
      expect(r.code, id).toBe(2);
      expect(r.stderr).toMatch(/^incident-replay new <id>/);
      expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(
        `the id \`${id}\` is not kebab-case: use lower-case letters, digits and single hyphens, e.g. aws-ebs-2011-04-21`,
      );
    }
    await expect(readFile(path.join(dir, 'incidents/Bad_Id.yaml'))).rejects.toThrow();
  });

  it('rejects an unknown time zone, or an abbreviation, as a usage error', async () => {
    let r = await runMain(['new', 'x', '--timezone', 'PDT'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('unknown time zone `PDT`: use an IANA name such as America/Los_Angeles or UTC');
    r = await runMain(['new', 'x', '--timezone', 'PST'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(
      '`PST` is an abbreviation, not a zone name (Node.js reads it as America/Los_Angeles): use an IANA name such as America/Los_Angeles',
    );
  });
});
