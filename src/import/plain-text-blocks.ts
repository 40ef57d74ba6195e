// The blocks of a piece of input that uses no markdown beyond headings and simple lists:
// paragraphs of plain text between blank lines, `# headings` and `- item` lines, as plain-text
// postmortems, logs and many markdown timelines are written. The markdown parser reads such text
// at 0.1–4 MB/s (a long list is its slowest case); reading it line by line gives the same
// blocks, offsets included, in a fraction of the time. Any character or line start that markdown
// could read as syntax sends the piece to the parser instead (`undefined`), so the two never
// disagree; `plain-text-blocks.test.ts` checks that they agree.
import { OffsetListBuilder } from './offset-list.js';
import type { TextBlock } from './text-blocks.js';

// Inline syntax: emphasis, code, links and images, autolinks and HTML, escapes, tables,
// strikethrough and `~~~` fences. (`!` and `>` mean nothing inside a line without `[` or `<`.) `&` only when it starts a character reference.
const inlineSyntax = /[*_`[\]<\\|~]|&(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z][A-Za-z\d]{1,31});/;
// Line starts that open a block other than a paragraph: indentation (code or lazy continuation),
// headings, quotes, lists, fences, thematic breaks and setext underlines, HTML.
const blockStart = /^(?:[ \t]|#|>|[-+*=](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|[-=]+[ \t]*$)/;
// What this reader does read itself: an ATX heading without closing hashes, a bullet item whose
// text starts a paragraph (not another list, a quote, a heading), an ordered item.
const heading = /^(#{1,6})[ \t]+(?=[^ \t#])/;
const bullet = /^[-+][ ](?=[^ \t])/;
const ordered = /^(\d{1,9})[.)][ ](?=[^ \t])/;

export function plainTextBlocks(text: string, start: number): TextBlock[] | undefined {
  // Carriage returns are kept by the parser in ways not worth copying: such text takes the parser.
  if (inlineSyntax.test(text) || text.includes('\r')) return undefined;
  const blocks: TextBlock[] = [];
  // One buffer for the offsets of every block, each block taking a view of its part.
  const offsets = new OffsetListBuilder();
  let paragraph: { text: string; item?: boolean } | undefined;
  let afterBlank = true;
  const close = () => {
    if (paragraph) blocks.push({ kind: 'paragraph', text: paragraph.text, offsets: offsets.take(), ...(paragraph.item ? { listItem: true } : {}) });
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
      afterBlank = true;
    } else {
      const h = heading.exec(line);
      const item = h ? undefined : (bullet.exec(line) ?? ordered.exec(line));
      // An ordered list interrupts a paragraph only from 1; otherwise the line continues it.
      if (item && item[1] !== undefined && paragraph && !afterBlank && item[1] !== '1' && !paragraph.item) return undefined;
      const marker = h?.[0].length ?? item?.[0].length ?? 0;
      if (marker > 0 && (blockStart.test(line.slice(marker)) || line.includes('#', marker))) return undefined;
      if (marker === 0 && blockStart.test(line)) return undefined;
      if (h || item) {
        close();
        const kept = line.replace(/[ \t]+$/, '');
        offsets.pushRun(start + lineStart + marker, kept.length - marker);
        if (h) {
          blocks.push({ kind: 'heading', depth: h[1]!.length, text: kept.slice(marker), offsets: offsets.take() });
        } else {
          paragraph = { text: kept.slice(marker), item: true };
          breakAt = start + lineStart + (line.length - kept.length >= 2 && line.endsWith('  ') ? kept.length : lineEnd - lineStart);
        }
        afterBlank = false;
        if (newline === -1) break;
        lineStart = newline + 1;
        continue;
      }
      afterBlank = false;
      // Trailing spaces end a line and are not part of its text (two or more make a hard
      // break, which the parser also writes as a line break).
      const kept = line.replace(/[ \t]+$/, '');
      if (paragraph) {
        paragraph.text += '\n';
        offsets.push(breakAt);
        paragraph.text += kept;
      } else {
        paragraph = { text: kept };
      }
      offsets.pushRun(start + lineStart, kept.length);
      // Where the line break of this line is: a hard break starts at its trailing spaces.
      breakAt = start + lineStart + (line.length - kept.length >= 2 && line.endsWith('  ') ? kept.length : lineEnd - lineStart);
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  close();
  return blocks;
}
