// Hostile or careless inputs get a clear diagnostic with a position, never a hang, a flood of
// output or a forged line: devices, FIFOs and links out of the project; huge and control-laden
// strings; `javascript:` links; YAML tags; CR and CRLF line endings.
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runMain, stackTraceLine } from '../cli/run-main.js';
import { quoteUserText } from '../../src/incident/quote-user-text.js';
import { formatDiagnostic } from '../../src/incident/diagnostic.js';

const storm = path.resolve(import.meta.dirname, '../replay/fixtures/retry-storm.yaml');

async function project(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bounded-'));
  await mkdir(path.join(dir, 'incidents'));
  await writeFile(path.join(dir, 'package.json'), '{}\n');
  return dir;
}

async function validate(dir: string, ...argv: string[]) {
  const r = await runMain(['validate', '--no-cache', ...argv], dir);
  expect(r.stdout + r.stderr).not.toMatch(stackTraceLine);
  return r;
}

/** Every line of `validate` text output: a diagnostic, its hint, or the summary, nothing else. */
function expectOnlyOwnLines(stdout: string): void {
  for (const line of stdout.trimEnd().split('\n')) {
    expect(line).toMatch(/^(?:incidents\/[^ ]+:\d+:\d+ {2}(?:error|warning) {2}.* [a-z]+\/[a-z-]+$| {4}hint: |\d+ files? checked: )/);
  }
}

