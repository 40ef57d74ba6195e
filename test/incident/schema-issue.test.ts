// Schema problems as diagnostics: the place of the node, what was found and expected, and for a
// misspelt key the key that was meant.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadIncidentBytes } from '../../src/incident/load.js';
import type { Diagnostic } from '../../src/incident/diagnostic.js';

const valid = readFileSync(path.resolve(import.meta.dirname, '../fixtures/valid/full.yaml'), 'utf8');

function load(text: string): Diagnostic[] {
  return loadIncidentBytes('x.yaml', new TextEncoder().encode(text)).diagnostics;
}
/** The line of the first occurrence of `needle` in `text`, 1-based. */
function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  if (i === -1) throw new Error(`not in text: ${needle}`);
  return text.slice(0, i).split('\n').length;
}

describe('unknown fields', () => {
  it('suggests the field meant, at the misspelt key, at every depth', () => {
    const cases: [string, string, string, string][] = [
      ['\ntitle: Queue', '\ntitel: Queue', '`titel` in the file', 'title'],
      ['      provenance: assumed', '      provenence: assumed', '`provenence` in `model.parameters.workers`', 'provenance'],
      ['    rationale: What if the change', '    rationales: What if the change', '`rationales` in `scenarios[0]`', 'rationale'],
      ['      remove: [push]', '      remvoe: [push]', '`remvoe` in `scenarios[0].timeline`', 'remove'],
      ['    window: {', '    widnow: {', '`widnow` in `observed[0]`', 'window'],
    ];
    for (const [from, to, where, meant] of cases) {
      const text = valid.replace(from, to);
      const key = to.trim().split(':')[0]!;
      const d = load(text);
      expect(d, key).toHaveLength(1);
      expect(d[0]).toMatchObject({
        rule: 'schema/unknown-field',
        line: lineOf(text, to.replace(/^\n/, '')),
        column: to.replace(/^\n/, '').indexOf(key) + 1,
        message: `unknown field ${where}; did you mean \`${meant}\`?`,
        hint: `rename \`${key}\` to \`${meant}\``,
      });
    }
  });

  it('lists the allowed fields when nothing is close', () => {
    const d = load(valid.replace('    url: https://example.com/postmortem', '    homepage: https://example.com/postmortem'));
    expect(d).toEqual([
      expect.objectContaining({
        rule: 'schema/unknown-field',
        line: 12,
        column: 5,
        message: 'unknown field `homepage` in `sources[0]`',
        hint: 'remove it; the fields allowed here are `id`, `title`, `url`, `published`, `seed`, `kind`, `file`, `note`',
      }),
    ]);
  });

  it('names the other unknown keys of the same mapping', () => {
    const d = load(valid.replace('    kind: primary\n', '    kind: primary\n    author: someone\n    year: 2021\n'));
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toBe('unknown field `author` in `sources[0]` (also: `year`)');
  });
});

