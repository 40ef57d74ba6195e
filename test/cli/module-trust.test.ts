// Code named by `model.module` runs only with the opt-in of whoever runs the command
// (`--allow-modules` or INCIDENT_REPLAY_ALLOW_MODULES=1): a module that writes a marker file on
// import proves that no command imports it without.
import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runMain, stackTraceLine } from './run-main.js';
import { runWatch } from '../../src/report/watch.js';
import { captureIo } from './report-helpers.js';

const fixtures = path.resolve(import.meta.dirname, '../replay/fixtures');

/** A project whose one incident names a kind module that leaves `marker` behind when imported. */
async function markerProject(): Promise<{ dir: string; marker: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'module-trust-'));
  await mkdir(path.join(dir, 'incidents'));
  await writeFile(path.join(dir, 'package.json'), '{}\n');
  await copyFile(path.join(fixtures, 'custom-kind.mjs'), path.join(dir, 'incidents/tank-kind.mjs'));
  await writeFile(
    path.join(dir, 'incidents/marker-kind.mjs'),
    "import { writeFileSync } from 'node:fs';\n" +
      "writeFileSync(new URL('../marker', import.meta.url), 'imported');\n" +
      "export { default } from './tank-kind.mjs';\n",
  );
  const yaml = (await readFile(path.join(fixtures, 'custom-kind.yaml'), 'utf8')).replace('./custom-kind.mjs', './marker-kind.mjs');
  await writeFile(path.join(dir, 'incidents/tank-overflow.yaml'), yaml);
  return { dir, marker: path.join(dir, 'marker') };
}

describe('kind modules need the opt-in of whoever runs the command', () => {
  it('are imported by no command without it, and each says why with a hint', async () => {
    const { dir, marker } = await markerProject();
    const runs: [string, string[]][] = [
      ['validate', ['validate', '--no-cache']],
      ['simulate', ['simulate', 'tank-overflow']],
      ['simulate --seeds', ['simulate', 'tank-overflow', '--seeds', '5']],
      ['fit', ['fit', 'tank-overflow', '--params', 'inflow']],
      ['report', ['report', 'incidents/tank-overflow.yaml']],
      ['build', ['build']],
      ['build --check', ['build', '--check']],
      ['build --shard', ['build', '--shard', '1/2']],
    ];
    for (const [name, argv] of runs) {
      const r = await runMain(argv, dir);
      expect(r.code, name).toBe(1);
      const output = r.stdout + r.stderr;
      expect(output, name).toMatch(
        /incidents\/tank-overflow\.yaml:37:11 +error +model\.module names code, and this run does not allow loading code named in incident files; nothing was imported +model\/module-not-trusted\n +hint: .*--allow-modules.*INCIDENT_REPLAY_ALLOW_MODULES=1/,
      );
      expect(output, name).not.toMatch(stackTraceLine);
      expect(existsSync(marker), `${name} imported the module`).toBe(false);
    }
    // No file in the tree can give the opt-in, nor can the validate cache skip the check.
    expect((await runMain(['validate'], dir)).code).toBe(1);
    expect((await runMain(['validate'], dir)).code).toBe(1);
    expect(existsSync(marker)).toBe(false);
  });

  it('are not imported by watch without it', async () => {
    const { dir, marker } = await markerProject();
    const io = captureIo(dir);
    const stop = new AbortController();
    let rebuilt!: (code: number) => void;
    const first = new Promise<number>((resolve) => (rebuilt = resolve));
    const watching = runWatch({ paths: [], debounceMs: 50, signal: stop.signal }, io, { onRebuild: (_f, code) => rebuilt(code) });
    expect(await first).toBe(1);
    stop.abort();
    await watching;
    expect(io.text()).toContain('model/module-not-trusted');
    expect(existsSync(marker)).toBe(false);
  });

  it('are imported with --allow-modules or INCIDENT_REPLAY_ALLOW_MODULES=1', async () => {
    // A module is imported once a process: each run gets a project of its own.
    let { dir, marker } = await markerProject();
    const validate = await runMain(['validate', '--no-cache', '--allow-modules'], dir);
    expect(validate.stdout).toContain('1 file checked: 0 errors');
    expect(existsSync(marker)).toBe(true);
    ({ dir, marker } = await markerProject());
    const simulate = await runMain(['simulate', 'tank-overflow', '--allow-modules'], dir);
    expect(simulate.code).toBe(0);
    expect(existsSync(marker)).toBe(true);
    ({ dir, marker } = await markerProject());
    // The environment's opt-in reaches main through Io (bin.ts reads the variable).
    const { main } = await import('../../src/cli/main.js');
    let stdout = '';
    const code = await main(['simulate', 'tank-overflow'], {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: () => true },
      cwd: dir,
      allowModules: true,
    });
    expect(code).toBe(0);
    expect(stdout).toContain('model tank, deterministic');
    expect(existsSync(marker)).toBe(true);
  });
});

