// The two seed postmortems imported end to end: every timestamped fact of FACTS.md recovered
// with its date and time, nothing invented, the drafts valid, and precision and recall of the
// extracted events against hand-labelled expectations.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadIncidentBytes } from '../../src/incident/load.js';
import { checkIncident } from '../../src/incident/check.js';
import { resolveTime } from '../../src/incident/time.js';
import { runCli } from './helpers.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/import');

interface Expected {
  source: string;
  args: string[];
  events: Array<{ at: string; until?: string }>;
}
interface JsonEvent {
  at: string;
  until?: string;
  phase: string;
  quote: string;
  line: number;
  column: number;
  zone: string;
}
interface JsonResult {
  title: string;
  timezone: string;
  events: JsonEvent[];
  figures: Array<{ value: number; unit: string; basis?: string; quote: string; line: number; column: number }>;
  warnings: Array<{ rule: string; line: number; column: number }>;
}

const imported = new Map<string, Promise<JsonResult>>();
/** Each seed is imported once per set of arguments; the tests read the same result. */
function importSeed(name: string, args: string[]): Promise<JsonResult> {
  const k = [name, ...args].join(' ');
  if (!imported.has(k)) imported.set(k, importSeedNow(name, args));
  return imported.get(k)!;
}

async function importSeedNow(name: string, args: string[]): Promise<JsonResult> {
  const { code, stdout, stderr } = await runCli(['import', name, ...args, '--json'], fixtures);
  expect(stderr).not.toMatch(/internal error|\n\s+at /);
  expect(code).toBe(0);
  return JSON.parse(stdout) as JsonResult;
}

const key = (e: { at: string; until?: string }) => (e.until ? `${e.at}..${e.until}` : e.at);

describe('import 004 (AWS EBS, April 2011)', () => {
  const source = '004_cccb95750468ff00.txt';
  const text = readFileSync(path.join(fixtures, source), 'utf8');

  // FACTS.md, EBS re-mirroring storm: every fact with a time, PDT.
  const facts: Array<[string, string, string?]> = [
    ['network change', '2011-04-21 00:47'],
    ['first API impact (range)', '2011-04-21 00:50', '2011-04-21 02:40'],
    ['CreateVolume disabled', '2011-04-21 02:40'],
    ['other APIs recovered', '2011-04-21 02:50'],
    ['errors rise again', '2011-04-21 05:30'],
    ['control-plane communication disabled', '2011-04-21 08:20'],
    ['node-to-node change', '2011-04-21 11:30'],
    ['launch errors near normal (Noon)', '2011-04-21 12:00'],
    ['outage contained', '2011-04-21 12:04'],
    ['capacity added', '2011-04-22 02:00'],
    ['all but 2.2% restored', '2011-04-22 12:30'],
    ['backlog processed', '2011-04-23 11:30'],
    ['control plane enabled', '2011-04-23 15:35'],
    ['API access restored', '2011-04-23 18:15'],
    ['snapshot recovery done', '2011-04-24 12:30'],
    ['forensic restoration begins', '2011-04-24 15:00'],
  ];

  it.each(facts)('recovers %s at %s', async (_what, at, until) => {
    const result = await importSeed(source, ['--year', '2011']);
    const found = result.events.filter((e) => e.at === at && (until === undefined || e.until === until));
    expect(found.length).toBeGreaterThan(0);
    for (const e of found) {
      expect(e.zone).toBe('America/Los_Angeles');
      // PDT: seven hours behind UTC.
      const r = resolveTime(e.at, 'America/Los_Angeles');
      expect(r.ok && r.offsetMinutes).toBe(-420);
    }
  });

  it('invents nothing: every quote is a substring of the input, at the line it names', async () => {
    const result = await importSeed(source, ['--year', '2011']);
    const lines = text.split('\n');
    for (const e of [...result.events, ...result.figures]) {
      expect(text).toContain(e.quote);
      expect(lines[e.line - 1]).toContain(e.quote.split('\n')[0]!.slice(0, 40));
    }
  });

  it('finds the impact figures with their basis, and leaves out what is not impact', async () => {
    const result = await importSeed(source, ['--year', '2011']);
    const figures = result.figures.map((f) => `${f.value}|${f.basis ?? ''}`);
    expect(figures).toContain('13|the volumes in the affected Availability Zone');
    expect(figures).toContain('2.2|the volumes in the affected Availability Zone');
    expect(figures).toContain('1.04|the affected volumes');
    expect(figures).toContain('0.07|the volumes in the affected Availability Zone');
    expect(figures).toContain('45|single-AZ instances');
    expect(figures).toContain('2.5|multi-AZ database instances in the US East Region');
    // "a 10 day credit equal to 100% of their usage" is a credit, not impact.
    expect(result.figures.map((f) => f.value)).not.toContain(100);
  });

  it('needs a year: without --year it places nothing and says so', async () => {
    const { code, stderr, stdout } = await runCli(['import', source], fixtures);
    expect(code).toBe(1);
    // The draft is still printed, every time in it a TODO with its sentence.
    expect(stdout).toContain('timeline: []');
    expect(stdout).toContain('# TODO: 004_cccb95750468ff00.txt:8:4 00:47 is on a date written without a year');
    expect(stderr).toContain('004_cccb95750468ff00.txt:8:4  warning  00:47 is on a date written without a year');
    expect(stderr).toContain('pass `--year YYYY`');
    expect(stderr).toContain('none could be placed');
  });

  it('writes a draft that validates', async () => {
    const { code, stdout } = await runCli(['import', source, '--year', '2011'], fixtures);
    expect(code).toBe(0);
    // The modeline leads from incidents/ of the directory it ran in to this project's schema.
    const schemaPath = /^# yaml-language-server: \$schema=(.+)$/.exec(stdout.split('\n')[0]!)![1]!;
    expect(path.resolve(fixtures, 'incidents', schemaPath)).toBe(path.resolve(fixtures, '../../../schema/incident.schema.json'));
    const loaded = loadIncidentBytes('draft.yaml', new TextEncoder().encode(stdout));
    const diagnostics = [...loaded.diagnostics, ...(await checkIncident(loaded))];
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded.incident?.timezone).toBe('America/Los_Angeles');
    expect(loaded.incident?.sources).toEqual([
      { id: 'postmortem', title: loaded.incident!.title, note: 'imported from 004_cccb95750468ff00.txt by incident-replay import' },
    ]);
    expect(loaded.incident?.timeline.every((e) => text.includes(e.quote))).toBe(true);
    expect(stdout).toContain('# from 004_cccb95750468ff00.txt:8:4 (phase guessed from “change”)');
  });
});

