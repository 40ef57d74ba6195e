// validate on a composed model: each wiring mistake at the file:line:col of the offending node.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadIncidentBytes } from '../../../src/incident/load.js';
import type { Diagnostic } from '../../../src/incident/diagnostic.js';
import { createDiagnose } from '../../support/diagnose.js';

const example = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../examples/metadata-plateau.yaml'), 'utf8');

const { diagnose, textAt } = createDiagnose();
/** `rule @ text found there`: shows that each diagnostic points at the offending node. */
const brief = (d: Diagnostic) => `${d.rule} @ ${textAt(d)}`;
const edit = (pairs: [string, string][]) => pairs.reduce((text, [from, to]) => {
  expect(text).toContain(from);
  return text.replace(from, to);
}, example);

describe('checks of a composed model', () => {
  it('the example is valid', async () => {
    expect(await diagnose(example)).toEqual([]);
  });

  it('points at an unknown type, a unit mismatch, an unknown stock and a bad series expression', async () => {
    const d = await diagnose(
      edit([
        ['type: closed-clients', 'type: closed-client'],
        ['stocks: { capacity: capacity, lost: lost, queue: queue }', 'stocks: { capacity: capacity, lost: lost, queue: incoming }'],
        ['stocks: { incoming: incoming, capacity: capacity, succeeded: succeeded, failed: failed, queue: queue }', 'stocks: { incoming: incoming, capacity: capcity, succeeded: succeeded, failed: failed, queue: queue }'],
        ['expr: service.offered', 'expr: service.offered +'],
      ]),
    );
    expect(d.map(brief)).toEqual([
      'model/composition @ incoming',
      'model/composition @ closed-client',
      'model/composition @ capcity',
      'model/composition @ service.offered +',
    ]);
    expect(d[0]!.message).toBe('unit mismatch: port `queue` of `capacity` is in work, stock `incoming` in requests');
    expect(d[1]!.message).toMatch(/^unknown component type `closed-client`; known: .*closed-clients/);
    expect(d[2]!.message).toMatch(/^unknown stock `capcity`; declared: inService, outOfService, capacity/);
    expect(d[3]!.message).toBe('expected a number, a name or `(`, found the end of the expression (at character 18 of the expression)');
  });

  it('points at a no-op or unknown action argument and an unknown instance action', async () => {
    const d = await diagnose(
      edit([
        ['with: { amount: extraCapacity, overMinutes: 10 }', 'with: { amount: extraCapacty, overMinutes: -10 }'],
        ['- action: fleet.resume', '- action: fleet.resum'],
      ]),
    );
    expect(d.map(brief)).toEqual(['model/action-arg-value @ extraCapacty', 'model/action-arg-value @ -10', 'model/unknown-action @ fleet.resum']);
    expect(d[1]!.message).toBe('action `metadata.add`: argument `overMinutes` is -10 min, below its smallest valid value 0 min: the action would do nothing or the opposite');
    expect(d[2]!.message).toBe('the `example-metadata-plateau` model has no action `fleet.resum`; did you mean `fleet.resume`?');
  });

  it('a composed model needs series, and names exactly one of kind or components', async () => {
    const loaded = loadIncidentBytes('x.yaml', new TextEncoder().encode(example.replace('model:\n', 'model:\n  kind: retry-storm\n')));
    expect(loaded.diagnostics.map((d) => d.message)).toContain('`model`: a model has exactly one of `kind` (a built-in or module kind) or `components` (a composed model)');
  });
});

describe('parameter values against the bounds the model declares', () => {
  const storm = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../replay/fixtures/retry-storm.yaml'), 'utf8');
  it('a file value, a scenario override, a set effect and a fitting range, each at its place', async () => {
    const text = storm
      .replace('maxAttempts: { value: 3,', 'maxAttempts: { value: 2.5,')
      .replace('parameters: { loadShedding: 1 }', 'parameters: { loadShedding: 3 }')
      .replace('timeout: { value: 0.5, unit: min, provenance: assumed, note: 30 s client timeout, min: 0.1, max: 5 }', 'timeout: { value: 0.5, unit: min, provenance: assumed, note: 30 s client timeout, min: -1, max: 5 }');
    const d = (await diagnose(text)).filter((x) => x.rule === 'parameter/invalid-value');
    expect(d.map(brief)).toEqual(['parameter/invalid-value @ -1', 'parameter/invalid-value @ 2.5', 'parameter/invalid-value @ 3']);
    expect(d.map((x) => x.message)).toEqual([
      'the fitting range of `timeout` starts at -1 min, below its smallest valid value 0 (how long a client waits before it gives the attempt up)',
      'parameter `maxAttempts` is 2.5 attempts, not a whole number (attempts per request including the first; 1 disables retries)',
      'scenario `shedding` sets `loadShedding` to 3 flag, above its largest valid value 1 (1: the service refuses requests that would wait past the timeout)',
    ]);
  });

  it('a literal component parameter outside its bounds', async () => {
    const d = await diagnose(edit([['parameters: { timeout: timeout }', 'parameters: { timeout: -1 }']]));
    expect(d.map(brief)).toEqual(['model/composition @ -1']);
    expect(d[0]!.message).toBe('`service.timeout` is -1, below its smallest valid value 0 min');
  });
});

describe('values the replay could not use are refused by validate (issue reproducers)', () => {
  const seed = (id: string) => readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), `../../../incidents/${id}.yaml`), 'utf8');
  const valueLine = (text: string, name: string) => {
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.trim() === `${name}:`);
    const value = lines.findIndex((l, i) => i > at && /^\s+value: /.test(l));
    return { lines, value };
  };
  const withValue = (text: string, name: string, value: string) => {
    const { lines, value: i } = valueLine(text, name);
    lines[i] = lines[i]!.replace(/value: .*/, `value: ${value}`);
    return lines.join('\n');
  };
  it.each([
    ['aws-ebs-2012-10-22', 'servers', '1e10', /parameter `servers` is 10000000000 servers, above its largest valid value 100000/],
    ['aws-ebs-2012-10-22', 'servers', '-5', /parameter `servers` is -5 servers, below its smallest valid value 0/],
    ['aws-kinesis-2020-11-25', 'baseThreads', '1e308', /parameter `baseThreads` is 1e\+308 threads, above its largest valid value 10000000/],
  ])('%s with %s: %s', async (id, name, value, message) => {
    const d = (await diagnose(withValue(seed(id), name, value))).filter((x) => x.rule === 'parameter/invalid-value');
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toMatch(message);
    expect(brief(d[0]!)).toBe(`parameter/invalid-value @ ${value}`);
  });
});
