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
    '# Outage on 2023-11-08\n\nIt broke!\n\n## Timeline (UTC)\n\n- 14:03 deploy started\n- 14:10 alerts fired, 5 > 3\nlazily continued\n- 14:48 resolved  \n\n1. first\n2. second\n\nText\n1. interrupts\n\n###### Six',
    Array.from({ length: 300 }, (_, i) => `- 2020-01-01 ${String(i % 24).padStart(2, '0')}:00 UTC step ${i}`).join('\n'),
  ];
  for (const [i, text] of samples.entries()) {
    it(`agrees with the markdown parser (sample ${i + 1})`, () => {
      expect(plainTextBlocks(text, 0)).toBeDefined();
      expect(viaFastPath(text)).toEqual(viaParser(text));
    });
  }
  it('leaves anything markdown could read as syntax to the parser', () => {
    for (const text of ['Text\n2. continues the paragraph', '- - nested', '-  two spaces', '# closing #', '~~~\ncode\n~~~', 'line\r\nends', 'a *b* c', '> quote', '    code', 'a\n===', 'x &amp; y', 'a | b', '<p>x</p>', 'a\n---']) {
      expect(plainTextBlocks(text, 0)).toBeUndefined();
    }
    expect(plainTextBlocks('Q&A, 5 & 6', 0)).toBeDefined();
  });
});