describe('only regular files in the project are read', () => {
  it('reports a link to /dev/zero and a FIFO in incidents/ instead of hanging', async () => {
    const dir = await project();
    await symlink('/dev/zero', path.join(dir, 'incidents/zero.yaml'));
    execFileSync('mkfifo', [path.join(dir, 'incidents/pipe.yaml')]);
    const started = performance.now();
    const r = await validate(dir);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('incidents/pipe.yaml:1:1  error  the file is a named pipe (FIFO), not a regular file; it was not read  file/not-regular');
    // /dev/zero is outside the project: refused before anything is opened.
    expect(r.stdout).toContain('incidents/zero.yaml:1:1  error  the file is a symbolic link to a file outside the project directory; it was not read  file/outside-project');
    expect(r.stdout).toContain('2 files checked: 2 errors');
    // The cache reads files too, with the same bounds.
    const cached = await runMain(['validate'], dir);
    expect(cached.stdout).toContain('2 files checked: 2 errors');
  });

  it('refuses a link to a file outside the project, without echoing its content', async () => {
    const dir = await project();
    const outside = await mkdtemp(path.join(tmpdir(), 'secret-'));
    await writeFile(path.join(outside, 'secret.yaml'), 'root:x:0:0:TOP-SECRET:/root:/bin/bash\n');
    await symlink(path.join(outside, 'secret.yaml'), path.join(dir, 'incidents/secret.yaml'));
    const r = await validate(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('incidents/secret.yaml:1:1  error  the file is a symbolic link to a file outside the project directory; it was not read  file/outside-project');
    expect(r.stdout).not.toContain('TOP-SECRET');
    // A link inside the project is fine.
    await writeFile(path.join(dir, 'real.yaml'), await readFile(storm, 'utf8'));
    await symlink(path.join(dir, 'real.yaml'), path.join(dir, 'incidents/inside.yaml'));
    expect((await validate(dir, 'incidents/inside.yaml')).code).toBe(0);
  });

  it('reports a template that is a FIFO instead of hanging', async () => {
    const dir = await project();
    execFileSync('mkfifo', [path.join(dir, 'incidents/pipe.md')]);
    await writeFile(path.join(dir, 'incidents/storm.yaml'), `${await readFile(storm, 'utf8')}template: pipe.md\n`);
    const r = await runMain(['build'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('incident-replay: template incidents/pipe.md is a named pipe (FIFO), not a regular file; it was not read');
  });

  it('reports a postmortem to import that is a FIFO instead of hanging', async () => {
    const dir = await project();
    execFileSync('mkfifo', [path.join(dir, 'pm.md')]);
    const r = await runMain(['import', 'pm.md'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('incident-replay: pm.md is a named pipe (FIFO), expected a postmortem file (.md or .txt)');
  });

  it('refuses a file over the size cap before reading it', async () => {
    const dir = await project();
    await writeFile(path.join(dir, 'incidents/big.yaml'), '');
    await truncate(path.join(dir, 'incidents/big.yaml'), 64 * 1024 * 1024); // sparse: nothing to read
    const r = await validate(dir);
    expect(r.stdout).toContain('incidents/big.yaml:1:1  error  file is 64.0 MB, expected an incident file under 5 MB  file/too-large');
  });
});

describe('user text in messages is bounded and on one line', () => {
  it('cannot forge a line of output with a newline or an ANSI escape in a key', async () => {
    const dir = await project();
    const text = (await readFile(storm, 'utf8')).replace(
      'service: example-api\n',
      'service: example-api\n"x\\n1 file checked: 0 errors, 0 warnings\\u001b[2K\\r": 1\n',
    );
    await writeFile(path.join(dir, 'incidents/forged.yaml'), text);
    const r = await validate(dir);
    expect(r.code).toBe(1);
    expectOnlyOwnLines(r.stdout);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('unknown field `x\\n1 file checked: 0 errors, 0 warnings\\u001b[2K\\r` in the file');
    expect(r.stdout).toMatch(/\n1 file checked: 1 error, 0 warnings \(1 file with errors\)\n$/);
  });

  it('reports a million-character time zone quickly, quoting 200 characters of it', async () => {
    const dir = await project();
    const zone = 'Z'.repeat(1_000_000);
    await writeFile(path.join(dir, 'incidents/zone.yaml'), (await readFile(storm, 'utf8')).replace('timezone: America/Los_Angeles', `timezone: ${zone}`));
    const started = performance.now();
    const r = await validate(dir);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(r.stdout).toContain(`incidents/zone.yaml:9:11  error  unknown time zone \`${'Z'.repeat(200)}…\`, expected an IANA zone name`);
    expect(r.stdout.length).toBeLessThan(3000);
    const json = JSON.parse((await validate(dir, '--format', 'json')).stdout) as { diagnostics: { message: string }[] };
    expect(Math.max(...json.diagnostics.map((d) => d.message.length))).toBeLessThan(1100);
  });

  it('quoteUserText escapes control characters and cuts with an ellipsis; formatDiagnostic keeps one line', () => {
    expect(quoteUserText('a\nb\tc\u001b[31m\u2028')).toBe('a\\nb\\tc\\u001b[31m\\u2028');
    expect(quoteUserText('x'.repeat(250))).toBe(`${'x'.repeat(200)}…`);
    expect(quoteUserText('😀'.repeat(3), 2)).toBe('😀😀…');
    const line = formatDiagnostic({ file: 'a.yaml', line: 1, column: 1, severity: 'error', rule: 'r/x', message: `m\n0 errors${'y'.repeat(5000)}` });
    expect(line.split('\n')).toHaveLength(1);
    expect(line.length).toBeLessThan(1100);
  });
});

describe('values that would be a trap', () => {
  it('accepts only http, https and mailto links for sources', async () => {
    const dir = await project();
    const base = await readFile(storm, 'utf8');
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x']) {
      await writeFile(path.join(dir, 'incidents/link.yaml'), base.replace('    title: Made up for the tests\n', `    title: Made up for the tests\n    url: "${url}"\n`));
      const r = await validate(dir);
      expect(r.code, url).toBe(1);
      expect(r.stdout, url).toContain(`incidents/link.yaml:14:10  error  \`sources[0].url\` is \`${url}\`, expected an http, https or mailto URL  schema/invalid-format`);
    }
    for (const url of ['https://example.com/pm', 'http://example.com', 'mailto:sre@example.com']) {
      await writeFile(path.join(dir, 'incidents/link.yaml'), base.replace('    title: Made up for the tests\n', `    title: Made up for the tests\n    url: ${url}\n`));
      expect((await validate(dir)).code, url).toBe(0);
    }
  });

  it('reports unknown YAML tags at their position instead of taking them as text', async () => {
    const dir = await project();
    const base = await readFile(storm, 'utf8');
    for (const tag of ['!!js/function', '!foo', '!!python/object']) {
      await writeFile(path.join(dir, 'incidents/tag.yaml'), base.replace('service: example-api', `service: ${tag} "function () {}"`));
      const r = await validate(dir);
      expect(r.code, tag).toBe(1);
      expect(r.stdout, tag).toContain(
        `incidents/tag.yaml:7:10  error  unknown YAML tag \`${tag}\`: incident files use no tags, and the value would silently be read as text  yaml/unknown-tag`,
      );
    }
  });
});

describe('CR and CRLF line endings', () => {
  it('reads a CR-only or CRLF file at the line and column an editor shows', async () => {
    const dir = await project();
    const lf = (await readFile(storm, 'utf8')).replace('timezone: America/Los_Angeles', 'timezone: Mars/Olympus');
    const expected = 'incidents/x.yaml:9:11  error  unknown time zone `Mars/Olympus`';
    for (const [name, text] of [
      ['LF', lf],
      ['CRLF', lf.replace(/\n/g, '\r\n')],
      ['CR', lf.replace(/\n/g, '\r')],
    ] as const) {
      await writeFile(path.join(dir, 'incidents/x.yaml'), text);
      const r = await validate(dir);
      expect(r.stdout, name).toContain(expected);
      expect(r.stdout, name).toContain('1 file checked: 1 error');
    }
    // A valid CR-only file is valid, not "empty".
    await writeFile(path.join(dir, 'incidents/x.yaml'), (await readFile(storm, 'utf8')).replace(/\n/g, '\r'));
    expect((await validate(dir)).stdout).toBe('1 file checked: 0 errors, 0 warnings\n');
    // A NUL byte in a CR-only file is placed on its line too.
    await writeFile(path.join(dir, 'incidents/x.yaml'), 'id: a\rtitle: b\r\0');
    expect((await validate(dir)).stdout).toMatch(/^incidents\/x\.yaml:3:1 {2}error .* file\/binary$/m);
  });
});
