// The blocks of a piece of input that uses no markdown at all: paragraphs of plain text between
// blank lines, as plain-text postmortems (and most of many markdown ones) are written. The
// markdown parser reads such text at about 4 MB/s; splitting it at blank lines gives the same
// blocks, offsets included, in a fraction of the time. Any character or line start that markdown
// could read as syntax sends the piece to the parser instead (`undefined`), so the two never
// disagree; `plain-text-blocks.test.ts` checks that they agree.
import { OffsetListBuilder } from './offset-list.js';
import type { TextBlock } from './text-blocks.js';

// Inline syntax: emphasis, code, links and images, autolinks and HTML, escapes, tables,
// strikethrough. `&` only when it starts a character reference.
const inlineSyntax = /[*_`[\]<>\\!|~]|&(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z][A-Za-z\d]{1,31});/;
// Line starts that open a block other than a paragraph: indentation (code or lazy continuation),
// headings, quotes, lists, fences, thematic breaks and setext underlines, HTML.
const blockStart = /^(?:[ \t]|#|>|[-+*=](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|[-=]+[ \t]*$)/;

export function plainTextBlocks(text: string, start: number): TextBlock[] | undefined {
  // Carriage returns are kept by the parser in ways not worth copying: such text takes the parser.
  if (inlineSyntax.test(text) || text.includes('\r')) return undefined;
  const blocks: TextBlock[] = [];
  let paragraph: { text: string; offsets: OffsetListBuilder } | undefined;
  const close = () => {
    if (paragraph) blocks.push({ kind: 'paragraph', text: paragraph.text, offsets: paragraph.offsets.finish() });
    paragraph = undefined;
  };
  let lineStart = 0;
  let breakAt = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd);
    if (line.trim() === '') {
      close();
    } else {
      if (blockStart.test(line)) return undefined;
      // Trailing spaces end a line and are not part of its text (two or more make a hard
      // break, which the parser also writes as a line break).
      const kept = line.replace(/[ \t]+$/, '');
      if (paragraph) {
        paragraph.text += '\n';
        paragraph.offsets.push(breakAt);
        paragraph.text += kept;
      } else {
        paragraph = { text: kept, offsets: new OffsetListBuilder() };
      }
      paragraph.offsets.pushRun(start + lineStart, kept.length);
      // Where the line break of this line is: a hard break starts at its trailing spaces.
      breakAt = start + lineStart + (line.length - kept.length >= 2 && line.endsWith('  ') ? kept.length : lineEnd - lineStart);
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  close();
  return blocks;
}
