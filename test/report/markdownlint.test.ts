import { describe, it, expect } from 'vitest';
import { readFile } from 'node:fs/promises';
import { lint } from 'markdownlint-cli2/markdownlint/promise';
import { renderFixture } from './render-fixture.js';
import { toMarkdown } from '../../src/report/to-markdown.js';
import { indexPage } from '../../src/report/index-page.js';
import { incidentSummary } from '../../src/report/incident-summary.js';
import { lineWidth } from '../../src/report/markdown-handlers.js';
import { builtinTemplateNames } from '../../src/incident/template-path.js';
import { fixtureState } from './render-fixture.js';
import { shippedLintConfig } from './shipped-lint-config.js';

// The rules `npm run lint:md` checks out/ with: markdownlint's defaults, prose at most 100
// columns (the generator wraps it), tables exempt.
const config = shippedLintConfig();

async function problems(markdown: string): Promise<string[]> {
  const results = await lint({ strings: { 'README.md': markdown }, config });
  return (results['README.md'] ?? []).map((r) => `${r.lineNumber}: ${r.ruleNames.join('/')} ${r.ruleDescription} ${r.errorDetail ?? ''}`);
}

describe('generated markdown passes markdownlint with the shipped .markdownlint.jsonc', () => {
  it('the generator wraps at the width the config allows', () => {
    expect(config.default).toBe(true);
    expect(config.MD013).toEqual({ line_length: lineWidth, tables: false });
  });

  for (const name of builtinTemplateNames()) {
    it(`the report of the ${name} template`, async () => {
      const template = await readFile(new URL(`../../templates/${name}.md`, import.meta.url), 'utf8');
      const { markdown, diagnostics } = renderFixture(template);
      expect(diagnostics).toEqual([]);
      expect(await problems(markdown)).toEqual([]);
      // Citations are link references to the list of sources, not escaped text.
      expect(markdown).not.toMatch(/\\\[\d+\]/);
      expect(markdown).toMatch(/^\[1\]: #sources$/m);
    });
  }

  it('the index page', async () => {
    const summary = incidentSummary(fixtureState());
    expect(await problems(toMarkdown(indexPage([summary, { ...summary, id: 'other', title: 'Other | <b>x</b>' }])))).toEqual([]);
  });

  it('long prose from an incident file is wrapped, in paragraphs and in list items', async () => {
    const long = 'A sentence that goes on, with `code`, a [link](https://example.com/a/long/path) and _emphasis_, '.repeat(6);
    const { markdown } = renderFixture('# Title\n\n::summary\n\n- :value{name=title} and some more words to make it long enough to wrap, and some more words to make it long enough to wrap, and more\n', {
      ...fixtureState().replay,
      incident: { ...fixtureState().replay.incident, summary: long },
    });
    expect(markdown.split('\n').every((l) => l.length <= lineWidth)).toBe(true);
    expect(await problems(markdown)).toEqual([]);
  });

  it('catches a problem when there is one (the check is live)', async () => {
    expect(await problems('# A\n\n# A\n')).not.toEqual([]);
    expect(await problems(`# A\n\n${'word '.repeat(30)}\n`)).not.toEqual([]);
  });
});