describe('other schema problems', () => {
  it('reports a missing field at the mapping that lacks it', () => {
    const d = load(valid.replace('severity: sev2\n', ''));
    expect(d).toEqual([
      expect.objectContaining({
        rule: 'schema/missing-field',
        message: 'missing required field `severity`, expected one of `sev1`, `sev2`, `sev3`, `sev4`',
      }),
    ]);
    // (`quote` may be left out, for a paraphrase: `source` may not.)
    const text = valid.replace('    source: pm\n    quote: By 11:00 AM the backlog had cleared.\n', '    quote: By 11:00 AM the backlog had cleared.\n');
    const missing = load(text);
    expect(missing).toEqual([
      expect.objectContaining({ rule: 'schema/missing-field', message: 'missing required field `timeline[4].source`, expected a text' }),
    ]);
    // At the event that lacks it.
    expect(missing[0]!.line).toBe(lineOf(text, '  - at: 2021-03-10 11:00'));
  });

  it('says what type was found and how to write the expected one', () => {
    const d = load(valid.replace('    value: 45\n', '    value: "45"\n'));
    expect(d).toEqual([
      expect.objectContaining({
        rule: 'schema/wrong-type',
        message: '`observed[0].value` is `45`, expected a number',
        hint: 'write the number without quotes or units (the unit has its own field)',
        column: 12,
      }),
    ]);
  });

  it('suggests an enumeration value only when one is clearly meant', () => {
    let d = load(valid.replace('    phase: detection', '    phase: detecton'));
    expect(d[0]).toMatchObject({ rule: 'schema/invalid-value', hint: 'did you mean `detection`?' });
    d = load(valid.replace('severity: sev2', 'severity: sev9'));
    expect(d[0]!.hint).toBe('use one of `sev1`, `sev2`, `sev3`, `sev4`');
  });

  it('reports a malformed id and duration in words', () => {
    let d = load(valid.replace('  - id: no-push', '  - id: No Push'));
    expect(d[0]).toMatchObject({ rule: 'schema/invalid-format', message: '`scenarios[0].id` is `No Push`, expected an id in kebab-case such as `spare-capacity`' });
    d = load(valid.replace('by: -30m', 'by: half an hour'));
    expect(d[0]).toMatchObject({ rule: 'schema/invalid-format', message: '`scenarios[1].timeline.shift[0].by` is `half an hour`, expected a duration such as `15m` or `1h30m`' });
  });

  it('points at the opening bracket or quote that is never closed', () => {
    expect(load('id: x\ntitle: [a, b\nsummary: s\n')).toEqual([
      expect.objectContaining({ rule: 'yaml/syntax', line: 2, column: 8, message: 'YAML syntax: this `[` is never closed' }),
    ]);
    expect(load('id: x\ntitle: {a: b\nsummary: s\n')).toEqual([
      expect.objectContaining({ rule: 'yaml/syntax', line: 2, column: 8, message: 'YAML syntax: this `{` is never closed' }),
    ]);
    expect(load("id: x\ntitle: 'a\nsummary: s\n")).toEqual([
      expect.objectContaining({ rule: 'yaml/syntax', line: 2, column: 8, message: 'YAML syntax: this quote is never closed' }),
    ]);
  });

  it('reports the first YAML syntax error and how many follow', () => {
    const d = load('id: x\n  title: y\n');
    expect(d).toEqual([
      expect.objectContaining({
        rule: 'yaml/syntax',
        line: 1,
        column: 5,
        message: 'YAML syntax: Nested mappings are not allowed in compact mappings (and 1 more syntax error after it, often caused by this one)',
      }),
    ]);
  });

  it('reports a file that is not one mapping', () => {
    expect(load('- id: a\n- id: b\n')).toEqual([
      expect.objectContaining({
        rule: 'schema/wrong-type',
        line: 1,
        column: 1,
        message: 'the file is a list, expected a mapping (`key: value` lines)',
        hint: 'an incident file is a mapping: `key: value` lines starting at the left margin (see `incident-replay new`)',
      }),
    ]);
    expect(load('id: a\n---\nid: b\n')).toEqual([
      expect.objectContaining({
        rule: 'yaml/syntax',
        line: 2,
        hint: 'an incident file holds one document: remove the `---` line, or split the file in two',
      }),
    ]);
  });

  it('reports nesting too deep for the parser instead of crashing', () => {
    const d = load(`a: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    expect(d).toEqual([expect.objectContaining({ rule: 'yaml/syntax', severity: 'error' })]);
    expect(d[0]!.hint).toBe('the file nests too deeply to be an incident file: check its brackets and indentation');
  });

  it('reports a tab used for indentation', () => {
    expect(load('id: x\nsources:\n\t- id: a\n')[0]).toMatchObject({ line: 3, column: 1, hint: 'YAML indents with spaces: replace the tab' });
  });

  it('reports a duplicate key', () => {
    const d = load(valid.replace('service: Example Queue\n', 'service: Example Queue\nservice: Again\n'));
    expect(d).toEqual([expect.objectContaining({ rule: 'yaml/syntax', line: 6, column: 1 })]);
    expect(d[0]!.hint).toBe('each key may appear once in a mapping: remove or rename the second one');
  });
});
