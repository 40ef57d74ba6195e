// `validate` for CI: GitHub workflow commands, SARIF for code scanning (checked against the
// subset of SARIF 2.1.0 we write, stored in the repository), `-o FILE` and `--max-warnings`.
import { describe, it, expect } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { runMain } from './run-main.js';
import { githubCommand, toSarif } from '../../src/incident/format-diagnostics.js';

const root = path.resolve(import.meta.dirname, '../..');
const broken = 'test/fixtures/broken';
const warningOnly = `${broken}/events-out-of-order.yaml`;

function sarifValidator() {
  const ajv = new Ajv({ allErrors: true, strict: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return ajv.compile(JSON.parse(readFileSync(path.join(root, 'test/fixtures/sarif/sarif-2.1.0-subset.schema.json'), 'utf8')));
}

describe('githubCommand', () => {
  it('escapes what GitHub decodes, so a message cannot end the command or start another', () => {
    const line = githubCommand({
      file: 'incidents/a,b:c.yaml',
      line: 3,
      column: 7,
      severity: 'warning',
      rule: 'time/odd',
      message: '50% of\nit',
      hint: 'fix::it',
    });
    expect(line).toBe('::warning file=incidents/a%2Cb%3Ac.yaml,line=3,col=7,title=time/odd::50%25 of\\nit (hint: fix::it)');
    expect(line.split('\n')).toHaveLength(1);
  });
});

describe('validate --format', () => {
  it('github: one workflow command per diagnostic, then the summary; exit 1 on errors', async () => {
    const r = await runMain(['validate', '--no-cache', '--format', 'github', broken], root);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/files checked: \d+ errors/);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^::(error|warning) file=test\/fixtures\/broken\/[^,]+,line=\d+,col=\d+,title=[a-z-]+\/[a-z-]+::\S/);
  });

  it('sarif: valid against the stored SARIF subset, one result per diagnostic at its file and position', async () => {
    const json = await runMain(['validate', '--no-cache', '--format', 'json', broken], root);
    const r = await runMain(['validate', '--no-cache', '--format', 'sarif', broken], root);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const diagnostics = JSON.parse(json.stdout).diagnostics as { file: string; line: number; rule: string }[];
    const results = log.runs[0].results;
    expect(results).toHaveLength(diagnostics.length);
    expect(results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(diagnostics[0]!.file);
    expect(results[0].locations[0].physicalLocation.region.startLine).toBe(diagnostics[0]!.line);
    const rules = log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    for (const result of results) expect(rules[result.ruleIndex]).toBe(result.ruleId);
  });

  it('sarif of a clean run is a valid log with no results', () => {
    const validate = sarifValidator();
    const log = toSarif([], { version: '0.0.0' });
    expect(validate(log)).toBe(true);
    expect(log.runs[0]!.results).toEqual([]);
  });

  it('the stored subset rejects what code scanning rejects (it is not a schema that passes anything)', () => {
    const validate = sarifValidator();
    const log = toSarif([{ file: 'a.yaml', line: 1, column: 1, severity: 'error', rule: 'x/y', message: 'm' }], { version: '1' }) as any;
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(log)).toBe(false);
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 1;
    log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = '/abs/a.yaml';
    expect(validate(log)).toBe(false);
  });

  it('--json is --format json', async () => {
    const a = await runMain(['validate', '--no-cache', '--json', warningOnly], root);
    const b = await runMain(['validate', '--no-cache', '--format', 'json', warningOnly], root);
    expect(a.stdout).toBe(b.stdout);
  });
});

describe('validate --max-warnings and -o', () => {
  it('warnings alone pass, unless there are more than --max-warnings', async () => {
    expect((await runMain(['validate', '--no-cache', warningOnly], root)).code).toBe(0);
    expect((await runMain(['validate', '--no-cache', '--max-warnings', '1', warningOnly], root)).code).toBe(0);
    const over = await runMain(['validate', '--no-cache', '--max-warnings', '0', warningOnly], root);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('1 warning: more than --max-warnings 0\n');
  });

  it('--max-warnings takes a whole number (exit 2 otherwise)', async () => {
    const r = await runMain(['validate', '--max-warnings', '-1', warningOnly], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--max-warnings takes a whole number, 0 or more');
  });

  it('-o writes the report to a file and prints only the summary', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'incident-replay-o-'));
    try {
      const file = path.join(dir, 'v.sarif');
      const r = await runMain(['validate', '--no-cache', '--format', 'sarif', '-o', file, warningOnly], root);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`1 file checked: 0 errors, 1 warning; diagnostics written to ${file}\n`);
      expect(JSON.parse(await readFile(file, 'utf8')).runs[0].results).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('paths on the command line', () => {
  it('a quoted glob is expanded (sorted), not taken as a file name', async () => {
    const r = await runMain(['validate', '--no-cache', '--format', 'json', 'incidents/aws-ebs-*.yaml'], root);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files).toEqual(['incidents/aws-ebs-2011-04-21.yaml', 'incidents/aws-ebs-2012-10-22.yaml']);
  });

  it('a glob that matches nothing is a clear error', async () => {
    const r = await runMain(['validate', 'nowhere/*.yaml'], root);
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'incident-replay: no incident files (.yaml, .yml, .json) match nowhere/*.yaml\n' });
  });

  it('an id names the file in incidents/, as simulate takes it', async () => {
    const r = await runMain(['validate', '--no-cache', '--format', 'json', 'aws-kinesis-2020-11-25'], root);
    expect(JSON.parse(r.stdout).files).toEqual(['incidents/aws-kinesis-2020-11-25.yaml']);
    const missing = await runMain(['validate', 'no-such-incident'], root);
    expect(missing.stderr).toBe('incident-replay: no such file or directory, nor an incident with the id `no-such-incident` in incidents/: no-such-incident\n');
  });

  it('in a directory with no incidents/ and no paths given, says how to start', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'ir-empty-'));
    try {
      for (const command of ['validate', 'build']) {
        const r = await runMain([command], empty);
        expect(r.code, command).toBe(1);
        expect(r.stderr, command).toBe(`incident-replay: no incidents/ directory in ${empty}: start one with \`incident-replay new <id>\` (or \`incident-replay import <postmortem>\`), or name the incident files to use\n`);
      }
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
