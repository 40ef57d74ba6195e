// The JSON Schema works where it is used: yaml-language-server, driven over stdio as an editor
// drives it, completes model kinds, a kind's parameters (with unit), actions and their
// arguments in the timeline and in scenarios, and series names, in a file whose modeline `new`
// wrote: in a project with its own schema/ and in one that installed the package.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { incidentJsonSchemaText } from '../../src/incident/json-schema.js';
import { runNew } from '../../src/incident/new-incident.js';
import { startLspServer, type LspClient } from '../support/lsp-client.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const server = path.join(root, 'node_modules/yaml-language-server/bin/yaml-language-server');

// `‸` marks where completion is asked; it is removed from the text.
const body = `id: x-outage
title: X outage
summary: It broke.
service: X
region: global
timezone: UTC
severity: sev2
sources:
  - id: pm
    title: Postmortem
timeline:
  - at: 2020-01-01 09:00
    phase: trigger
    text: Capacity dropped.
    source: pm
    effects:
      - action: ‸trigger
        with:
          capacityFactor: 0.5
observed:
  - series: ‸errorPercent
    at: 2020-01-01 10:00
    value: 10
    unit: percent
    source: pm
    tolerance: 2
model:
  kind: ‸retry-storm
  start: 2020-01-01 08:00
  end: 2020-01-01 12:00
  parameters:
    capacity: { value: 100, unit: requests/min, provenance: assumed, note: a guess }
    ‸
scenarios:
  - id: more
    title: More capacity
    rationale: Earlier capacity.
    timeline:
      add:
        - at: 2020-01-01 09:10
          phase: mitigation
          text: Capacity added.
          effects:
            - action: ‸add-capacity
              with:
                ‸
`;

/** The text without markers, and the LSP position of each marker in order. */
function markers(text: string): { text: string; positions: { line: number; character: number }[] } {
  const positions: { line: number; character: number }[] = [];
  const lines = text.split('\n').map((line, n) => {
    let at = line.indexOf('‸');
    while (at >= 0) {
      positions.push({ line: n, character: at });
      line = line.slice(0, at) + line.slice(at + 1);
      at = line.indexOf('‸');
    }
    return line;
  });
  return { text: lines.join('\n'), positions };
}

interface Item {
  label: string;
  documentation?: string | { value: string };
}

let lsp: LspClient;
let dir: string;
let version = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'incident-replay-lsp-'));
  lsp = startLspServer(server, { yaml: { schemaStore: { enable: false }, validate: false, hover: true, completion: true } });
  await lsp.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'project' }],
    capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } } } },
  });
  lsp.notify('initialized', {});
  lsp.notify('workspace/didChangeConfiguration', { settings: { yaml: { schemaStore: { enable: false }, validate: false, hover: true, completion: true } } });
});

afterAll(async () => {
  await lsp?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A project laid out by `layout`, a file `new` wrote in it with `body` under its modeline, and completions at the markers. */
async function completionsIn(project: string, placeSchema: (project: string) => Promise<void>): Promise<{ modeline: string; items: Item[][] }> {
  await mkdir(project, { recursive: true });
  await writeFile(path.join(project, 'package.json'), '{ "name": "p", "private": true }\n');
  await placeSchema(project);
  const quiet = { write: () => true };
  expect(await runNew({ id: 'x-outage', timezone: 'UTC' }, { stdout: quiet, stderr: quiet, cwd: project })).toBe(0);
  const file = path.join(project, 'incidents/x-outage.yaml');
  const modeline = (await readFile(file, 'utf8')).split('\n')[0]!;
  const { text, positions } = markers(`${modeline}\n${body}`);
  const uri = pathToFileURL(file).href;
  lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: ++version, text } });
  const items: Item[][] = [];
  for (const position of positions) {
    const result = await lsp.request('textDocument/completion', { textDocument: { uri }, position });
    items.push((Array.isArray(result) ? result : result.items) as Item[]);
  }
  lsp.notify('textDocument/didClose', { textDocument: { uri } });
  return { modeline, items };
}

const labels = (items: Item[]) => items.map((i) => i.label);
const doc = (item: Item | undefined) => (typeof item?.documentation === 'string' ? item.documentation : (item?.documentation?.value ?? ''));

function expectCompletions(items: Item[][]): void {
  const [effectAction, series, kind, parameter, scenarioAction, argument] = items as [Item[], Item[], Item[], Item[], Item[], Item[]];
  // A timeline effect's action: the kind's actions, and its instances' (`scaling.add`).
  expect(labels(effectAction)).toEqual(expect.arrayContaining(['trigger', 'restore', 'add-capacity', 'set-backoff', 'scaling.add']));
  expect(labels(effectAction)).not.toContain('partition'); // an action of remirror-storm
  // Series names of the kind.
  expect(labels(series)).toEqual(expect.arrayContaining(['errorPercent', 'goodput', 'queue', 'retryLoad']));
  expect(labels(series)).not.toContain('stuck');
  // model.kind: every built-in kind, with its description.
  expect(labels(kind)).toEqual(expect.arrayContaining(['retry-storm', 'remirror-storm', 'resource-leak', 'thread-limit']));
  expect(doc(kind.find((i) => i.label === 'thread-limit'))).toMatch(/thread/i);
  // A parameter key under model.parameters: the kind's parameters not yet given, with unit and bounds.
  expect(labels(parameter)).toEqual(expect.arrayContaining(['load', 'timeout', 'maxAttempts', 'backoff', 'loadShedding']));
  expect(labels(parameter)).not.toContain('capacity'); // given already
  expect(doc(parameter.find((i) => i.label === 'maxAttempts'))).toMatch(/attempts; ≥ 1, ≤ 64, whole number, default 1/);
  // An action of an event a scenario adds.
  expect(labels(scenarioAction)).toEqual(expect.arrayContaining(['add-capacity', 'enable-load-shedding', 'disable-retries']));
  // The arguments of that action.
  expect(labels(argument)).toEqual(expect.arrayContaining(['amount', 'overMinutes', 'ratePerMinute']));
  expect(labels(argument)).not.toContain('capacityFactor'); // an argument of `trigger`
}

describe('completion in yaml-language-server', () => {
  it('in a project with its own schema/incident.schema.json', async () => {
    const { modeline, items } = await completionsIn(path.join(dir, 'own'), async (project) => {
      await mkdir(path.join(project, 'schema'));
      await writeFile(path.join(project, 'schema/incident.schema.json'), incidentJsonSchemaText());
    });
    expect(modeline).toBe('# yaml-language-server: $schema=../schema/incident.schema.json');
    expectCompletions(items);
  });

  it('in a project that installed the package (the schema under node_modules/incident-replay/)', async () => {
    const { modeline, items } = await completionsIn(path.join(dir, 'installed'), async (project) => {
      await mkdir(path.join(project, 'node_modules/incident-replay/schema'), { recursive: true });
      await writeFile(path.join(project, 'node_modules/incident-replay/schema/incident.schema.json'), incidentJsonSchemaText());
    });
    expect(modeline).toBe('# yaml-language-server: $schema=../node_modules/incident-replay/schema/incident.schema.json');
    expectCompletions(items);
  });
});