describe('paths in incident files stay inside the project', () => {
  it('refuses a module path that is absolute, leads out, or is a symbolic link out, even with the opt-in', async () => {
    const { dir, marker } = await markerProject();
    const outside = await mkdtemp(path.join(tmpdir(), 'module-outside-'));
    await copyFile(path.join(dir, 'incidents/marker-kind.mjs'), path.join(outside, 'evil.mjs'));
    await copyFile(path.join(dir, 'incidents/tank-kind.mjs'), path.join(outside, 'tank-kind.mjs'));
    const { symlink } = await import('node:fs/promises');
    await symlink(path.join(outside, 'evil.mjs'), path.join(dir, 'incidents/link.mjs'));
    const file = path.join(dir, 'incidents/tank-overflow.yaml');
    const yaml = await readFile(file, 'utf8');
    const cases: [string, RegExp][] = [
      [path.join(outside, 'evil.mjs'), /is an absolute path/],
      [`../../${path.basename(outside)}/evil.mjs`, /leads out of the project directory/],
      ['./link.mjs', /is a symbolic link to a file outside the project directory/],
    ];
    for (const [module, message] of cases) {
      await writeFile(file, yaml.replace('./marker-kind.mjs', module));
      const r = await runMain(['validate', '--no-cache', '--allow-modules'], dir);
      expect(r.code, module).toBe(1);
      expect(r.stdout, module).toMatch(/incidents\/tank-overflow\.yaml:37:11 +error +model\.module: .* path\/outside-project/);
      expect(r.stdout, module).toMatch(message);
      expect(existsSync(marker), module).toBe(false);
    }
  });

  it('refuses a template that is absolute or leads out, at its position; a built-in one works by name', async () => {
    const { dir } = await markerProject();
    const file = path.join(dir, 'incidents/tank-overflow.yaml');
    const yaml = (await readFile(file, 'utf8')).replace('./marker-kind.mjs', './tank-kind.mjs');
    for (const [template, message] of [
      ['/etc/passwd', 'template `/etc/passwd` is an absolute path'],
      ['../../x.md', 'template `../../x.md` leads out of the project directory'],
    ] as const) {
      await writeFile(file, `${yaml}template: ${template}\n`);
      const line = `${yaml}template: `.split('\n').length;
      const v = await runMain(['validate', '--no-cache', '--allow-modules'], dir);
      expect(v.code).toBe(1);
      expect(v.stdout).toContain(`incidents/tank-overflow.yaml:${line}:11  error  ${message}`);
      expect(v.stdout).toContain('path/outside-project');
      const b = await runMain(['build', '--allow-modules'], dir);
      expect(b.code).toBe(1);
      expect(b.stderr).toContain(message);
      expect(existsSync(path.join(dir, 'out'))).toBe(false);
    }
    await writeFile(file, `${yaml}template: brief\n`);
    expect((await runMain(['validate', '--no-cache', '--allow-modules'], dir)).code).toBe(0);
  });
});
