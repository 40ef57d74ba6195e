#!/usr/bin/env node
// The package as a user gets it: `npm pack`, install the tarball into a fresh project, and run
// the CLI there with that project's incidents/ and out/, and the library API from it. Not part
// of the vitest suite: the install compiles node-canvas again (2–4 minutes on two shared cores),
// so `.ci/run` runs this once, after `npm test` has built dist/.
//
//   node test/pack/pack-install.mjs          (KEEP=1 keeps the temporary project)
//
// Exit 0 when every step passes; 1 with the failing step's output otherwise.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'incident-replay-pack-'));
const project = path.join(work, 'project');
const id = 'db-outage-2024-03-01';
const schemaId = 'https://github.com/incident-replay/incident-replay/schema/incident.schema.json';
const started = performance.now();

class StepFailed extends Error {}

function run(command, args, cwd, what) {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  } catch (error) {
    throw new StepFailed(`${what}: \`${command} ${args.join(' ')}\` exited ${error.status}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
}

function check(condition, message) {
  if (!condition) throw new StepFailed(message);
}

function step(title, body) {
  const t0 = performance.now();
  const note = body();
  console.log(`ok  ${title} (${((performance.now() - t0) / 1000).toFixed(1)} s)${note ? `: ${note}` : ''}`);
}

async function stepAsync(title, body) {
  const t0 = performance.now();
  const note = await body();
  console.log(`ok  ${title} (${((performance.now() - t0) / 1000).toFixed(1)} s)${note ? `: ${note}` : ''}`);
}

/** Every file under `dir`, relative to it. */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true }).filter((f) => statSync(path.join(dir, f)).isFile());
}

const inside = (file, dir) => !path.relative(dir, file).startsWith('..') && !path.isAbsolute(path.relative(dir, file));

try {
  check(existsSync(path.join(root, 'dist/cli/bin.js')), 'dist/ is missing: run `npm run build` first (npm test does)');
  let tarball;
  step('npm pack', () => {
    const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], root, 'npm pack'));
    tarball = path.join(work, packed.filename);
    return `${packed.filename}, ${packed.entryCount} files, ${(packed.size / 1e6).toFixed(1)} MB`;
  });

  step('install the tarball into a fresh project', () => {
    run('mkdir', ['-p', project], work, 'mkdir');
    writeFileSync(path.join(project, 'package.json'), `${JSON.stringify({ name: 'postmortems', private: true, type: 'module' }, null, 2)}\n`);
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], project, 'npm install');
    return 'node-canvas compiles again here';
  });

  const pkg = path.join(project, 'node_modules/incident-replay');
  const cli = (...args) => run('npx', ['--no', '--', 'incident-replay', ...args], project, `incident-replay ${args[0]}`);

  step('the installed package holds its licence and no dangling source map', () => {
    check(existsSync(path.join(pkg, 'LICENSE')), 'LICENSE is not in the installed package');
    const files = filesUnder(path.join(pkg, 'dist'));
    let maps = 0;
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      const js = path.join(pkg, 'dist', file);
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(js, 'utf8'))?.[1];
      if (!url) continue;
      const map = path.resolve(path.dirname(js), url);
      check(inside(map, pkg) && existsSync(map), `dist/${file} names the source map ${url}, which the package lacks`);
      const { sources, sourcesContent } = JSON.parse(readFileSync(map, 'utf8'));
      for (const [i, source] of sources.entries()) {
        // A bundled dependency's code is carried in the map itself (scripts/bundle-cli.mjs):
        // the package does not ship node_modules, and nothing needs to resolve.
        if (typeof sourcesContent?.[i] === 'string') continue;
        const resolved = path.resolve(path.dirname(map), source);
        check(inside(resolved, pkg) && existsSync(resolved), `${path.relative(pkg, map)} names the source ${source}, which the package lacks`);
      }
      maps++;
    }
    check(maps > 50, `only ${maps} source maps found in dist/`);
    return `${maps} source maps, every source present`;
  });

  step('npx incident-replay --version', () => {
    const version = cli('--version').trim();
    const expected = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
    check(version === expected, `--version printed ${version}, expected ${expected}`);
    return version;
  });

  step('npx incident-replay new: its $schema resolves', () => {
    cli('new', id, '--timezone', 'Europe/Berlin');
    const file = path.join(project, 'incidents', `${id}.yaml`);
    const first = readFileSync(file, 'utf8').split('\n')[0];
    const schemaPath = /^# yaml-language-server: \$schema=(.+)$/.exec(first)?.[1];
    check(schemaPath !== undefined, `the first line of the new file is not a modeline: ${first}`);
    const schema = path.resolve(path.dirname(file), schemaPath);
    check(inside(schema, project) && existsSync(schema), `$schema=${schemaPath} does not resolve from incidents/ to a file in the project`);
    check(JSON.parse(readFileSync(schema, 'utf8')).$id === schemaId, `${schemaPath} is not the incident schema`);
    return schemaPath;
  });

  await stepAsync('yaml-language-server completes the new file with the installed schema', async () => {
    // The repository's yaml-language-server (a devDependency), as an editor in the project runs it.
    const { startLspServer } = await import('../support/lsp-client.mjs');
    const file = path.join(project, 'incidents', `${id}.yaml`);
    const lines = readFileSync(file, 'utf8').split('\n');
    const kindLine = lines.findIndex((l) => l.startsWith('  kind: '));
    const parametersLine = lines.findIndex((l) => l === '  parameters:');
    check(kindLine > 0 && parametersLine > kindLine, 'the new file has no `model.kind` and `model.parameters` where expected');
    lines.splice(parametersLine + 1, 0, '    '); // a new parameter key, as one starts typing it
    const settings = { yaml: { schemaStore: { enable: false }, validate: false, completion: true } };
    const lsp = startLspServer(path.join(root, 'node_modules/yaml-language-server/bin/yaml-language-server'), settings);
    try {
      const uri = pathToFileURL(file).href;
      await lsp.request('initialize', { processId: process.pid, rootUri: pathToFileURL(project).href, capabilities: {} });
      lsp.notify('initialized', {});
      lsp.notify('workspace/didChangeConfiguration', { settings });
      lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: lines.join('\n') } });
      const labels = async (line, character) => {
        const result = await lsp.request('textDocument/completion', { textDocument: { uri }, position: { line, character } });
        return (Array.isArray(result) ? result : result.items).map((item) => item.label);
      };
      const kinds = await labels(kindLine, '  kind: '.length);
      check(['retry-storm', 'remirror-storm', 'thread-limit'].every((k) => kinds.includes(k)), `model.kind offers ${JSON.stringify(kinds)}`);
      const parameters = await labels(parametersLine + 1, 4);
      check(['backoff', 'jitter', 'baseDelay'].every((p) => parameters.includes(p)), `a parameter key offers ${JSON.stringify(parameters)}`);
      return `${kinds.length} kinds, ${parameters.length} parameters offered`;
    } finally {
      await lsp.close();
    }
  });

  step('npx incident-replay validate', () => {
    const out = cli('validate');
    check(out.includes('1 file checked: 0 errors, 0 warnings'), `validate printed:\n${out}`);
  });

  step('npx incident-replay report', () => {
    cli('report', `incidents/${id}.yaml`);
    check(existsSync(path.join(project, 'out', id, 'README.md')), `out/${id}/README.md was not written`);
    const pngs = readdirSync(path.join(project, 'out', id, 'charts')).filter((f) => f.endsWith('.png'));
    check(pngs.length > 0, `out/${id}/charts/ holds no PNG`);
    return `out/${id}/README.md and ${pngs.length} chart${pngs.length === 1 ? '' : 's'}`;
  });

  step('npx incident-replay build', () => {
    cli('build');
    for (const f of ['out/README.md', 'out/summary.json', `out/${id}/README.md`]) check(existsSync(path.join(project, f)), `${f} was not written`);
    const summary = JSON.parse(readFileSync(path.join(project, 'out/summary.json'), 'utf8'));
    check(summary.incidents.length === 1, `out/summary.json lists ${summary.incidents.length} incidents, expected 1`);
  });

  step('npx incident-replay site', () => {
    cli('site');
    // The script and stylesheet come bundled in the package's dist/site-assets/: nothing is bundled here.
    for (const f of ['out/site/index.html', `out/site/${id}/index.html`, 'out/site/assets/site.js', 'out/site/assets/site.css']) {
      check(existsSync(path.join(project, f)), `${f} was not written`);
    }
    const page = readFileSync(path.join(project, `out/site/${id}/index.html`), 'utf8');
    check(page.includes('<canvas') && page.includes('id="site-data"'), `out/site/${id}/index.html has no chart`);
    // A build afterwards leaves the site alone.
    cli('build');
    check(existsSync(path.join(project, 'out/site/index.html')), 'a build after `site` removed out/site/');
    return `out/site/ with the page of ${id}`;
  });

  step('the README example of reports from code, run against the installed package', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const example = /### Reports from code\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    check(example !== undefined, 'README.md has no ```ts block under “### Reports from code”');
    const incidentPath = /const file = '([^']+)'/.exec(example)?.[1];
    check(incidentPath !== undefined, 'the README example names no `const file = …`');
    // The example's own incident is this project's, by another id.
    writeFileSync(path.join(project, 'report.mjs'), example.replace(incidentPath, `incidents/${id}.yaml`));
    run(process.execPath, ['report.mjs'], project, 'node report.mjs (the README example)');
    const markdown = readFileSync(path.join(project, 'report/README.md'), 'utf8');
    const charts = readdirSync(path.join(project, 'report/charts')).filter((f) => f.endsWith('.png'));
    check(markdown.startsWith('# ') && charts.length > 0, `report/ holds ${charts.length} PNGs and a README starting ${JSON.stringify(markdown.slice(0, 20))}`);
    for (const chart of charts) check(markdown.includes(`charts/${chart}`), `report/README.md does not link charts/${chart}`);
    return `report/README.md and ${charts.length} chart${charts.length === 1 ? '' : 's'}`;
  });

  console.log(`pack-install: every step passed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (process.env.KEEP !== '1') rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
} catch (error) {
  if (!(error instanceof StepFailed)) throw error;
  console.error(`pack-install: FAILED: ${error.message}\n(the project is kept in ${work})`);
  process.exitCode = 1;
}
