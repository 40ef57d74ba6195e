// The blocks of a piece of markdown, read with markdown-it. remark (micromark) read a 5 MB
// postmortem in 12–15 s of CPU, nine tenths of the whole import; markdown-it reads the same
// CommonMark block structure (and GFM tables) in under a second. Its tokens carry line ranges
// for blocks but no offsets for inline text, so each piece of text is found again in the input
// from a cursor that only moves forward: one pass over the block, linear in its length.
// `parsed-text-blocks.test.ts` checks the blocks against remark's on the whole corpus.
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { htmlTextBlocks } from './html-text-blocks.js';
import { OffsetListBuilder, offsetRun } from './offset-list.js';
import type { TextBlock } from './text-blocks.js';

// CommonMark with HTML (blog and wiki exports write whole sections as HTML) and GFM tables; no
// strikethrough, typographic replacements or linkify, which remark does not apply either and
// which would change the text the import reads.
const markdown = new MarkdownIt('default', { html: true, linkify: false, typographer: false }).disable(['strikethrough']);
// A link is read for its text only: its destination is neither checked nor normalized (time
// spent for nothing), and an autolink's text stays as written, as remark keeps it.
markdown.validateLink = () => true;
markdown.normalizeLink = (url) => url;
markdown.normalizeLinkText = (text) => text;

/** A block while its text is collected. */
type Building = Omit<TextBlock, 'offsets'> & { offsets: OffsetListBuilder };

/**
 * The blocks of `text`, which starts at offset `base` of `source` (`text` is that slice, or the
 * slice with some inline markup blanked one for one, see `markdownChunks`).
 */
export function parsedTextBlocks(text: string, base: number, source: string, blocks: TextBlock[]): void {
  const tokens = markdown.parse(text, {});
  const lines = lineStarts(text);
  const lineEnd = (line: number) => {
    const next = line + 1 < lines.length ? lines[line + 1]! : text.length;
    let end = next;
    while (end > lines[line]! && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
    return end;
  };
  // One buffer for the offsets of every block of the piece, each block taking a view of its part:
  // most blocks are short, and a buffer grown (and copied) for each one was a third of this
  // function's time.
  const offsets = new OffsetListBuilder();
  let quoteDepth = 0;
  let tableHeader: string | undefined;
  let inHead = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    switch (token.type) {
      case 'blockquote_open':
        quoteDepth++;
        break;
      case 'blockquote_close':
        quoteDepth--;
        break;
      case 'thead_open':
        inHead = true;
        break;
      case 'thead_close':
        inHead = false;
        break;
      case 'table_close':
        tableHeader = undefined;
        break;
      case 'html_block': {
        if (!token.map) break;
        // The block starts where its first line's HTML does, after any `>` or list marker.
        const newline = token.content.indexOf('\n');
        const firstLine = (newline === -1 ? token.content : token.content.slice(0, newline)).trimStart();
        const lineStart = lines[token.map[0]]!;
        const found = firstLine === '' ? -1 : text.indexOf(firstLine, lineStart);
        const start = found !== -1 && found < lineEnd(token.map[0]) ? found : firstNonSpace(text, lineStart);
        const end = lineEnd(token.map[1] - 1);
        if (end > start) for (const b of htmlTextBlocks(source.slice(base + start, base + end), base + start, quoteDepth > 0)) blocks.push(b);
        break;
      }
      case 'tr_open': {
        if (!token.map) break;
        const start = rowStart(text, lines[token.map[0]]!);
        const end = lineEnd(token.map[0]);
        const row = source.slice(base + start, base + end);
        if (inHead) tableHeader = row;
        blocks.push({
          kind: 'row',
          text: row,
          offsets: offsetRun(base + start, row.length),
          ...(!inHead && tableHeader !== undefined ? { header: tableHeader } : {}),
          ...(quoteDepth > 0 ? { quoted: true } : {}),
        });
        break;
      }
      case 'heading_open':
      case 'paragraph_open': {
        const inline = tokens[i + 1];
        if (!inline || inline.type !== 'inline' || !inline.map) break;
        const block: Building = { kind: token.type === 'heading_open' ? 'heading' : 'paragraph', text: '', offsets };
        collectInline(inline.children ?? [], text, base, lines[inline.map[0]]!, lineEnd(inline.map[1] - 1), block);
        if (token.type === 'heading_open') block.depth = Number(token.tag.slice(1));
        if (quoteDepth > 0) block.quoted = true;
        if (tokens[i - 1]?.type === 'list_item_open') block.listItem = true;
        if (block.text.trim() !== '') blocks.push({ ...block, offsets: offsets.take() });
        else offsets.drop(offsets.pending);
        i++;
        break;
      }
    }
  }
}

