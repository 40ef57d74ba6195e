// `--template <name>` from the built binary, run from a directory that has no templates/: the
// name resolves in the package, as it does for an installed package run from a user's project.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'dist/cli/bin.js');
const incident = path.join(root, 'incidents/aws-ebs-2012-10-22.yaml');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'incident-replay-template-name-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe.skipIf(!existsSync(bin))('--template <name> (built binary)', () => {
  it('report --template brief from another directory writes the brief', async () => {
    const r = cli('report', incident, '--template', 'brief', '--out', 'out');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const md = await readFile(path.join(dir, 'out/aws-ebs-2012-10-22/README.md'), 'utf8');
    expect(md).toContain('## Top action items');
    expect(md).not.toContain('## Timeline');
  });

  it('an unknown name is a usage error that lists the names', () => {
    const r = cli('report', incident, '--template', 'breif', '--out', 'out2');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown template `breif`; the built-in templates are `brief`, `default`');
    expect(existsSync(path.join(dir, 'out2'))).toBe(false);
  });
});
