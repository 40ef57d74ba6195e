// `validate` through the CLI, in-process: each broken fixture (one mistake each) gives the
// expected message at the expected line and column, exit code 1 and no stack trace.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile, rm, writeFile, mkdir, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import '../incident/test-kind.js';
import { runMain, stackTraceLine } from './run-main.js';

const root = path.resolve(import.meta.dirname, '../..');
const broken = 'test/fixtures/broken';

/** file → the one diagnostic expected: `line:col severity rule`, and a part of its message. */
const expected: Record<string, [string, string]> = {
  'alias-bomb.yaml': ['1:1 error yaml/alias', 'YAML: Excessive alias count indicates a resource exhaustion attack'],
  'binary.yaml': ['3:1 error file/binary', 'file contains a NUL byte: it looks binary, expected YAML or JSON text'],
  'duplicate-id.yaml': ['25:9 error id/duplicate', 'duplicate id `stuck` in `timeline`: `timeline[1]` (line 19) has it already'],
  'effect-action-and-set.yaml': ['26:9 error schema/exactly-one', '`timeline[1].effects[0]`: an effect has exactly one of `action` or `set`'],
  'empty.yaml': ['1:1 error file/empty', 'file is empty, expected an incident (a mapping with id, title, timeline, …)'],
  'events-out-of-order.yaml': ['26:9 warning timeline/out-of-order', 'event at `2011-04-21 00:30` is listed after an event at `2011-04-21 00:50` (line 20)'],
  'invalid-value.yaml': ['8:11 error schema/invalid-value', 'unexpected `sev5` for `severity`, expected one of `sev1`, `sev2`, `sev3`, `sev4`'],
  'json-error.json': ['4:3 error yaml/syntax', 'YAML syntax: Missing , between flow map items'],
  'latin1.yaml': ['3:11 error file/encoding', 'file is not valid UTF-8'],
  'model-end-before-start.yaml': ['34:8 error model/end-before-start', 'the replay ends (`end: 2011-04-21 00:00`) before it starts (`start: 2011-04-21 06:00`)'],
  'moments-out-of-order.yaml': ['32:13 error moments/out-of-order', 'key moment `detected` (`2011-04-21 00:30`, set in `moments` on line 32) is before `start`'],
  'observed-outside-window.yaml': ['34:9 warning model/observed-outside-window', 'the observed figure `peak` is at a time outside the replay window'],
  'parameter-out-of-range.yaml': ['37:14 error parameter/out-of-range', 'parameter `workers` is 250, above its `max: 200`'],
  'percent-basis.yaml': ['36:11 error unit/percent-basis', 'a percentage needs a `basis`: what it is a percentage of'],
  'percent-range.yaml': ['35:12 error unit/percent-range', 'the observed figure `peak` is 130 percent, expected 0–100'],
  'time-ambiguous.yaml': ['25:12 error time/ambiguous', '`timeline[1].until` is `2011-11-06 01:30`, which happens twice in America/Los_Angeles'],
  'time-format.yaml': ['20:9 error schema/invalid-format', '`timeline[1].at` is `21 April 2011, 00:50`'],
  'time-invalid-date.yaml': ['26:9 error time/invalid', '`timeline[2].at` is `2011-02-30 02:40`, which is not a valid time: 2011-02 has 28 days'],
  'time-nonexistent.yaml': ['26:9 error time/nonexistent', '`timeline[2].at` is `2011-03-13 02:30`, which does not exist in America/Los_Angeles'],
  'unknown-action.yaml': ['26:17 error model/unknown-action', 'the `test-queue` model has no action `drian`; did you mean `drain`?'],
  'unknown-event-ref.yaml': ['53:16 error ref/unknown-event', '`scenarios[0].timeline.remove[0]` is `chnage`, which is not the id of an event; did you mean `change`?'],
  'unknown-field.yaml': ['21:5 error schema/unknown-field', 'unknown field `phsae` in `timeline[1]`; did you mean `phase`?'],
  'unknown-kind.yaml': ['32:9 error model/unknown-kind', 'unknown model kind `retry-strom`, expected one of'],
  'unknown-moment-ref.yaml': ['32:10 error ref/unknown-event', '`moments.start` is `chanege`, which is not the id of a timeline event, nor a time (`YYYY-MM-DD HH:mm`); did you mean `change`?'],
  'unknown-parameter.yaml': ['53:7 error ref/unknown-parameter', '`worker` is not a parameter of `model.parameters`; did you mean `workers`?'],
  'unknown-scenario.yaml': ['55:15 error ref/unknown-scenario', '`actionItems[0].scenario` is `more-worker`, which is not a scenario of this incident; did you mean `more-workers`?'],
  'unknown-series.yaml': ['33:13 error observed/unknown-series', 'the `test-queue` model produces no series `stuck`'],
  'unknown-set-parameter.yaml': ['26:16 error ref/unknown-parameter', '`wokers` is not a parameter of `model.parameters`; did you mean `workers`?'],
  'unknown-source.yaml': ['29:13 error ref/unknown-source', '`timeline[2].source` is `pn`, which is not a declared source; did you mean `pm`?'],
  'unknown-zone.yaml': ['7:11 error time/unknown-zone', 'unknown time zone `America/Los_Angels`'],
  'until-before-at.yaml': ['25:12 error timeline/until-before-at', 'the event ends (`until: 2011-04-21 00:40`) before it starts (`at: 2011-04-21 00:50`)'],
  'wrong-type.yaml': ['9:10 error schema/wrong-type', '`sources` is `pm`, expected a list (`- item` lines)'],
  'yaml-syntax.yaml': ['16:11 error yaml/syntax', 'YAML syntax: this quote is never closed'],
};

