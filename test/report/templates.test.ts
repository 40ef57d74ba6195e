import { describe, it, expect } from 'vitest';
import { readFile } from 'node:fs/promises';
import { lint } from 'markdownlint-cli2/markdownlint/promise';
import { renderFixture } from './render-fixture.js';
import { expectGolden } from './golden.js';
import { shippedLintConfig } from './shipped-lint-config.js';

// The templates shipped in templates/, filled from the fixture replay: the whole report as a
// golden file, so a change to a template or to a section shows up as a diff of the report.
describe('shipped templates', () => {
  for (const name of ['default', 'brief']) {
    it(`templates/${name}.md renders without problems and passes markdownlint`, async () => {
      const text = await readFile(new URL(`../../templates/${name}.md`, import.meta.url), 'utf8');
      const { markdown, diagnostics, state } = renderFixture(text, undefined, `templates/${name}.md`);
      expect(diagnostics).toEqual([]);
      expect([...state.charts.keys()].length).toBeGreaterThan(0);
      expectGolden(`report-${name}.md`, markdown);
      const results = await lint({ strings: { [name]: markdown }, config: shippedLintConfig() });
      expect(results[name]).toEqual([]);
    });
  }
});

// The brief is brief, and never shows a counterfactual (the chart's scenario curves, an action
// item's benefit) before the caveat that says what a counterfactual is, and the assumptions line.
describe('the brief template', () => {
  it('has the summary, impact, key moments, one chart and the top action items, caveat first', async () => {
    const text = await readFile(new URL('../../templates/brief.md', import.meta.url), 'utf8');
    const { markdown, state } = renderFixture(text, undefined, 'templates/brief.md');
    expect(state.charts.size).toBe(1);
    const headings = markdown.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## Impact', '## Key moments', '## What the replay shows', '## Top action items', '## Sources']);
    const caveat = markdown.indexOf('Each counterfactual');
    const assumptions = markdown.indexOf('parameters is assumed');
    const firstClaim = Math.min(...['counterfactual,', 'less impact', '](charts/'].map((s) => markdown.indexOf(s)).filter((i) => i >= 0));
    expect(caveat).toBeGreaterThan(0);
    expect(assumptions).toBeGreaterThan(caveat);
    expect(firstClaim).toBeGreaterThan(assumptions);
  });
});
