// The project's config file: defaults a team shares, never trust and never a weaker error.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runMain } from './run-main.js';
import { parseConfig } from '../../src/cli/config-file.js';
import { projectDirOf } from '../../src/incident/project-path.js';

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'incident-replay-config-'));
  await mkdir(path.join(dir, 'postmortems'));
  // One warning (an event out of order), no errors.
  await cp(path.join(root, 'test/fixtures/broken/events-out-of-order.yaml'), path.join(dir, 'postmortems/late.yaml'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('incident-replay.config.*', () => {
  it('sets where incident files are, and how many warnings are allowed (the command line wins)', async () => {
    await writeFile(path.join(dir, 'incident-replay.config.yaml'), 'incidents: postmortems\nmaxWarnings: 0\n');
    const r = await runMain(['validate', '--no-cache'], dir);
    expect(r.stdout).toContain('postmortems/late.yaml:');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('1 warning: more than --max-warnings 0\n');
    expect((await runMain(['validate', '--no-cache', '--max-warnings', '5'], dir)).code).toBe(0);
  });

  it('is read from a package.json key as well', async () => {
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', 'incident-replay': { incidents: 'postmortems', rules: { 'timeline/out-of-order': 'error' } } }));
    const r = await runMain(['validate', '--no-cache'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/late\.yaml:\d+:\d+ {2}error {2}.*timeline\/out-of-order/);
  });

  it('switches a warning off', async () => {
    await writeFile(path.join(dir, 'incident-replay.config.json'), JSON.stringify({ incidents: 'postmortems', rules: { 'timeline/out-of-order': 'off' } }));
    const r = await runMain(['validate', '--no-cache'], dir);
    expect(r).toMatchObject({ code: 0, stdout: '1 file checked: 0 errors, 0 warnings\n' });
  });

  it('never weakens an error, and says so', async () => {
    await writeFile(path.join(dir, 'postmortems/bad.yaml'), 'id: x\n');
    await writeFile(path.join(dir, 'incident-replay.config.json'), JSON.stringify({ incidents: 'postmortems', rules: { 'schema/missing-field': 'off' } }));
    const r = await runMain(['validate', '--no-cache'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('schema/missing-field');
    expect(r.stderr).toContain('incident-replay.config.json: `schema/missing-field` reports errors, and an error stays one');
  });

  it('cannot grant trust to code, and rejects what it does not know, with the file named', async () => {
    expect(() => parseConfig({ allowModules: true }, '/p/incident-replay.config.json')).toThrow(/cannot allow modules/);
    expect(() => parseConfig({ incident: 'x' }, '/p/incident-replay.config.json')).toThrow('incident-replay.config.json: unknown setting `incident`; expected one of incidents, out, template, maxWarnings, rules');
    expect(() => parseConfig({ rules: { 'a/b': 'loud' } }, '/p/c.json')).toThrow('rule `a/b`: expected error, warning or off, not "loud"');
    await writeFile(path.join(dir, 'incident-replay.config.json'), '{ nope');
    const r = await runMain(['validate'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^incident-replay: cannot read the incident-replay config: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('marks the project directory for the paths incident files may name', async () => {
    await writeFile(path.join(dir, 'postmortems/incident-replay.config.yaml'), 'maxWarnings: 3\n');
    expect(projectDirOf(path.join(dir, 'postmortems/late.yaml'))).toBe(path.join(dir, 'postmortems'));
  });
});

describe('build, report and watch take their defaults from the config', () => {
  it('build reads the config\'s incident directory and writes its output directory', async () => {
    await cp(path.join(root, 'incidents/aws-kinesis-2020-11-25.yaml'), path.join(dir, 'postmortems/k.yaml'));
    await rm(path.join(dir, 'postmortems/late.yaml'));
    await writeFile(path.join(dir, 'incident-replay.config.yaml'), 'incidents: postmortems\nout: reports\n');
    const r = await runMain(['build'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wrote reports/aws-kinesis-2020-11-25/README.md');
    expect(r.stdout).toContain('wrote reports/README.md and reports/summary.json');
  }, 60_000);
});

describe('paths in the config are data paths', () => {
  it.each([
    ['template: /etc/passwd\n', '`template` is an absolute path; a path in the config must be relative to the file'],
    ['out: ../elsewhere\n', '`out` leads out of the project directory'],
  ])('%s is refused before anything is read or written', async (yaml, message) => {
    await writeFile(path.join(dir, 'incident-replay.config.yaml'), yaml);
    const r = await runMain(['build', 'postmortems'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`incident-replay.config.yaml: ${message}`);
    expect(r.stdout).toBe('');
  });

  it('a built-in template is named, not a path', async () => {
    await writeFile(path.join(dir, 'incident-replay.config.yaml'), 'template: brief\n');
    const { findConfig } = await import('../../src/cli/config-file.js');
    expect((await findConfig(dir))?.template).toBe('brief');
  });
});