/** `file:line:col  severity  message  rule` lines of the output. */
const diagnosticLine = /^(.+?):(\d+):(\d+)  (error|warning)  (.*)  ([a-z]+\/[a-z-]+)$/;

describe('validate: one broken fixture at a time', () => {
  it('covers every fixture in the directory', async () => {
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(path.join(root, broken))).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [file, [where, message]] of Object.entries(expected)) {
    it(`${file}: ${where}`, async () => {
      const r = await runMain(['validate', `${broken}/${file}`], root);
      const lines = r.stdout.split('\n').filter((l) => diagnosticLine.test(l));
      expect(lines, r.stdout).toHaveLength(1);
      const [, name, line, column, severity, text, rule] = diagnosticLine.exec(lines[0]!)!;
      expect(name).toBe(`${broken}/${file}`);
      expect(`${line}:${column} ${severity} ${rule}`).toBe(where);
      expect(text).toContain(message);
      expect(r.stdout).toMatch(/\n {4}hint: \S/);
      expect(r.code).toBe(severity === 'error' ? 1 : 0);
      expect(r.stdout).toMatch(new RegExp(`^1 file checked: ${severity === 'error' ? '1 error, 0 warnings \\(1 file with errors\\)' : '0 errors, 1 warning'}$`, 'm'));
      expect(r.stderr).toBe('');
      expect(r.stdout).not.toMatch(stackTraceLine);
    });
  }
});

