// validate on a scenario's `series:` and `enough:` and an action item's `series:`: each mistake
// at the file:line:col of the offending node.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../../../src/incident/diagnostic.js';
import { createDiagnose } from '../../support/diagnose.js';

const seed = readFileSync(
  path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../incidents/aws-ebs-2011-04-21.yaml'),
  'utf8',
);
const { diagnose, textAt } = createDiagnose();
const rules = ['ref/unknown-series', 'scenario/enough-parameter', 'scenario/enough-unreachable'];
const brief = (d: Diagnostic) => `${d.rule} @ ${d.line}:${d.column} ${textAt(d)}`;

function replaceOnce(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

describe('checkScenarioGoals', () => {
  it('accepts the seed', async () => {
    expect((await diagnose(seed)).filter((d) => rules.includes(d.rule))).toEqual([]);
  });

  it('points at an unknown series, a parameter the scenario does not change, a goal without its parameter', async () => {
    let text = replaceOnce(seed, '    parameters:\n      spareCapacity: 20\n', '    series: stuk\n    parameters:\n      spareCapacity: 20\n');
    text = replaceOnce(text, '    enough:\n      parameter: createVolumeTimeout\n', '    enough:\n      peakBelow: 5\n');
    text = replaceOnce(text, '      series: crashStuck\n      peakBelow: 1\n', '      parameter: spareCapacity\n');
    text = replaceOnce(text, '    scenario: race-fixed\n', '    scenario: race-fixed\n    series: apiError\n');
    const d = (await diagnose(text)).filter((x) => rules.includes(x.rule));
    expect(d.map((x) => x.rule).sort()).toEqual(['ref/unknown-series', 'ref/unknown-series', 'scenario/enough-parameter', 'scenario/enough-parameter']);
    const unknown = d.filter((x) => x.rule === 'ref/unknown-series');
    expect(unknown.map(textAt).sort()).toEqual(['apiError', 'stuk']);
    expect(unknown.find((x) => textAt(x) === 'stuk')!.message).toContain('did you mean `stuck`?');
    const named = d.find((x) => x.rule === 'scenario/enough-parameter' && textAt(x) === 'spareCapacity')!;
    expect(named.message).toBe('`enough.parameter` is `spareCapacity`, which scenario `race-fixed` does not change');
    const missing = d.find((x) => x.rule === 'scenario/enough-parameter' && x !== named)!;
    expect(missing.message).toBe('scenario `control-plane-isolation` changes 2 parameters: `enough` must name the one to search');
    expect(brief(missing)).toMatch(/^scenario\/enough-parameter @ \d+:5 enough/);
  });
});
