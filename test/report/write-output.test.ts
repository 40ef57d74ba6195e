import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { recoverOutput, writeOutput } from '../../src/report/write-output.js';
import { UserError } from '../../src/cli/io.js';

let dir: string;
let out: string;
const files = new Map([
  ['README.md', '# index\n'],
  ['a/README.md', '# a\n'],
]);

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'incident-replay-write-'));
  out = path.join(dir, 'out');
  await writeOutput(out, files, { kind: 'all' });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const errno = (code: string) => Object.assign(new Error(`${code}: injected, write '/x'`), { code, path: '/x' });

describe('writeOutput', () => {
  it.each([
    ['ENOSPC', 'no space left on the device'],
    ['EACCES', 'permission denied'],
    ['EPERM', 'operation not permitted'],
    ['EROFS', 'read-only file system'],
  ])('%s while writing is a user error (exit 1) and out/ keeps the last build', async (code, reason) => {
    const error = await writeOutput(out, new Map([['README.md', '# new\n']]), { kind: 'all' }, {
      afterFile: () => {
        throw errno(code);
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(1);
    expect((error as UserError).message).toBe(`cannot write out/: ${reason} (${code}); out/ still holds the last complete build`);
    expect(await readFile(path.join(out, 'README.md'), 'utf8')).toBe('# index\n');
    expect((await readdir(dir)).sort()).toEqual(['out']);
  });

  it('a permission error while moving staged files into out/ says out/ is partly updated, and the next write finishes it', async () => {
    const error = await writeOutput(out, new Map([['README.md', '# new\n'], ['a/README.md', '# a, new\n']]), { kind: 'all' }, {
      atPhase: (phase) => {
        if (phase === 'replacing') throw errno('EACCES');
      },
    }).catch((e: unknown) => e);
    expect((error as UserError).message).toBe('cannot write out/: permission denied (EACCES); out/ is partly updated; the next build or report finishes it from the staging directory beside it');
    expect(await readFile(path.join(out, 'README.md'), 'utf8')).toBe('# new\n');
    expect(await readFile(path.join(out, 'a/README.md'), 'utf8')).toBe('# a\n');
    await recoverOutput(out);
    expect(await readFile(path.join(out, 'a/README.md'), 'utf8')).toBe('# a, new\n');
    expect((await readdir(dir)).sort()).toEqual(['out']);
  });

  it('other errors pass through unchanged (a bug stays a bug)', async () => {
    const error = await writeOutput(out, files, { kind: 'all' }, {
      afterFile: () => {
        throw new Error('boom');
      },
    }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(UserError);
    expect((error as Error).message).toBe('boom');
  });

  it('refuses while another write in this process holds the lock, and releases it after', async () => {
    let second: unknown;
    await writeOutput(out, files, { kind: 'all' }, {
      atPhase: async (phase) => {
        if (phase === 'staged') second = await writeOutput(out, files, { kind: 'all' }).catch((e: unknown) => e);
      },
    });
    expect(second).toBeInstanceOf(UserError);
    expect((second as Error).message).toMatch(/^another build \(process \d+\) is writing out\/; nothing was written/);
    expect(existsSync(path.join(dir, '.out.lock'))).toBe(false);
    await writeOutput(out, files, { kind: 'all' });
  });
});

describe('recoverOutput', () => {
  it('puts back an out/ moved aside by a killed build and removes staging leftovers', async () => {
    await writeFile(path.join(out, 'marker'), 'last complete build');
    const { rename } = await import('node:fs/promises');
    await rename(out, path.join(dir, '.out.old-999999'));
    await mkdir(path.join(dir, '.out.staging-999999/a'), { recursive: true });
    await recoverOutput(out);
    expect((await readdir(dir)).sort()).toEqual(['out']);
    expect(await readFile(path.join(out, 'marker'), 'utf8')).toBe('last complete build');
  });

  it('finishes the swap of a complete staging directory (one with a journal) and drops an incomplete one', async () => {
    const staged = path.join(dir, '.out.staging-999999');
    await mkdir(path.join(staged, 'a'), { recursive: true });
    await writeFile(path.join(staged, 'a/README.md'), '# a, new\n');
    await writeFile(path.join(staged, '.journal.json'), JSON.stringify({ scope: { kind: 'all' }, files: ['README.md', 'a/README.md', 'b/new.md'] }));
    // README.md and b/new.md were already moved when the build was killed; a/old.md is stale.
    await writeFile(path.join(out, 'README.md'), '# index, new\n');
    await mkdir(path.join(out, 'b'));
    await writeFile(path.join(out, 'b/new.md'), 'b\n');
    await writeFile(path.join(out, 'a/old.md'), 'stale\n');
    await mkdir(path.join(dir, '.out.staging-999998/x'), { recursive: true });
    await recoverOutput(out);
    expect((await readdir(dir)).sort()).toEqual(['out']);
    expect(await readFile(path.join(out, 'README.md'), 'utf8')).toBe('# index, new\n');
    expect(await readFile(path.join(out, 'a/README.md'), 'utf8')).toBe('# a, new\n');
    expect((await readdir(path.join(out, 'a'))).sort()).toEqual(['README.md']);
    expect(await readFile(path.join(out, 'b/new.md'), 'utf8')).toBe('b\n');
  });

  it('never leaves out/ missing: a file in the way of a new directory, and the reverse, are replaced', async () => {
    await writeOutput(out, new Map([['README.md/x.md', 'x\n'], ['a', 'now a file\n']]), { kind: 'all' });
    expect(await readFile(path.join(out, 'README.md/x.md'), 'utf8')).toBe('x\n');
    expect(await readFile(path.join(out, 'a'), 'utf8')).toBe('now a file\n');
    expect((await readdir(dir)).sort()).toEqual(['out']);
  });

  it('removes an entry moved aside for deletion rather than putting it back', async () => {
    const { rename } = await import('node:fs/promises');
    await rename(path.join(out, 'a'), path.join(out, '.a.deleted-999999'));
    await recoverOutput(out);
    expect((await readdir(out)).sort()).toEqual(['README.md']);
  });

  it('puts back an entry of out/ moved aside by a killed `report` of an older version, and drops one already replaced', async () => {
    const { rename } = await import('node:fs/promises');
    await rename(path.join(out, 'a'), path.join(out, '.a.old-999999'));
    await mkdir(path.join(out, 'b'));
    await mkdir(path.join(out, '.b.old-999998'));
    await recoverOutput(out);
    expect((await readdir(out)).sort()).toEqual(['README.md', 'a', 'b']);
    expect(await readFile(path.join(out, 'a/README.md'), 'utf8')).toBe('# a\n');
  });
});
