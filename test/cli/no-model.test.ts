// Incidents without a `model:`: an ordinary postmortem goes import → validate → report and gets
// a report of the record (timeline, published figures, key moments, action items, sources), a
// row in the index and an entry in summary.json; the commands that replay say what is missing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { runMain, stackTraceLine } from './run-main.js';
import { shippedLintConfig } from '../report/shipped-lint-config.js';

const postmortem = path.resolve(import.meta.dirname, '../fixtures/no-model/checkout-outage-postmortem.md');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'incident-replay-no-model-'));
  await mkdir(path.join(dir, 'incidents'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** What a reviewer does with the draft: names the service and keeps the figure the text gives. */
async function reviewDraft(file: string): Promise<void> {
  const draft = parse(await readFile(file, 'utf8')) as Record<string, any>;
  expect(draft.model).toBeUndefined();
  draft.service = 'Checkout';
  draft.region = 'eu-west-1';
  draft.observed = [
    {
      id: 'failed-checkouts',
      series: 'failedCheckouts',
      window: { from: '2024-03-14 14:02', to: '2024-03-14 15:10' },
      aggregate: 'any',
      value: 38,
      unit: 'percent',
      basis: 'checkout requests',
      source: draft.sources[0].id,
      quote: 'About 38% of checkout requests failed at the peak of the incident.',
      tolerance: 3,
    },
  ];
  await writeFile(file, stringify(draft));
}

describe('an incident without a model', () => {
  it('goes from a plain postmortem through import, validate and report to a report of the record', async () => {
    const imported = await runMain(['import', postmortem, '--year', '2024', '--id', 'checkout-2024-03-14', '-o', 'incidents/checkout-2024-03-14.yaml'], dir);
    expect(imported.stderr).not.toMatch(stackTraceLine);
    expect(imported.code).toBe(0);
    await reviewDraft(path.join(dir, 'incidents/checkout-2024-03-14.yaml'));

    const validated = await runMain(['validate', 'incidents/checkout-2024-03-14.yaml', '--no-cache'], dir);
    expect(validated.stdout + validated.stderr).toContain('0 errors');
    expect(validated.code).toBe(0);

    const reported = await runMain(['report', 'checkout-2024-03-14', '--no-sensitivity'], dir);
    expect(reported.stderr).toBe('');
    expect(reported.code).toBe(0);
    const report = await readFile(path.join(dir, 'out/checkout-2024-03-14/README.md'), 'utf8');
    // Paragraphs and list items are wrapped at 100 columns: compare their words.
    const flat = report.replace(/\s+/g, ' ');
    const headings = [...report.matchAll(/^#+ (.*)$/gm)].map((m) => m[1]);
    expect(headings).toEqual([
      'Checkout outage on 14 March 2024',
      'Summary',
      'Impact',
      'Customer impact',
      'Timeline',
      'Detection and response',
      'Contributing factors',
      'Lessons learned',
      'Communication',
      'Action items',
      'Sources',
    ]);
    // The timeline, every event of the postmortem with its time and T+.
    expect(report).toMatch(/\| 2024-03-14 14:02 UTC +\| T\+0:00 +\| impact +\| Checkout requests start to fail/);
    expect(report).toMatch(/\| 2024-03-14 15:10 UTC +\| T\+1:08 +\| resolved/);
    // The impact: the duration from the key moments and the published figure, as published.
    expect(flat).toContain('**Duration**: 1 h 8 min, from the start (2024-03-14 14:02 UTC) to the resolved moment (2024-03-14 15:10 UTC)');
    expect(flat).toMatch(/\*\*Published\*\*\[\^impact-failed-checkouts]: failedCheckouts: 38% of checkout requests \(between 2024-03-14 14:02 UTC and 15:10 \(time not published\)\) \[1]/);
    expect(flat).toContain('The incident has no model, so nothing is replayed: the figure is shown as the record gives it, not compared with a replay.');
    // Detection: the time to detect from the moments.
    expect(report).toMatch(/\| Detected +\| 2024-03-14 14:09 UTC/);
    // Action items in file order, no benefit claimed.
    expect(flat).toContain('In the order of the incident file: it has no model, so no scenario measures their benefit.');
    expect(report).toContain('1. Separate the staging and production configuration files. [1]');
    expect(report).not.toContain('not quantified');
    // Sources.
    expect(report).toMatch(/## Sources\n\n1\. Checkout outage on 14 March 2024/);
    // Nothing that needs a replay, and no chart.
    expect(report).not.toMatch(/replay shows|Counterfactual|charts\/|Assumptions and limits/);
  });

  it('is scaffolded by `new --no-model` as a file that validates and reports', async () => {
    const created = await runMain(['new', 'db-outage-2024-05-06', '--no-model'], dir);
    expect(created.code).toBe(0);
    const text = await readFile(path.join(dir, 'incidents/db-outage-2024-05-06.yaml'), 'utf8');
    const file = parse(text) as Record<string, unknown>;
    expect(file.model).toBeUndefined();
    expect(file.scenarios).toBeUndefined();
    expect(text).not.toMatch(/^\s+effects:/m);
    expect(text).toContain('# No `model:`');
    const validated = await runMain(['validate', 'incidents/db-outage-2024-05-06.yaml', '--no-cache'], dir);
    expect(validated.stdout).toContain('1 file checked: 0 errors, 0 warnings');
    expect(validated.code).toBe(0);
    const reported = await runMain(['report', 'db-outage-2024-05-06', '--no-sensitivity'], dir);
    expect(reported.code).toBe(0);
    const report = await readFile(path.join(dir, 'out/db-outage-2024-05-06/README.md'), 'utf8');
    expect(report.replace(/\s+/g, ' ')).toContain('**Published**[^impact-peak-errors]: errorPercent: 12% of API requests in the region (2024-05-06 09:45 UTC) [1]');
    expect(report).toContain('1. Roll changes out to a canary first. [1] (status: proposed)');
  });

  it('makes simulate, fit, sensitivity and boundary exit 1 saying the file has no `model:` and how to add one', async () => {
    await runMain(['new', 'plain-2024-05-07', '--no-model'], dir);
    for (const argv of [
      ['simulate', 'plain-2024-05-07'],
      ['simulate', 'plain-2024-05-07', '--seeds', '10'],
      ['fit', 'plain-2024-05-07', '--params', 'capacity'],
      ['sensitivity', 'plain-2024-05-07'],
      ['boundary', 'plain-2024-05-07'],
    ]) {
      const r = await runMain(argv, dir);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `incident-replay: incidents/plain-2024-05-07.yaml: the incident has no \`model:\`, so there is nothing to replay for \`${argv[0]}\`. ` +
          'Add a `model:` to the file: a kind with its parameters (`incident-replay new <id>` writes an example with the `retry-storm` kind; ' +
          'the README’s “Model your own incident” says how to choose one) or `components`. ' +
          '`incident-replay report incidents/plain-2024-05-07.yaml` writes the report of the record without one.\n',
      );
    }
  });
});

describe('build over modelled and model-less incidents', () => {
  let project: string;
  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'incident-replay-mixed-'));
    expect((await runMain(['new', 'modelled-2024-01-02'], project)).code).toBe(0);
    expect((await runMain(['new', 'recorded-2024-01-03', '--no-model'], project)).code).toBe(0);
  });
  afterAll(async () => {
    await rm(project, { recursive: true, force: true });
  });

  it('writes both reports, one index row each, and summary.json with no kind and no fit for the one without a model', async () => {
    const r = await runMain(['build', '--no-sensitivity'], project);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wrote out/recorded-2024-01-03/README.md and 0 charts');
    expect(r.stdout).toMatch(/wrote out\/modelled-2024-01-02\/README\.md and [1-9]\d* charts?\n/);

    const index = await readFile(path.join(project, 'out/README.md'), 'utf8');
    const row = (id: string) => index.split('\n').find((l) => l.includes(`](${id}/README.md)`))!.split('|').map((c) => c.trim());
    // | title | date | model | duration | peak | best | gain | within |
    expect(row('modelled-2024-01-02').slice(2, 4)).toEqual(['2024-01-02', '`retry-storm`']);
    expect(row('recorded-2024-01-03').slice(2, 9)).toEqual(['2024-01-03', '—', '1 h 55 min', '—', '—', '', '—']);

    const summary = JSON.parse(await readFile(path.join(project, 'out/summary.json'), 'utf8'));
    const [modelled, recorded] = summary.incidents;
    expect(modelled).toMatchObject({ id: 'modelled-2024-01-02', kind: 'retry-storm', fit: { within: 1, total: 1 } });
    expect(recorded).toMatchObject({ id: 'recorded-2024-01-03', kind: null, fit: null, observed: [], scenarios: [], bestCounterfactual: null, residual: null });
    expect(recorded.durationsMinutes).toEqual({ impact: 115, detect: 25, mitigate: 55, resolve: 115 });

    const withModel = await readFile(path.join(project, 'out/modelled-2024-01-02/README.md'), 'utf8');
    const without = await readFile(path.join(project, 'out/recorded-2024-01-03/README.md'), 'utf8');
    expect(withModel).toContain('## What the replay shows');
    expect(withModel).toContain('## Counterfactuals');
    expect(without).not.toContain('## What the replay shows');
    expect(without).not.toContain('## Counterfactuals');
    // No heading is left standing over nothing.
    expect(without).not.toMatch(/^## .*\n\n## /m);

    const { lint } = await import('markdownlint-cli2/markdownlint/promise');
    const results = await lint({ strings: { index, without }, config: shippedLintConfig() });
    expect(Object.values(results).flat().map((r) => `${r.lineNumber} ${r.ruleNames.join('/')} ${r.errorDetail ?? ''}`)).toEqual([]);
  });

  it('builds with the brief template and with Monte Carlo seeds too', async () => {
    const r = await runMain(['build', '--no-sensitivity', '--template', 'brief', '--seeds', '4', '--out', 'brief-out'], project);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const brief = await readFile(path.join(project, 'brief-out/recorded-2024-01-03/README.md'), 'utf8');
    expect(brief).toContain('## Key moments');
    expect(brief).not.toContain('## What the replay shows');
    expect(brief).toContain('## Top action items');
  });
});
