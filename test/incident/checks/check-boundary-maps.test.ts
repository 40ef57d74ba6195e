// validate on `boundaryMaps:`: each mistake at the file:line:col of the offending node.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../../../src/incident/diagnostic.js';
import { createDiagnose } from '../../support/diagnose.js';

const seed = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../incidents/aws-kinesis-2020-11-25.yaml'), 'utf8');
const { diagnose, textAt } = createDiagnose();
const brief = (d: Diagnostic) => `${d.rule} @ ${d.line}:${d.column} ${textAt(d)}`;
const ours = (d: Diagnostic) => d.rule.startsWith('boundary-map/') || d.rule === 'id/duplicate';

/** The seed with its boundary map replaced by `maps` (YAML lines under `boundaryMaps:`). */
function withMaps(maps: string): string {
  const start = seed.indexOf('\nboundaryMaps:\n');
  const end = seed.indexOf('\ncontributingFactors:');
  expect(start).toBeGreaterThan(0);
  return `${seed.slice(0, start)}\nboundaryMaps:\n${maps}${seed.slice(end)}`;
}
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('checkBoundaryMaps', () => {
  it('accepts the seed’s map', async () => {
    expect((await diagnose(seed)).filter(ours)).toEqual([]);
  });

  it('an unknown parameter, with a suggestion, at its name', async () => {
    const text = withMaps('  - id: m\n    x: { parameter: fleetSzie, range: [1000, 5000] }\n    y: { parameter: threadLimit }\n');
    const d = (await diagnose(text)).filter(ours);
    expect(d.map(brief)).toEqual([`boundary-map/unknown-parameter @ ${lineOf(text, 'fleetSzie')}:21 fleetSzie`]);
    expect(d[0]!.message).toBe('boundary map `m`: `fleetSzie` is not a parameter of `model.parameters`; did you mean `fleetSize`?');
  });

  it('a reversed range, an end beyond the valid bounds, a range that leaves out the file’s value: at the end concerned', async () => {
    const text = withMaps(
      [
        '  - id: reversed',
        '    x: { parameter: fleetSize, range: [5000, 1000] }',
        '    y: { parameter: threadLimit }',
        '  - id: invalid',
        '    x: { parameter: fleetSize, range: [-10, 5000] }',
        '    y: { parameter: threadLimit, range: [3000, 9000] }',
        '  - id: outside',
        '    x: { parameter: fleetSize, range: [1000, 3000] }',
        '    y: { parameter: threadLimit }',
        '',
      ].join('\n'),
    );
    const d = (await diagnose(text)).filter(ours);
    expect(d.map(brief)).toEqual([
      `boundary-map/range-reversed @ ${lineOf(text, '[5000, 1000]')}:40 5000`,
      `boundary-map/range-invalid @ ${lineOf(text, '[-10, 5000]')}:40 -10`,
      `boundary-map/value-outside @ ${lineOf(text, '[1000, 3000]')}:46 3000`,
    ]);
    expect(d[1]!.message).toContain('the x axis starts at -10 servers, below the smallest valid value of `fleetSize`, 0');
    expect(d[2]!.message).toContain("leaves out the file's `fleetSize` of 3680");
  });

  it('an axis with no span to take: no range here, none on the parameter, no bounds in the model', async () => {
    // A parameter the kind does not declare (a warning of its own) has no valid bounds.
    const text = withMaps('  - id: m\n    x: { parameter: bootMinutes, range: [5, 40] }\n    y: { parameter: knob }\n').replace(
      '\n  parameters:\n',
      '\n  parameters:\n    knob: { value: 3, unit: knobs, provenance: assumed, note: unused }\n',
    );
    const d = (await diagnose(text)).filter(ours);
    expect(d.map((x) => x.rule)).toEqual(['boundary-map/no-range']);
    expect(d[0]!.line).toBe(lineOf(text, 'y: { parameter: knob'));
    expect(d[0]!.column).toBe(5);
    expect(d[0]!.hint).toBe('give the axis a range, e.g. `y: { parameter: knob, range: [0.75, 12] }`');
  });

  it('the same parameter twice, an unknown scenario or series, a duplicate id', async () => {
    const text = withMaps(
      [
        '  - id: m',
        '    scenario: higher-thread-limt',
        '    series: erors',
        '    x: { parameter: threadLimit }',
        '    y: { parameter: threadLimit }',
        '  - id: m',
        '    x: { parameter: fleetSize, range: [1000, 5000] }',
        '    y: { parameter: threadLimit }',
        '',
      ].join('\n'),
    );
    const d = (await diagnose(text)).filter(ours);
    expect(d.map((x) => `${x.rule} @ ${textAt(x)}`)).toEqual([
      'boundary-map/unknown-scenario @ higher-thread-limt',
      'boundary-map/unknown-series @ erors',
      'boundary-map/same-parameter @ threadLimit',
      'id/duplicate @ m',
    ]);
    expect(d[0]!.message).toContain('did you mean `higher-thread-limit`?');
    expect(d[1]!.message).toContain('did you mean `errors`?');
  });
});