describe('import 003 (Kinesis, November 2020)', () => {
  const source = '003_8814c68e3357f6f7.txt';
  const text = readFileSync(path.join(fixtures, source), 'utf8');

  it('recovers 02:44, 05:15 and 22:23 PST with --date', async () => {
    const result = await importSeed(source, ['--date', '2020-11-25']);
    expect(result.events.map((e) => [e.at, e.phase, e.zone])).toEqual([
      ['2020-11-25 02:44', 'trigger', 'America/Los_Angeles'],
      ['2020-11-25 05:15', 'detection', 'America/Los_Angeles'],
      ['2020-11-25 22:23', 'resolved', 'America/Los_Angeles'],
    ]);
    // PST: eight hours behind UTC.
    const r = resolveTime('2020-11-25 22:23', 'America/Los_Angeles');
    expect(r.ok && new Date(r.epochMs).toISOString()).toBe('2020-11-26T06:23:00.000Z');
    for (const e of result.events) expect(text).toContain(e.quote);
  });

  it('without --date it says the text gives no date', async () => {
    const { code, stderr } = await runCli(['import', source], fixtures);
    expect(code).toBe(1);
    expect(stderr).toContain('003_8814c68e3357f6f7.txt:11:128  warning  02:44 has no date');
    expect(stderr).toContain('--date YYYY-MM-DD');
  });

  it('writes a draft that validates', async () => {
    const { code, stdout } = await runCli(['import', source, '--date', '2020-11-25'], fixtures);
    expect(code).toBe(0);
    const loaded = loadIncidentBytes('draft.yaml', new TextEncoder().encode(stdout));
    const diagnostics = [...loaded.diagnostics, ...(await checkIncident(loaded))];
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded.incident?.region).toBe('us-east-1');
    expect(loaded.incident?.id).toBe('the-cause-of-amazons-cloud-outage-2020-11-25');
  });
});

describe('precision and recall against the hand-labelled events', () => {
  for (const file of ['004_cccb95750468ff00.expected.json', '003_8814c68e3357f6f7.expected.json']) {
    it(file, async () => {
      const expected = JSON.parse(readFileSync(path.join(fixtures, file), 'utf8')) as Expected;
      const result = await importSeed(expected.source, expected.args);
      const got = new Set(result.events.map(key));
      const want = new Set(expected.events.map(key));
      const hits = [...got].filter((k) => want.has(k)).length;
      const precision = got.size === 0 ? 0 : hits / got.size;
      const recall = hits / want.size;
      console.log(`import ${expected.source.slice(0, 3)}: precision ${precision.toFixed(2)} recall ${recall.toFixed(2)}`);
      expect(recall).toBeGreaterThanOrEqual(0.9);
      expect(precision).toBeGreaterThanOrEqual(0.8);
    });
  }
});