/** Offsets where each line starts, with markdown-it's line endings (`\r\n`, `\r`, `\n`). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

function firstNonSpace(text: string, at: number): number {
  while (text[at] === ' ' || text[at] === '\t') at++;
  return at;
}

/** Where a table row starts: after the indentation and any `>` of the quotes it sits in. */
function rowStart(text: string, at: number): number {
  while (text[at] === ' ' || text[at] === '\t' || text[at] === '>') at++;
  return at;
}

/**
 * The plain text of a heading or paragraph: text and code, with line breaks; markup, images and
 * inline HTML dropped. `from`..`to` is the block's extent in `text`.
 */
function collectInline(children: readonly Token[], text: string, base: number, from: number, to: number, block: Building): void {
  let cursor = from;
  // Whether each open link is an autolink (`<https://…>`), which has no destination to skip.
  const links: boolean[] = [];
  for (let c = 0; c < children.length; c++) {
    const child = children[c]!;
    const previous = children[c - 1];
    switch (child.type) {
      case 'link_open':
        links.push(child.markup === 'autolink');
        break;
      case 'link_close':
        if (links.pop()) {
          if (text[cursor] === '>') cursor++;
        } else {
          // Past `](destination "title")` or `][label]`, so no text is found inside them.
          const close = find(']', text, cursor, to);
          if (close !== -1) cursor = skipLinkTail(text, close, to);
        }
        break;
      case 'image': {
        // `![alt](destination)`: neither the alt text nor the destination is read.
        const open = find('![', text, cursor, to);
        if (open === -1) break;
        const close = matchingBracket(text, open + 1, to);
        if (close !== -1) cursor = skipLinkTail(text, close, to);
        break;
      }
      case 'text':
      case 'text_special':
        cursor = place(child.content, text, base, cursor, to, block);
        break;
      case 'code_inline': {
        // Past the opening backticks, so that a line ending inside the span is found (see `place`).
        const open = find(child.markup, text, cursor, to);
        if (open !== -1) cursor = open + child.markup.length;
        cursor = place(child.content, text, base, cursor, to, block);
        if (text.startsWith(child.markup, cursor)) cursor += child.markup.length;
        break;
      }
      case 'softbreak':
      case 'hardbreak': {
        // Tabs before a line ending are not part of a text (markdown-it keeps them, remark not).
        if (child.type === 'softbreak' && previous?.type === 'text') trimEnd(block, /[ \t]+$/);
        const newline = nextLineEnd(text, cursor, to);
        // A hard break starts at its trailing spaces or backslash, as remark places it.
        let at = newline;
        if (child.type === 'hardbreak') {
          at = cursor;
          while (at < newline && text[at] !== ' ' && text[at] !== '\\' && text[at] !== '\t') at++;
        }
        block.text += '\n';
        block.offsets.push(base + Math.min(at, Math.max(to - 1, from)));
        cursor = Math.min(newline + 1, to);
        break;
      }
      case 'html_inline': {
        const at = find(child.content, text, cursor, to);
        if (at !== -1) cursor = at + child.content.length;
        break;
      }
      // Markup (emphasis, links) has no text of its own; an image's alt text is not read.
    }
  }
}

