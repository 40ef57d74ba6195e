import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { run, scratchProject, incidentFiles, snapshot, repoRoot } from './report-helpers.js';

describe('incident-replay report', () => {
  let dir: string;
  let file: string;
  let id: string;

  beforeAll(async () => {
    dir = await scratchProject();
    file = `incidents/${(await incidentFiles(dir))[0]!}`;
    id = (parse(await readFile(path.join(dir, file), 'utf8')) as { id: string }).id;
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes out/<id>/README.md and its charts, and nothing else', async () => {
    const r = await run(dir, 'report', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^wrote out/${id}/README.md and \\d+ charts?\\n$`));
    expect(await readdir(path.join(dir, 'out'))).toEqual([id]);
    const readme = await readFile(path.join(dir, 'out', id, 'README.md'), 'utf8');
    for (const heading of ['## Summary', '## Impact', '## Timeline', '## Detection and response', '## Contributing factors', '## What the replay shows', '## Counterfactuals', '## Action items', '## Assumptions and limits of the model', '## Sources']) {
      expect(readme).toContain(`\n${heading}\n`);
    }
    const png = await readFile(path.join(dir, 'out', id, 'charts', `${/charts\/([^)]+)\.png/.exec(readme)![1]}.png`));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('reports a model composed in the incident file (the README example), naming its components', async () => {
    await cp(path.join(repoRoot, 'examples'), path.join(dir, 'examples'), { recursive: true });
    const r = await run(dir, 'report', 'examples/metadata-plateau.yaml', '--out', 'composed');
    expect(r.code).toBe(0);
    const readme = await readFile(path.join(dir, 'composed', 'example-metadata-plateau', 'README.md'), 'utf8');
    expect(readme.replace(/\n/g, ' ')).toContain('through a capacity model (composed of capacity, closed-clients, service-queue)');
    expect(readme.replace(/\n/g, ' ')).toContain('A model composed of 3 components (`metadata` (capacity), `fleet` (closed-clients), `service` (service-queue))');
  });

  it('with --seeds: a 10–90% band, and the same seeds give byte-identical markdown and JSON', async () => {
    const a = await run(dir, 'report', file, '--seeds', '4', '--out', 'seeds-a');
    const b = await run(dir, 'report', file, '--seeds', '4', '--out', 'seeds-b');
    expect([a.code, b.code]).toEqual([0, 0]);
    const first = await snapshot(path.join(dir, 'seeds-a'), { images: false });
    const second = await snapshot(path.join(dir, 'seeds-b'), { images: false });
    expect(second).toEqual(first);
    const chart = [...first.keys()].find((f) => f.endsWith('.json'))!;
    const config = JSON.parse(Buffer.from(first.get(chart)!, 'base64').toString('utf8'));
    expect(config.data.datasets.map((d: { label: string }) => d.label)).toContain('Replay, 10–90% of 4 seeds');
  });

  it('uses --template instead of the default', async () => {
    await writeFile(path.join(dir, 'short.md'), '# :value{name=title}\n\nOur own words.\n\n::moments\n');
    const r = await run(dir, 'report', file, '--template', 'short.md', '--out', 'short');
    expect(r.code).toBe(0);
    const readme = await readFile(path.join(dir, 'short', id, 'README.md'), 'utf8');
    expect(readme).toMatch(/^# .+\n\nOur own words\.\n\n\| Moment +\| Time/);
    // A template without charts renders none.
    expect(existsSync(path.join(dir, 'short', id, 'charts'))).toBe(false);
  });

  it('uses the template an incident names (relative to the incident file)', async () => {
    await writeFile(path.join(dir, 'incidents', 'own.md'), 'Own template for :value{name=id}.\n');
    const text = await readFile(path.join(dir, file), 'utf8');
    const copy = 'incidents/with-template.yaml';
    await writeFile(path.join(dir, copy), `${text.replace(/^id: .*$/m, 'id: with-template')}\ntemplate: own.md\n`);
    const r = await run(dir, 'report', copy, '--out', 'own');
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(await readFile(path.join(dir, 'own', 'with-template', 'README.md'), 'utf8')).toBe('Own template for with-template.\n');
  });

  it('reports a template error at the template line and column and writes nothing', async () => {
    await writeFile(path.join(dir, 'broken.md'), '# Report\n\n::timline\n');
    const r = await run(dir, 'report', file, '--template', 'broken.md', '--out', 'broken');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('broken.md:3:1  error  unknown directive `::timline`');
    expect(r.stderr).toContain('hint: did you mean `::timeline`?');
    expect(r.stderr).toContain('nothing written');
    expect(existsSync(path.join(dir, 'broken'))).toBe(false);
  });

  it('names a missing template or incident file clearly', async () => {
    const t = await run(dir, 'report', file, '--template', 'nope.md', '--out', 'nope');
    expect(t.code).toBe(1);
    expect(t.stderr).toContain('template not found: nope.md');
    const i = await run(dir, 'report', 'incidents/nope.yaml');
    expect(i.code).toBe(1);
    expect(i.stderr).toContain('no such file or directory: incidents/nope.yaml');
    expect(i.stderr).not.toMatch(/\n\s+at /);
  });
});
