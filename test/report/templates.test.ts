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
