// When the model kinds cannot be loaded (a bug in a kind), validate still runs every other
// check and says that the model was not checked, instead of crashing.
import { describe, it, expect, vi } from 'vitest';
import { checkIncident } from '../../src/incident/check.js';
import { loadIncidentBytes } from '../../src/incident/load.js';

vi.mock('../../src/model/kinds/index.js', () => {
  throw new Error('SyntaxError in a kind');
});

const text = `id: x
title: t
summary: s
service: s
region: r
timezone: UTC
severity: sev3
sources: [{ id: pm, title: t }]
timeline:
  - { at: 2020-01-01 00:00, phase: impact, text: t, source: pn, quote: q }
model:
  kind: anything
  start: 2020-01-01 00:00
  end: 2020-01-01 01:00
  parameters: {}
`;

describe('checkIncident without the model kinds', () => {
  it('warns at model.kind and still runs the other checks', async () => {
    const loaded = loadIncidentBytes('x.yaml', new TextEncoder().encode(text));
    expect(loaded.diagnostics).toEqual([]);
    const d = await checkIncident(loaded);
    expect(d.map((x) => `${x.line}:${x.column} ${x.severity} ${x.rule}`).sort()).toEqual([
      '10:61 error ref/unknown-source',
      '12:9 warning model/kinds-unavailable',
    ]);
    const message = d.find((x) => x.rule === 'model/kinds-unavailable')!.message;
    expect(message).toMatch(
      // vitest wraps the factory's error in its own message; what matters is the shape.
      /^the model kinds could not be loaded \(.+\), so the model was not checked against its kind$/,
    );
  });
});
