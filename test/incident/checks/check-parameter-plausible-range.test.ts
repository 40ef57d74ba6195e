// validate on `range:`: each mistake at the file:line:col of the offending node.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../../../src/incident/diagnostic.js';
import { createDiagnose } from '../../support/diagnose.js';

const seed = readFileSync(
  path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../incidents/aws-ebs-2012-10-22.yaml'),
  'utf8',
);
const { diagnose, textAt } = createDiagnose();
const brief = (d: Diagnostic) => `${d.rule} @ ${textAt(d)}`;
const ranged = (rules: string[]) => (d: Diagnostic) => rules.includes(d.rule);
const rules = ['parameter/outside-range', 'parameter/range-reversed', 'parameter/range-invalid', 'parameter/range-on-published'];

/** The seed with `range:` lines inserted after the `note:` line that starts with `noteStart`. */
function withRange(text: string, noteStart: string, range: string): string {
  const at = text.indexOf(`note: ${noteStart}`);
  expect(at).toBeGreaterThan(0);
  const end = text.indexOf('\n', at);
  return `${text.slice(0, end)}\n      range: ${range}${text.slice(end)}`;
}

describe('checkParameterPlausibleRange', () => {
  it('accepts a range around the value, within the bounds', async () => {
    const text = withRange(seed, 'Not published. Sets the scale only; the stuck', '[500, 2000]');
    expect((await diagnose(text)).filter(ranged(rules))).toEqual([]);
  });

  it('points at the end the value lies beyond, at a reversed range, at an end outside the bounds', async () => {
    let text = withRange(seed, 'Not published. Sets the scale only; the stuck', '[1200, 2000]');
    text = withRange(text, 'Not published. Mean time before a stuck', '[30, 5]');
    text = withRange(text, 'Not published. Mean time to re-mirror', '[-4, 40]');
    const d = (await diagnose(text)).filter(ranged(rules));
    expect(d.map(brief)).toEqual([
      'parameter/outside-range @ 1200',
      'parameter/range-reversed @ 30',
      'parameter/range-invalid @ -4',
    ]);
    expect(d[0]!.message).toBe('parameter `servers` is 1000, outside its plausible `range: [1200, 2000]`');
    expect(d[2]!.message).toContain('starts at -4 min, below its smallest valid value 0');
  });

  it('refuses a range on a published parameter', async () => {
    const text = `${seed}`.replace(
      'provenance: assumed\n      note: Not published. A reporting agent',
      'provenance: published\n      range: [3, 12]\n      note: Not published. A reporting agent',
    );
    const d = (await diagnose(text)).filter(ranged(rules));
    expect(d.map(brief)).toEqual(['parameter/range-on-published @ range: [3']);
  });
});
