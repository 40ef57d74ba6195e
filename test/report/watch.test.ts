import { describe, it, expect } from 'vitest';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { runWatch } from '../../src/report/watch.js';
import { captureIo, scratchProject, incidentFiles } from '../cli/report-helpers.js';

/** A project with the seed incidents `ids`, in a directory of its own. */
async function projectWith(ids: readonly string[], prefix: string): Promise<string> {
  const { mkdtemp, mkdir, copyFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { repoRoot } = await import('../cli/report-helpers.js');
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  await mkdir(path.join(dir, 'incidents'));
  for (const id of ids) await copyFile(path.join(repoRoot, 'incidents', `${id}.yaml`), path.join(dir, 'incidents', `${id}.yaml`));
  return dir;
}

/**
 * The watcher's events as they come, and a wait for the next one of a kind: each wait looks
 * only past the event the previous wait found, so events are awaited in order.
 */
function eventLog() {
  const events: string[] = [];
  let cursor = 0;
  const waitFor = async (event: string) => {
    const start = Date.now();
    while (!events.slice(cursor).includes(event)) {
      if (Date.now() - start > 60_000) throw new Error(`no ${event} in ${events.slice(cursor).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    cursor += events.slice(cursor).indexOf(event) + 1;
  };
  const deps = {
    onRebuild: (file: string, code: number) => events.push(`rebuild ${file} ${code}`),
    onDelete: (file: string) => events.push(`delete ${file}`),
    onIndex: (code: number) => events.push(`index ${code}`),
  };
  return { waitFor, deps };
}

describe('watch', () => {
  it('rebuilds on save, prints diagnostics for a broken file and keeps watching until aborted', async () => {
    const dir = await scratchProject();
    const name = (await incidentFiles(dir))[0]!;
    const file = path.join(dir, 'incidents', name);
    const original = await readFile(file, 'utf8');
    const id = (parse(original) as { id: string }).id;
    const io = captureIo(dir);
    const stop = new AbortController();
    const rebuilds: { file: string; code: number }[] = [];
    let notify: () => void = () => {};
    const next = () => new Promise<void>((resolve) => (notify = resolve));
    let ready!: () => void;
    const isReady = new Promise<void>((resolve) => (ready = resolve));

    // Only this file: each rebuild is one incident.
    let rebuilt = next();
    const watching = runWatch({ paths: [`incidents/${name}`], debounceMs: 50, signal: stop.signal }, io, {
      onRebuild: (f, code) => {
        rebuilds.push({ file: f, code });
        notify();
      },
      onReady: () => ready(),
    });
    await rebuilt; // the first build at start
    await isReady;
    expect(rebuilds).toEqual([{ file: `incidents/${name}`, code: 0 }]);

    rebuilt = next();
    await writeFile(file, original.replace(/^title: .*$/m, 'title: Saved while watching'));
    await rebuilt;
    expect(rebuilds.at(-1)!.code).toBe(0);
    expect(await readFile(path.join(dir, 'out', id, 'README.md'), 'utf8')).toMatch(/^# Saved while watching\n/);

    rebuilt = next();
    await writeFile(file, original.replace(/^severity: .*$/m, 'severity: sev9'));
    await rebuilt;
    expect(rebuilds.at(-1)!.code).toBe(1);
    expect(io.err.join('')).toMatch(new RegExp(`incidents/${name}:\\d+:\\d+  error  unexpected \`sev9\` for \`severity\``));
    expect(io.out.join('')).toContain(`incidents/${name}: not rebuilt (see above); watching for the next save`);
    // The report of the last good save is still there.
    expect(await readFile(path.join(dir, 'out', id, 'README.md'), 'utf8')).toMatch(/^# Saved while watching\n/);

    rebuilt = next();
    await writeFile(file, original);
    await rebuilt;
    expect(rebuilds.at(-1)!.code).toBe(0);
    expect(await readFile(path.join(dir, 'out', id, 'README.md'), 'utf8')).not.toContain('Saved while watching');

    stop.abort();
    await expect(watching).resolves.toBe(0);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('watch with a template', () => {
  it('rebuilds every report when the template is saved', async () => {
    const dir = await scratchProject();
    const name = (await incidentFiles(dir))[0]!;
    const id = (parse(await readFile(path.join(dir, 'incidents', name), 'utf8')) as { id: string }).id;
    await writeFile(path.join(dir, 'mine.md'), 'First: :value{name=id}\n');
    const io = captureIo(dir);
    const stop = new AbortController();
    let notify: () => void = () => {};
    const next = () => new Promise<void>((resolve) => (notify = resolve));
    let ready!: () => void;
    const isReady = new Promise<void>((resolve) => (ready = resolve));
    let rebuilt = next();
    const watching = runWatch({ paths: [`incidents/${name}`], template: 'mine.md', debounceMs: 50, signal: stop.signal }, io, {
      onRebuild: () => notify(),
      onReady: () => ready(),
    });
    await rebuilt;
    await isReady;
    expect(await readFile(path.join(dir, 'out', id, 'README.md'), 'utf8')).toBe(`First: ${id}\n`);
    rebuilt = next();
    await writeFile(path.join(dir, 'mine.md'), 'Second: :value{name=id}\n');
    await rebuilt;
    expect(await readFile(path.join(dir, 'out', id, 'README.md'), 'utf8')).toBe(`Second: ${id}\n`);
    stop.abort();
    await expect(watching).resolves.toBe(0);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('incident-replay watch (the built binary)', () => {
  it('exits 0 on Ctrl-C (SIGINT)', async () => {
    const { spawn } = await import('node:child_process');
    const { repoRoot } = await import('../cli/report-helpers.js');
    const dir = await scratchProject();
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist/cli/bin.js'), 'watch', `incidents/${(await incidentFiles(dir))[0]!}`], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('watching incidents/')) resolve();
      }),
    );
    const code = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    child.kill('SIGINT');
    expect(await code).toBe(0);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('watch: deletes and duplicate ids', () => {
  it('removes the report of a deleted file and updates the index; refuses a file that takes another file\'s id, until that file goes', async () => {
    const { unlink } = await import('node:fs/promises');
    const { existsSync } = await import('node:fs');
    const kept = 'aws-kinesis-2020-11-25';
    const deleted = 'aws-ebs-2012-10-22';
    const dir = await projectWith([kept, deleted], 'incident-replay-watch-');
    const io = captureIo(dir);
    const stop = new AbortController();
    const { waitFor, deps } = eventLog();
    let ready!: () => void;
    const isReady = new Promise<void>((resolve) => (ready = resolve));
    const watching = runWatch({ paths: ['incidents'], debounceMs: 50, signal: stop.signal }, io, { ...deps, onReady: () => ready() });
    try {
      await isReady;
      await waitFor(`rebuild incidents/${kept}.yaml 0`);
      await waitFor('index 0');
      expect(await readFile(path.join(dir, 'out/README.md'), 'utf8')).toContain(`](${deleted}/README.md)`);

      await unlink(path.join(dir, 'incidents', `${deleted}.yaml`));
      await waitFor(`delete incidents/${deleted}.yaml`);
      await waitFor('index 0');
      expect(existsSync(path.join(dir, 'out', deleted))).toBe(false);
      expect(await readFile(path.join(dir, 'out/README.md'), 'utf8')).not.toContain(deleted);
      expect(JSON.parse(await readFile(path.join(dir, 'out/summary.json'), 'utf8')).incidents.map((i: { id: string }) => i.id)).toEqual([kept]);

      // A new file with the id of a watched one: an error as in `build`, and that report stays.
      const original = await readFile(path.join(dir, 'incidents', `${kept}.yaml`), 'utf8');
      const line = original.slice(0, original.search(/^id:/m)).split('\n').length;
      await writeFile(path.join(dir, 'incidents/copy.yaml'), original.replace(/^title: .*$/m, 'title: The copy'));
      await waitFor('rebuild incidents/copy.yaml 1');
      expect(io.err.join('')).toContain(
        `incidents/copy.yaml:${line}:5  error  incident id \`${kept}\` is also the id of incidents/${kept}.yaml; both would write ${kept}/  build/duplicate-id`,
      );
      expect(await readFile(path.join(dir, 'out', kept, 'README.md'), 'utf8')).not.toContain('The copy');

      // The owner goes: its report goes, and the copy, refused before, now writes it.
      await unlink(path.join(dir, 'incidents', `${kept}.yaml`));
      await waitFor(`delete incidents/${kept}.yaml`);
      await waitFor('rebuild incidents/copy.yaml 0');
      expect(await readFile(path.join(dir, 'out', kept, 'README.md'), 'utf8')).toMatch(/^# The copy\n/);
      await waitFor('index 0');
      expect((await readdir(dir)).sort()).toEqual(['incidents', 'out']);
    } finally {
      stop.abort();
      await watching;
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('watch --site', () => {
  it('rewrites out/site/ with the index after each save and each delete', async () => {
    const { unlink } = await import('node:fs/promises');
    const { existsSync } = await import('node:fs');
    const kept = 'aws-kinesis-2020-11-25';
    const deleted = 'aws-ebs-2012-10-22';
    const dir = await projectWith([kept, deleted], 'incident-replay-watch-site-');
    const io = captureIo(dir);
    const stop = new AbortController();
    const { waitFor, deps } = eventLog();
    const watching = runWatch({ paths: ['incidents'], site: true, debounceMs: 50, signal: stop.signal }, io, deps);
    const page = (id: string) => path.join(dir, 'out/site', id, 'index.html');
    try {
      await waitFor(`rebuild incidents/${kept}.yaml 0`);
      await waitFor('index 0');
      expect(await readFile(path.join(dir, 'out/site/index.html'), 'utf8')).toContain(`href="${deleted}/index.html"`);
      expect(existsSync(page(kept))).toBe(true);
      expect(io.out.join('')).toContain('out/README.md, out/summary.json and out/site/ up to date');

      const file = path.join(dir, 'incidents', `${kept}.yaml`);
      await writeFile(file, (await readFile(file, 'utf8')).replace(/^title: .*$/m, 'title: Saved while watching the site'));
      await waitFor(`rebuild incidents/${kept}.yaml 0`);
      await waitFor('index 0');
      expect(await readFile(page(kept), 'utf8')).toContain('Saved while watching the site');

      await unlink(path.join(dir, 'incidents', `${deleted}.yaml`));
      await waitFor(`delete incidents/${deleted}.yaml`);
      await waitFor('index 0');
      expect(existsSync(page(deleted))).toBe(false);
      expect(await readFile(path.join(dir, 'out/site/index.html'), 'utf8')).not.toContain(deleted);
    } finally {
      stop.abort();
      await watching;
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
