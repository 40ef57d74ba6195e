import { describe, it, expect } from 'vitest';
import type { Root } from 'mdast';
import { linkCitations, headingFragment } from '../../src/report/link-citations.js';
import { toMarkdown } from '../../src/report/to-markdown.js';
import { heading, paragraph, text } from '../../src/report/mdast.js';

const ref = (n: string) => ({ type: 'linkReference' as const, identifier: n, label: n, referenceType: 'shortcut' as const, children: [text(n)] });
const def = (n: string, url = '') => ({ type: 'definition' as const, identifier: n, label: n, url, data: { citation: true } });

describe('linkCitations', () => {
  it('points every citation at the heading above the list of sources, unescaped', () => {
    const tree: Root = {
      type: 'root',
      children: [paragraph('A fact ', ref('1'), ' and another ', ref('2'), '.'), heading(2, 'Sources'), def('1', 'https://e.com/a'), def('2')],
    };
    const md = toMarkdown(linkCitations(tree));
    expect(md).toContain('A fact [1] and another [2].');
    expect(md).not.toContain('\\[');
    expect(md).toContain('[1]: #sources\n[2]: #sources');
  });

  it('drops the definitions no citation uses (markdownlint MD053)', () => {
    const tree: Root = { type: 'root', children: [paragraph('Fact ', ref('2')), heading(2, 'Sources'), def('1', 'https://e.com'), def('2')] };
    const md = toMarkdown(linkCitations(tree));
    expect(md).not.toContain('[1]:');
    expect(md).toContain('[2]: #sources');
  });

  it('uses the fragment GitHub gives a heading, numbered when an earlier heading has it', () => {
    const seen = new Map<string, number>();
    expect(headingFragment(heading(2, 'Sources & notes (public)'), seen)).toBe('sources--notes-public');
    expect(headingFragment(heading(2, 'Sources & notes (public)'), seen)).toBe('sources--notes-public-1');
    const tree: Root = { type: 'root', children: [heading(2, 'Sources'), paragraph(ref('1')), heading(2, 'Sources'), def('1')] };
    expect(toMarkdown(linkCitations(tree))).toContain('[1]: #sources-1');
  });

  it('without a heading above the list, a citation links to its document, or stays text', () => {
    const tree: Root = { type: 'root', children: [paragraph(ref('1'), ' ', ref('2')), def('1', 'https://e.com'), def('2')] };
    const md = toMarkdown(linkCitations(tree));
    expect(md).toContain('[1]: https://e.com');
    expect(md).not.toContain('[2]:');
  });
});
