// The built binary, spawned: exit codes reach the process, and nothing a user does prints a
// stack trace. (Needs `npx tsc -p .`; `npm test` builds first.)
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { stackTraceLine } from './run-main.js';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'dist/cli/bin.js');

function run(...args: string[]) {
  if (!existsSync(bin)) throw new Error('dist/cli/bin.js is missing: run `npx tsc -p .` first');
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('dist/cli/bin.js', () => {
  it('draws no progress line when stderr is a pipe', () => {
    const r = run('simulate', 'aws-kinesis-2020-11-25', '--seeds', '8', '--scenario', 'actual');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Monte Carlo');
  });

  it('exits 1 with file:line:col for a broken file', () => {
    const r = run('validate', 'test/fixtures/broken/unknown-source.yaml', 'test/fixtures/broken/latin1.yaml');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'test/fixtures/broken/unknown-source.yaml:29:13  error  `timeline[2].source` is `pn`, which is not a declared source; did you mean `pm`?  ref/unknown-source',
    );
    expect(r.stdout).toContain(
      'test/fixtures/broken/latin1.yaml:3:11  error  file is not valid UTF-8: byte 0xe9 here starts no UTF-8 character (the file may be Latin-1 or Windows-1252)  file/encoding',
    );
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('2 files checked: 2 errors, 0 warnings (2 files with errors)');
    expect(r.stderr).toBe('');
  });

  it('exits 0 on valid files', () => {
    const r = run('validate', 'test/fixtures/valid/minimal.json');
    expect(r).toEqual({ code: 0, stdout: '1 file checked: 0 errors, 0 warnings\n', stderr: '' });
  });

  it('exits 2 on a usage error, with help and no stack trace', () => {
    const r = run('validate', '--no-such-option');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^incident-replay validate \[paths\.\.\]/);
    expect(r.stderr).not.toMatch(stackTraceLine);
  });

  it('stops quietly when the reader closes the pipe early (`validate | head -1`)', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [bin, 'validate', 'test/fixtures/broken', 'test/fixtures/broken', 'test/fixtures/broken'], {
      cwd: root,
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code === 0 || code === 1).toBe(true);
  });

  it('prints the version of package.json', () => {
    const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    expect(run('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints the committed JSON Schema', () => {
    const r = run('schema');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(path.join(root, 'schema/incident.schema.json'), 'utf8'));
  });
  it('replays to the same bytes where code generation from strings is disabled (the plain loops stand in)', () => {
    for (const incident of ['bench/peers/retry-storm-84h.yaml', 'aws-kinesis-2020-11-25']) {
      const args = [bin, 'simulate', incident, '--json'];
      const generated = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
      const plain = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
      expect(generated.status).toBe(0);
      expect(plain.status, plain.stderr).toBe(0);
      expect(plain.stdout.length).toBeGreaterThan(100_000);
      expect(plain.stdout === generated.stdout, `${incident}: the outputs differ`).toBe(true);
    }
  });
});
