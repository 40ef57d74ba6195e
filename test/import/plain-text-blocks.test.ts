// The fast path for plain text must give exactly the blocks the markdown parser gives.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { plainTextBlocks } from '../../src/import/plain-text-blocks.js';
import { textBlocks } from '../../src/import/text-blocks.js';

/** The blocks through remark, bypassing the fast path: the text is made non-plain by a trailing `*` line in code. */
function viaParser(text: string) {
  const withSyntax = `${text}\n\n\`\`\`\n*\n\`\`\`\n`;
  return textBlocks(withSyntax).map((b) => ({ kind: b.kind, text: b.text, offsets: [...b.offsets] }));
}
function viaFastPath(text: string) {
  return plainTextBlocks(text, 0)!.map((b) => ({ kind: b.kind, text: b.text, offsets: [...b.offsets] }));
}

describe('plainTextBlocks', () => {
  const samples = [
    'One paragraph.\nWrapped over two lines.',
    'First paragraph.\n\nSecond one, with a trailing space \nand a hard break  \nthere.\n\n\n   \nThird.',
    readFileSync('test/fixtures/import/004_cccb95750468ff00.txt', 'utf8').replace(/^ +| +$/gm, ''),
  ];
  for (const [i, text] of samples.entries()) {
    it(`agrees with the markdown parser (sample ${i + 1})`, () => {
      expect(plainTextBlocks(text, 0)).toBeDefined();
      expect(viaFastPath(text)).toEqual(viaParser(text));
    });
  }
  it('leaves anything markdown could read as syntax to the parser', () => {
    for (const text of ['line\r\nends', 'a *b* c', '# Heading', '- item', '1. item', '> quote', '    code', 'a\n===', 'x &amp; y', 'a | b', '<p>x</p>', 'a\n---']) {
      expect(plainTextBlocks(text, 0)).toBeUndefined();
    }
    expect(plainTextBlocks('Q&A, 5 & 6', 0)).toBeDefined();
  });
});
