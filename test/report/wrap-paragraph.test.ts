import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { safeLineStart, wrapParagraph } from '../../src/report/wrap-paragraph.js';

const width = (first: number, rest = first) => ({ first, rest });
const lines = (s: string) => s.split('\n');

describe('wrapParagraph', () => {
  it('leaves a short paragraph alone', () => {
    expect(wrapParagraph('A short line.', width(100))).toBe('A short line.');
  });

  it('fills words greedily to the width', () => {
    const words = 'one two three four five six seven eight nine ten eleven twelve';
    const out = wrapParagraph(words, width(20));
    expect(lines(out).every((l) => l.length <= 20)).toBe(true);
    expect(out.replace(/\n/g, ' ')).toBe(words);
    expect(lines(out)[0]).toBe('one two three four');
  });

  it('uses the first width on the first line and the other on the rest (a list item)', () => {
    const out = wrapParagraph('aaaa bbbb cccc dddd eeee ffff', width(10, 14));
    expect(lines(out)).toEqual(['aaaa bbbb', 'cccc dddd eeee', 'ffff']);
  });

  it('never breaks inside a code span, a link destination or an autolink', () => {
    const md = 'Set `a very long code span with spaces` then see [the docs](https://example.com/a?b=c "a title") or <https://example.com/x>.';
    const out = wrapParagraph(md, width(12));
    expect(out).toContain('`a very long code span with spaces`');
    expect(out).toContain('(https://example.com/a?b=c "a title")');
    expect(out).toContain('<https://example.com/x>');
  });

  it('breaks inside link text only when the link alone is too long', () => {
    const short = wrapParagraph('see [two words](https://e.com) and more words here', width(30));
    expect(short).toContain('[two words](https://e.com)');
    const alt = '![Stuck volumes (%) over time: the actual replay and 5 counterfactuals](charts/stuck.png)';
    const out = wrapParagraph(alt, width(40));
    expect(lines(out).length).toBeGreaterThan(1);
    expect(out.replace(/\n/g, ' ')).toBe(alt);
  });

  it('never starts a line with something that would start a block', () => {
    const md = 'A value of `x` = 3 - 2 + 1 # not a heading > not a quote 1. not a list * not a bullet';
    for (let w = 5; w < md.length; w += 3) {
      const out = wrapParagraph(md, width(w));
      for (const line of lines(out).slice(1)) expect(safeLineStart(line.split(' ')[0]!), `width ${w}: ${line}`).toBe(true);
    }
  });

  it('moves the word before a `=` down rather than start a line with it', () => {
    const md = 'With `bootMinutes` = 7 minutes and `restartRate` = 1,200 servers/hour, the replay peaks.';
    const out = wrapParagraph(md, width(48));
    expect(lines(out).every((l) => l.length <= 48)).toBe(true);
    expect(lines(out).some((l) => l.startsWith('='))).toBe(false);
  });

  it('keeps the author’s hard breaks', () => {
    const md = 'first line\\\nsecond line that is long enough to wrap somewhere';
    expect(wrapParagraph(md, width(10))).toBe(md);
  });

  it('reads `[2]` as the reference it is when its label is defined', () => {
    const out = wrapParagraph('Some text [2] and more text after it', { ...width(14), labels: ['2'] });
    expect(out).toContain('[2]');
    expect(lines(out).every((l) => l.length <= 14)).toBe(true);
  });

  // The property: whatever the text, wrapping never changes what the paragraph says.
  it('preserves the parsed content of any paragraph (property)', () => {
    const parser = unified().use(remarkParse).use(remarkGfm);
    const strip = (node: any): any => {
      const { position, ...rest } = node;
      if (typeof rest.value === 'string' && rest.type === 'text') rest.value = rest.value.replace(/\s+/g, ' ');
      if (typeof rest.alt === 'string') rest.alt = rest.alt.replace(/\s+/g, ' ');
      if (rest.children) rest.children = rest.children.map(strip);
      return rest;
    };
    const token = fc.constantFrom('word', 'a', '-', '+', '*', '#', '>', '1.', '2)', '=', '|', '<b>', '`code span`', '[link](https://e.com)', '_em ph_', '**str ong**', '~', '~~', '\\*', '---', '[2]');
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 40 }), fc.integer({ min: 4, max: 60 }), (tokens, w) => {
        const md = `Start ${tokens.join(' ')} end.`;
        const before = parser.parse(md);
        if (before.children.length !== 1 || before.children[0]!.type !== 'paragraph') return;
        const out = wrapParagraph(md, width(w));
        expect(JSON.stringify(strip(parser.parse(out)))).toBe(JSON.stringify(strip(before)));
      }),
      { numRuns: 100 },
    );
  });
});