describe('validate: the whole directory', () => {
  it('checks every file in one run and matches the golden output', async () => {
    const r = await runMain(['validate', broken], root);
    expect(r.code).toBe(1);
    const errors = Object.values(expected).filter(([w]) => w.includes(' error ')).length;
    const warnings = Object.keys(expected).length - errors;
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(
      `${Object.keys(expected).length} files checked: ${errors} errors, ${warnings} warnings (${errors} files with errors)`,
    );
    const golden = path.join(root, 'test/cli/golden/validate-broken.txt');
    if (process.env.UPDATE === '1') {
      await mkdir(path.dirname(golden), { recursive: true });
      await writeFile(golden, r.stdout);
    }
    const want = await readFile(golden, 'utf8').catch(() => undefined);
    if (want === undefined) {
      await mkdir(path.dirname(golden), { recursive: true });
      await writeFile(golden, r.stdout);
      throw new Error(`wrote the missing golden file ${golden}: review it, then run again`);
    }
    if (r.stdout !== want) await writeFile(`${golden.replace(/\.txt$/, '')}-changed.txt`, r.stdout);
    expect(r.stdout).toBe(want);
  });

  it('prints JSON with --format json', async () => {
    const r = await runMain(['validate', '--format', 'json', `${broken}/unknown-source.yaml`, `${broken}/empty.yaml`], root);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.files).toEqual([`${broken}/unknown-source.yaml`, `${broken}/empty.yaml`]);
    expect(out).toMatchObject({ errors: 2, warnings: 0, failed: 2 });
    expect(out.diagnostics).toEqual([
      expect.objectContaining({ file: `${broken}/unknown-source.yaml`, line: 29, column: 13, severity: 'error', rule: 'ref/unknown-source' }),
      expect.objectContaining({ file: `${broken}/empty.yaml`, line: 1, column: 1, rule: 'file/empty' }),
    ]);
  });

  it('passes valid files with exit code 0, printing paths as given', async () => {
    const r = await runMain(['validate', './test/fixtures/valid/'], root);
    // Warnings pass: full.yaml's start moment rests on an approximate event.
    expect(r).toEqual({
      code: 0,
      stdout:
        'test/fixtures/valid/full.yaml:25:9  warning  key moment `start` rests only on a guess: event `backlog` has an approximate time or is our reading  moments/guessed\n' +
        '    hint: remove it so reports show it as not published, or mark the event `provenance: derived` and say in `reading` what it is computed from\n' +
        '2 files checked: 0 errors, 1 warning\n',
      stderr: '',
    });
  });
});

describe('validate: hostile input', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'incident-replay-validate-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a 10 MB file without parsing it', async () => {
    const line = '# padding padding padding padding padding padding padding padding padding padding\n';
    await writeFile(path.join(dir, 'huge.yaml'), line.repeat(Math.ceil((10 * 1024 * 1024) / line.length)));
    const r = await runMain(['validate', 'huge.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^huge\.yaml:1:1 {2}error {2}file is 10\.0 MB, expected an incident file under 5 MB {2}file\/too-large$/m);
    expect(r.stderr).toBe('');
  });

  it('reports a JSON file with a schema error at its line and column', async () => {
    await copyFile(path.join(root, 'test/fixtures/valid/minimal.json'), path.join(dir, 'ok.json'));
    const text = (await readFile(path.join(dir, 'ok.json'), 'utf8')).replace('"severity": "sev4"', '"severity": 4');
    await writeFile(path.join(dir, 'bad.json'), text);
    const r = await runMain(['validate', 'bad.json', 'ok.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('bad.json:8:15  error  unexpected `4` for `severity`, expected one of `sev1`, `sev2`, `sev3`, `sev4`  schema/invalid-value');
    expect(r.stdout).toMatch(/^2 files checked: 1 error, 0 warnings \(1 file with errors\)$/m);
  });

  it('follows symbolic links in a directory, and reports a broken one', async () => {
    const { symlink } = await import('node:fs/promises');
    await mkdir(path.join(dir, 'links'));
    // A link is followed within the project (here the directory itself, with no package.json
    // above it); links out of it are refused (test/incident/bounded-input.test.ts).
    await copyFile(path.join(root, 'test/fixtures/valid/minimal.json'), path.join(dir, 'links/minimal.txt'));
    await symlink(path.join(dir, 'links/minimal.txt'), path.join(dir, 'links/a.json'));
    await symlink(path.join(dir, 'nowhere.yaml'), path.join(dir, 'links/b.yaml'));
    const r = await runMain(['validate', 'links'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'links/b.yaml:1:1  error  cannot read the file: it does not exist  file/unreadable\n' +
        "    hint: check the path and the file's permissions\n" +
        '2 files checked: 1 error, 0 warnings (1 file with errors)\n',
    );
  });

  it('reports a path that does not exist as an error, without a stack trace', async () => {
    const r = await runMain(['validate', 'nope.yaml'], dir);
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'incident-replay: no such file or directory: nope.yaml\n' });
  });

  it('reports a directory without incident files', async () => {
    await mkdir(path.join(dir, 'none'));
    const r = await runMain(['validate', 'none'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('incident-replay: no incident files (.yaml, .yml, .json) in none\n');
  });
});