/** The `]` closing the `[` at `open`, or -1 (looked for within `searchWindow`). */
function matchingBracket(text: string, open: number, to: number): number {
  let depth = 0;
  const limit = Math.min(to, open + searchWindow);
  for (let k = open; k < limit; k++) {
    const c = text[k];
    if (c === '\\') k++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return k;
  }
  return -1;
}

/**
 * From the `]` that ends a link's text, the offset after its destination or label; just after
 * the `]` when none ends within `searchWindow` (each link costs a bounded scan, whatever the input).
 */
function skipLinkTail(text: string, close: number, to: number): number {
  const after = close + 1;
  const limit = Math.min(to, after + searchWindow);
  if (text[after] === '[') {
    const end = text.indexOf(']', after);
    return end !== -1 && end < limit ? end + 1 : after;
  }
  if (text[after] !== '(') return after;
  let depth = 0;
  let quote: string | undefined;
  for (let k = after; k < limit; k++) {
    const c = text[k]!;
    if (c === '\\') k++;
    else if (quote) {
      if (c === quote) quote = undefined;
    } else if ((c === '"' || c === "'") && /\s/.test(text[k - 1] ?? '')) quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return k + 1;
  }
  return after;
}

/** Remove what `pattern` (anchored at the end) matches from the end of the block's text. */
function trimEnd(block: Building, pattern: RegExp): void {
  const m = pattern.exec(block.text.slice(-64));
  if (!m) return;
  block.text = block.text.slice(0, block.text.length - m[0].length);
  block.offsets.drop(m[0].length);
}

function nextLineEnd(text: string, from: number, to: number): number {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13) return k;
  }
  return to;
}

/**
 * Append `value` to the block, each character with the offset it came from, searching from
 * `cursor`; returns the new cursor. Most text is a verbatim slice of the input. Where markdown
 * changed it (an escape, an entity, a line ending inside code), characters are matched one by one
 * a short way ahead, so a long text whose source differs stays linear.
 */
function place(value: string, text: string, base: number, cursor: number, to: number, block: Building): number {
  if (value === '') return cursor;
  const at = find(value, text, cursor, to);
  if (at !== -1) {
    block.offsets.pushRun(base + at, value.length);
    block.text += value;
    return at + value.length;
  }
  let j = cursor;
  const last = Math.max(to - 1, cursor);
  let written = '';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    // A code span over two lines: markdown-it reads its line ending as a space; the text keeps
    // the line ending, as remark did, so the sentence splitter sees two lines.
    if (unit === 32 && text.charCodeAt(j) === 10) {
      written += '\n';
      block.offsets.push(base + j++);
      continue;
    }
    const k = nearby(text, unit, j, to);
    written += value[i];
    block.offsets.push(base + (k === -1 ? Math.min(j, last) : k));
    if (k !== -1) j = k + 1;
  }
  block.text += written;
  return j;
}

/** How far past the cursor a text is looked for: the markup between two texts (a link's
 * destination, a tag) is short; a text not found this near differs from its source. */
const searchWindow = 1024;

/** Where `value` is, verbatim, at or a little after `cursor` and before `to`; -1 if not there. */
function find(value: string, text: string, cursor: number, to: number): number {
  if (cursor + value.length > to) return -1;
  if (text.startsWith(value, cursor)) return cursor;
  const windowEnd = Math.min(to, cursor + value.length + searchWindow);
  const at = text.slice(cursor, windowEnd).indexOf(value);
  return at === -1 ? -1 : cursor + at;
}

/** `text.indexOf(unit, from)` before `to`, looking only a short way ahead (see `place`). */
function nearby(text: string, unit: number, from: number, to: number): number {
  const limit = Math.min(to, from + 256);
  for (let k = from; k < limit; k++) if (text.charCodeAt(k) === unit) return k;
  return -1;
}
