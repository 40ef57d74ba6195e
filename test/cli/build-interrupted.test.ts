// A build killed at any phase of writing never costs the last complete `out/`, and the next
// build cleans up after it. The kill is real (SIGKILL, from the process itself at the phase
// named by INCIDENT_REPLAY_TEST_KILL_AT), so the window in the middle of the swap is hit every
// time, not by timing luck. One small incident keeps each build to a few seconds.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, snapshot } from './report-helpers.js';
import { killAtVariable, type WritePhase } from '../../src/report/write-output.js';

const bin = path.join(repoRoot, 'dist/cli/bin.js');
const incident = 'aws-kinesis-2020-11-25.yaml';
const id = 'aws-kinesis-2020-11-25';

function cli(cwd: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; pid: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code, signal) => resolve({ code, signal, pid: child.pid!, stdout, stderr }));
  });
}

async function retitle(dir: string, title: string) {
  const file = path.join(dir, 'incidents', incident);
  await writeFile(file, (await readFile(file, 'utf8')).replace(/^title: .*$/m, `title: ${title}`));
}

const readme = (files: Map<string, string>) => Buffer.from(files.get(`${id}/README.md`) ?? '', 'base64').toString('utf8');

describe('a build killed while writing', () => {
  let base: string;
  let before: Map<string, string>;

  beforeAll(async () => {
    expect(existsSync(bin), 'run `npm run build` (npm test does) so dist/ exists').toBe(true);
    base = await mkdtemp(path.join(tmpdir(), 'incident-replay-kill-'));
    await mkdir(path.join(base, 'incidents'));
    await cp(path.join(repoRoot, 'incidents', incident), path.join(base, 'incidents', incident));
    // The write phases are under test, not the boundary maps: without their replays each build
    // stays a few seconds, five of them at once included.
    const copy = path.join(base, 'incidents', incident);
    const text = await readFile(copy, 'utf8');
    expect(text).toContain('\nboundaryMaps:\n');
    await writeFile(copy, text.replace(/\nboundaryMaps:\n(?:[ \t].*\n|\n)*/, '\n'));
    expect((await cli(base, ['build'])).code).toBe(0);
    before = await snapshot(path.join(base, 'out'));
  }, 60_000);

  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  const phases: { phase: WritePhase; mode: 'build' | 'report'; out: 'old' | 'new' | 'mixed' }[] = [
    { phase: 'staging', mode: 'build', out: 'old' },
    { phase: 'staged', mode: 'build', out: 'old' },
    { phase: 'replacing', mode: 'build', out: 'mixed' },
    { phase: 'swapped', mode: 'build', out: 'new' },
    { phase: 'replacing', mode: 'report', out: 'mixed' },
  ];

  it.concurrent.each(phases)('$mode killed at $phase: out/ is restored or complete, and the next build leaves nothing behind', async ({ phase, mode, out }) => {
    const dir = await mkdtemp(path.join(tmpdir(), `incident-replay-kill-${phase}-`));
    try {
      await cp(base, dir, { recursive: true });
      await retitle(dir, `Killed at ${phase}`);
      const args = mode === 'build' ? ['build'] : ['report', `incidents/${incident}`];
      const killed = await cli(dir, args, { [killAtVariable]: phase });
      expect(killed.signal).toBe('SIGKILL');
      const now = await snapshot(path.join(dir, 'out'));
      if (out === 'old') expect(now).toEqual(before);
      if (out === 'new') expect(readme(now)).toContain(`Killed at ${phase}`);
      if (out === 'mixed') {
        // The middle of the swap: out/ and every file of it exist, some already new; the complete
        // staging directory and its journal wait beside out/ for the next write to finish the swap.
        expect([...now.keys()].sort()).toEqual([...before.keys()].sort());
        expect([...now].some(([f, d]) => before.get(f) !== d)).toBe(true);
        expect(existsSync(path.join(dir, `.out.staging-${killed.pid}`, '.journal.json'))).toBe(true);
      }
      // A killed build leaves its lock; the next build sees its process is gone and takes it over.
      expect(existsSync(path.join(dir, '.out.lock'))).toBe(true);

      const next = await cli(dir, ['build']);
      expect(next.stderr).toBe('');
      expect(next.code).toBe(0);
      expect((await readdir(dir)).sort()).toEqual(['incidents', 'out']);
      expect((await readdir(path.join(dir, 'out'))).filter((n) => n.startsWith('.'))).toEqual([]);
      expect(readme(await snapshot(path.join(dir, 'out')))).toContain(`Killed at ${phase}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a second build while one is writing gets a clear message, exit 1, and out/ is untouched', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'incident-replay-lock-'));
    try {
      await cp(base, dir, { recursive: true });
      await retitle(dir, 'Never written');
      // The lock of a build that is running: this test's own process is alive.
      await writeFile(path.join(dir, '.out.lock'), `${process.pid}\n`);
      const second = await cli(dir, ['build']);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`another build (process ${process.pid}) is writing out/; nothing was written`);
      expect(second.stderr).not.toMatch(/internal error|ENOTEMPTY|\n\s+at /);
      expect(await snapshot(path.join(dir, 'out'))).toEqual(before);

      // Two real builds side by side: each either writes or gets the message, never ENOTEMPTY.
      await rm(path.join(dir, '.out.lock'));
      const both = await Promise.all([cli(dir, ['build']), cli(dir, ['build'])]);
      for (const r of both) {
        if (r.code !== 0) expect(r.stderr).toContain('is writing out/; nothing was written');
        expect(r.stderr).not.toMatch(/internal error|ENOTEMPTY/);
      }
      expect(both.some((r) => r.code === 0)).toBe(true);
      expect((await readdir(dir)).sort()).toEqual(['incidents', 'out']);
      expect(readme(await snapshot(path.join(dir, 'out')))).toContain('Never written');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
