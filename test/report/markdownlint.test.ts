import { describe, it, expect } from 'vitest';
import { readFile } from 'node:fs/promises';
import { lint } from 'markdownlint-cli2/markdownlint/promise';
import { renderFixture } from './render-fixture.js';
import { toMarkdown } from '../../src/report/to-markdown.js';
import { indexPage } from '../../src/report/index-page.js';
import { incidentSummary } from '../../src/report/incident-summary.js';
import { fixtureState } from './render-fixture.js';

// markdownlint's default rules, except MD013 (line length): table rows and generated
// paragraphs are one line each, and wrapping them would not make them easier to read.
const config = { default: true, MD013: false };

async function problems(markdown: string): Promise<string[]> {
  const results = await lint({ strings: { 'README.md': markdown }, config });
  return (results['README.md'] ?? []).map((r) => `${r.lineNumber}: ${r.ruleNames.join('/')} ${r.ruleDescription} ${r.errorDetail ?? ''}`);
}

describe('generated markdown passes markdownlint', () => {
  it('the report of the default template', async () => {
    const template = await readFile(new URL('../../templates/default.md', import.meta.url), 'utf8');
    const { markdown, diagnostics } = renderFixture(template);
    expect(diagnostics).toEqual([]);
    expect(await problems(markdown)).toEqual([]);
  });

  it('the index page', async () => {
    const summary = incidentSummary(fixtureState());
    expect(await problems(toMarkdown(indexPage([summary, { ...summary, id: 'other', title: 'Other | <b>x</b>' }])))).toEqual([]);
  });

  it('catches a problem when there is one (the check is live)', async () => {
    expect(await problems('# A\n\n# A\n')).not.toEqual([]);
  });
});
