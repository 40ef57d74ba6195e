import { describe, it, expect } from 'vitest';
import { createProgress, progressWanted } from '../../src/cli/progress.js';

describe('progress line', () => {
  it('is for a terminal only: not in CI, not piped, not with --quiet', () => {
    expect(progressWanted({}, true, false)).toBe(true);
    expect(progressWanted({ CI: 'true' }, true, false)).toBe(false);
    expect(progressWanted({}, false, false)).toBe(false);
    expect(progressWanted({}, true, true)).toBe(false);
  });

  it('rewrites one line, at most every 100 ms but always at the end, and clears it', () => {
    let out = '';
    let t = 0;
    const p = createProgress({ write: (s: string) => (out += s) }, () => t);
    p.update('seeds', 1, 10);
    t = 50;
    p.update('seeds', 2, 10); // too soon: skipped
    t = 150;
    p.update('seeds', 3, 10);
    t = 160;
    p.update('seeds', 10, 10); // the last one always shows
    p.end();
    expect(out).toBe('\rseeds 1/10 (10%)\x1b[K\rseeds 3/10 (30%)\x1b[K\rseeds 10/10 (100%)\x1b[K\r\x1b[K');
  });
});

describe('build with a progress line', () => {
  it('reports replays and charts on the progress line, and clears it before printing', async () => {
    const path = await import('node:path');
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { main } = await import('../../src/cli/main.js');
    const root = path.resolve(import.meta.dirname, '../..');
    const out = await mkdtemp(path.join(tmpdir(), 'incident-replay-progress-'));
    try {
      const calls: string[] = [];
      let stdout = '';
      const code = await main(['build', 'incidents/aws-kinesis-2020-11-25.yaml', '--out', out], {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: { write: () => {} },
        cwd: root,
        progress: { update: (label, done, total) => calls.push(`${label} ${done}/${total}`), end: () => calls.push('end') },
      });
      expect(code).toBe(0);
      expect(calls[0]).toBe('replaying aws-kinesis-2020-11-25 0/1');
      expect(calls.some((c) => c.startsWith('drawing charts 0/'))).toBe(true);
      expect(calls.at(-1)).toBe('end');
      expect(stdout).toContain('wrote');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 60_000);
});
