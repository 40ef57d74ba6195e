import { describe, it, expect } from 'vitest';
import { createProgress, progressWanted } from '../../src/cli/progress.js';

describe('progress line', () => {
  it('is for a terminal only: not in CI, not piped, not with --quiet', () => {
    expect(progressWanted({}, true, false)).toBe(true);
    expect(progressWanted({ CI: 'true' }, true, false)).toBe(false);
    expect(progressWanted({}, false, false)).toBe(false);
    expect(progressWanted({}, true, true)).toBe(false);
    expect(progressWanted({ TERM: 'dumb' }, true, false)).toBe(false);
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

/** A fake terminal: the progress line as `createProgress` draws it, on a clock that always allows a redraw. */
function fakeTerminal() {
  const log: string[] = [];
  let t = 0;
  const stderr = { isTTY: true, write: (s: string) => log.push(`stderr:${s}`) };
  const progress = createProgress(stderr, () => (t += 1000));
  return { log, progress, stderr };
}

async function runWithTerminal(argv: string[], cwd: string) {
  const { main } = await import('../../src/cli/main.js');
  const { log, progress, stderr } = fakeTerminal();
  const code = await main(argv, { stdout: { write: (s: string) => log.push(`stdout:${s}`) }, stderr, cwd, progress });
  const lines = log.filter((l) => l.startsWith('stderr:\r') && l !== 'stderr:\r\x1b[K').map((l) => l.slice('stderr:\r'.length, -'\x1b[K'.length));
  const cleared = log.indexOf('stderr:\r\x1b[K');
  const firstOutput = log.findIndex((l) => l.startsWith('stdout:'));
  return { code, lines, cleared, firstOutput, log };
}

/** `label done/total (p%)` lines: one label, done rising to total. */
function expectRising(lines: string[], label: string) {
  expect(lines.length).toBeGreaterThan(1);
  const parsed = lines.map((l) => {
    const m = /^(.*) (\d+)\/(\d+) \((\d+)%\)$/.exec(l);
    expect(m, l).not.toBeNull();
    return { label: m![1], done: Number(m![2]), total: Number(m![3]) };
  });
  for (const p of parsed) expect(p.label).toBe(label);
  for (let i = 1; i < parsed.length; i++) expect(parsed[i]!.done).toBeGreaterThan(parsed[i - 1]!.done);
  expect(parsed.at(-1)!.done).toBe(parsed.at(-1)!.total);
}

describe('the progress line of the long runs, on a fake terminal', () => {
  const root = new URL('../..', import.meta.url).pathname;

  it('simulate --seeds: steps of the Monte Carlo run, cleared before the table', async () => {
    const r = await runWithTerminal(['simulate', 'aws-kinesis-2020-11-25', '--seeds', '8', '--scenario', 'actual', '--workers', '1'], root);
    expect(r.code).toBe(0);
    expectRising(r.lines, 'Monte Carlo, 8 seeds: steps');
    expect(r.cleared).toBeGreaterThan(0);
    expect(r.cleared).toBeLessThan(r.firstOutput);
  }, 60_000);

  it('simulate without seeds draws nothing', async () => {
    const r = await runWithTerminal(['simulate', 'aws-kinesis-2020-11-25', '--scenario', 'actual'], root);
    expect(r.code).toBe(0);
    expect(r.log.filter((l) => l.startsWith('stderr:'))).toEqual([]);
  });

  it('sensitivity: the sampled worlds', async () => {
    const r = await runWithTerminal(['sensitivity', 'aws-kinesis-2020-11-25', '--samples', '6'], root);
    expect(r.code).toBe(0);
    expectRising(r.lines, 'sensitivity: sampled worlds');
    expect(r.lines.at(-1)).toBe('sensitivity: sampled worlds 6/6 (100%)');
    expect(r.cleared).toBeLessThan(r.firstOutput);
  }, 60_000);

  it('boundary: the grid cells of every map', async () => {
    const r = await runWithTerminal(['boundary', 'aws-kinesis-2020-11-25', '--grid', '4', '--workers', '1'], root);
    expect(r.code).toBe(0);
    expectRising(r.lines, 'boundary maps: grid cells');
    expect(r.lines.at(-1)).toMatch(/^boundary maps: grid cells (\d+)\/\1 \(100%\)$/);
    expect(r.cleared).toBeLessThan(r.firstOutput);
  }, 60_000);

  it('build --seeds and the sensitivity run of a build: each incident’s runs on the line', async () => {
    const path = await import('node:path');
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const out = await mkdtemp(path.join(tmpdir(), 'incident-replay-progress-seeds-'));
    try {
      const r = await runWithTerminal(
        ['build', 'incidents/aws-kinesis-2020-11-25.yaml', '--out', out, '--seeds', '4', '--sensitivity-samples', '4', '--template', 'brief'],
        root,
      );
      expect(r.code).toBe(0);
      const labels = [...new Set(r.lines.map((l) => l.replace(/ \d+\/\d+ \(\d+%\)$/, '')))];
      expect(labels).toEqual(
        expect.arrayContaining(['replaying aws-kinesis-2020-11-25', 'aws-kinesis-2020-11-25: Monte Carlo, 4 seeds: steps', 'aws-kinesis-2020-11-25: sensitivity: sampled worlds']),
      );
      expectRising(r.lines.filter((l) => l.startsWith('aws-kinesis-2020-11-25: Monte Carlo')), 'aws-kinesis-2020-11-25: Monte Carlo, 4 seeds: steps');
      expect(r.cleared).toBeLessThan(r.firstOutput);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 120_000);
});
