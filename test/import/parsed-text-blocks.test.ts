// The import reads markdown with markdown-it (fast); remark (slow) is the reference it must agree
// with: the same blocks, the same text, each character at the same input offset.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { textBlocks, type TextBlock } from '../../src/import/text-blocks.js';
import { remarkTextBlocks } from './remark-text-blocks.js';

const corpus = 'test/fixtures/import/corpus';
const documents = readdirSync(corpus)
  .filter((f) => f.endsWith('.md') || f.endsWith('.txt'))
  .map((f) => [f, readFileSync(`${corpus}/${f}`, 'utf8')] as const);

const plain = (blocks: TextBlock[]) => blocks.map((b) => ({ ...b, offsets: [...b.offsets] }));

// Each form where markdown's text differs from its source, or where a block's extent is decided
// by a rule of its own.
const forms: Record<string, string> = {
  emphasis: '## Timeline *(all times UTC)*\n\n- **14:03** deploy `v1.2` started, _see_ ***this***\n- 14:10 alerts',
  links: 'At 14:03 [the deploy](https://example.com/a_(b)_c "title (x)") started ([#123](https://x/y/123)).\nSee [ref][r], [short] and <https://example.com/x%20y>.\n\n[r]: https://example.com\n[short]: https://example.com',
  images: 'Before ![graph at 14:00](https://x/g.png) and ![a [nested] alt](g.png "t") after 14:10.',
  escapesAndEntities: 'At 14:03 \\*not emphasis\\* &amp; 5 &lt; 6 &#x41; &copy; \\[x\\]',
  breaks: 'Line one  \nline two\\\nline three \nline four',
  quotes: '> At 14:03 someone said\nlazily continued\n>\n> > nested 14:05\n\n> | time | what |\n> |---|---|\n> | 14:03 | quoted row |',
  tables: '| Time (UTC) | Event |\n|:---|---:|\n| 14:03 | deploy \\| pipe |\n| 14:10 | **alert** |\n\nAfter the table.',
  html: '<div>\n<p>At 14:03 the deploy</p>\n</div>\n\nText with <span class="x">inline 14:05</span> html.\n\n<!-- a comment 14:06 -->',
  headings: 'Setext 14:00\n===\n\nSecond\n------\n\n### ATX closed ###\n\n- # heading in a list',
  lists: '1. first 14:01\n   continued\n2. second\n   - nested 14:02\n     more\n\n   loose paragraph\n* star\n+ plus',
  code: 'Before\n\n```\n14:03 code\n```\n\n    indented 14:04\n\nafter `code\nspan` end',
};

describe('parsedTextBlocks', () => {
  for (const [name, text] of documents) {
    it(`gives remark's blocks for ${name}`, () => {
      expect(plain(textBlocks(text))).toEqual(plain(remarkTextBlocks(text)));
    });
  }
  for (const [name, text] of Object.entries(forms)) {
    it(`gives remark's blocks for ${name}`, () => {
      expect(plain(textBlocks(text))).toEqual(plain(remarkTextBlocks(text)));
    });
  }
  it('reads every line ending (\\r\\n, \\r, \\n) inside a paragraph as one \\n at the offset where it starts', () => {
    // remark kept `\r\n` in the text and dropped a lone `\r`, gluing "Three" to "four".
    const blocks = textBlocks('One\r\ntwo *x*\r\n\r\nThree\rfour\n\n- a\r\n- b');
    expect(blocks.map((b) => b.text)).toEqual(['One\ntwo x', 'Three\nfour', 'a', 'b']);
    expect([...blocks[0]!.offsets]).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 10]);
    expect(blocks[1]!.offsets[5]).toBe(21);
    expect(blocks[3]!.offsets[0]).toBe(35);
  });
  // On degenerate input (empty list items, a heading line above a table's delimiter row) the
  // two parsers may read different blocks; what must hold whatever the input is that every
  // character points back into the input, in order.
  it('keeps every offset inside the input and in order, whatever the markup', () => {
    const pieces = ['word', ' ', '\t', '\n', '\n\n', '\r\n', '*', '**', '_', '`', '```\n', '[', ']', '(', ')', '<', '>', '> ', '- ', '1. ', '# ', '|', '---', '\\', '&amp;', '14:03', '  \n', '    ', '![', '<span>', '<div>\n', '| a | b |\n|---|---|\n', '[l](u "t")', '<http://y>'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        for (const block of textBlocks(text)) {
          expect(block.offsets.length).toBe(block.text.length);
          for (let i = 0; i < block.offsets.length; i++) {
            expect(block.offsets[i]).toBeGreaterThanOrEqual(i === 0 ? 0 : block.offsets[i - 1]!);
            expect(block.offsets[i]).toBeLessThan(text.length);
          }
        }
      }),
      { numRuns: 1000, seed: 12 },
    );
  });
});
