// Fill one serialized paragraph to a line width, as a person wrapping prose by hand would.
// remark-stringify writes each paragraph on one line; markdownlint's MD013 (and anyone reading the
// raw file) wants lines of at most 100 columns.
//
// Where a line may end is decided by parsing the paragraph's markdown again, not by guessing from
// characters: a line may only end at whitespace inside a text node, so a code span, a URL, an
// autolink or an escape is never split. Whitespace inside a link's text or an image's alt text is
// a second choice, used only when a link alone is longer than the line (a chart's alt text). A
// line never starts with something a parser would read as a block (`- `, `# `, `> `, `1. `, …).
// Where a break was inferred rather than read off the parse, the result is parsed again and
// compared with the input: if wrapping changed what the paragraph says, the paragraph is left on
// one line rather than changed.
import type { Node, Parent, Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { BreakMap } from './paragraph-breaks.js';

const parser = unified().use(remarkParse).use(remarkGfm);

/** Constructs whose inside must stay on one line. */
const atomic = new Set(['inlineCode', 'html', 'image', 'imageReference', 'footnoteReference', 'break']);
/** Constructs whose text may wrap, but only when nothing else helps. */
const secondChoice = new Set(['link', 'linkReference']);

export interface WrapOptions {
  /** Columns left on the first line (the line may start after a list marker). */
  first: number;
  /** Columns left on every further line (after the indentation the caller adds). */
  rest: number;
  /**
   * Labels of the link references in the paragraph: defined for the parse, so `[2]` is read as
   * the reference it is in the document and not as text.
   */
  labels?: readonly string[];
}

/**
 * The paragraph `value` filled to the widths; unchanged when it cannot be wrapped safely.
 * `known`: its breaks as read off the tree it was serialized from (paragraph-breaks.ts), which
 * spares the parse when they are all first choices; breaks inside link text or alt text are
 * still checked by parsing.
 */
export function wrapParagraph(value: string, options: WrapOptions, known?: BreakMap): string {
  if (value.length <= options.first && !value.includes('\n')) return value;
  if (known) {
    // Breaks read off the tree are the parse's. A line that starts inside link text or alt text
    // needs no parse either when it starts with a word (a letter or a digit; `safeLineStart`
    // already refused `1.` and the like): inside brackets a line end is whitespace to the parse,
    // as between words, and a word opens no block. That parse was a third of writing a report's
    // markdown, as each chart's alt text is longer than a line. A paragraph with a `|` is checked
    // by parsing, wherever it broke (see `mayReadAsTable`); so is any other start inside brackets.
    // The property test of paragraph-breaks.test.ts holds both ways to the same bytes.
    const { lines, secondChoiceStarts } = fill(value, known, options);
    const wrapped = lines.join('\n');
    if (wrapped === value || (!mayReadAsTable(wrapped) && secondChoiceStarts.every((line) => startsWithWord.test(line)))) return wrapped;
  }
  const suffix = definitionsFor(options.labels ?? []);
  const tree = parser.parse(value + suffix);
  const paragraph = tree.children[0];
  // Anything but one paragraph (and the definitions we added) is not ours to rewrap.
  if (!paragraph || paragraph.type !== 'paragraph' || tree.children.length !== 1 + (options.labels?.length ?? 0)) {
    return value;
  }
  if (hasNode(paragraph, 'break')) return value; // a hard break is the author's line end
  const priority = new Map<number, 1 | 2>(); // offset of a whitespace character → how good a break it is
  const spans = { inferred: false };
  collectBreaks(paragraph, value, 1, priority, spans);
  const wrapped = fill(value, priority, options).lines.join('\n');
  if (wrapped === value) return value;
  // Parsing again costs as much as the first parse, so it is kept for the paragraphs whose breaks
  // were not read straight off positioned text nodes: breaks inside a link's text or an image's
  // alt text, and spans whose positions GFM's autolink literals took away. (For the rest, the
  // property test of wrap-paragraph.test.ts holds the rules to the same standard.)
  const checked = spans.inferred || [...priority.values()].includes(2) || mayReadAsTable(wrapped);
  return !checked || sameContent(tree, parser.parse(wrapped + suffix)) ? wrapped : value;
}

/**
 * Lines of a paragraph with a `|` may read as a table once broken (`a | b` over `--- | ---`):
 * GFM lets a table interrupt a paragraph, and no one line's start shows it. Such a paragraph is
 * checked by parsing it again.
 */
function mayReadAsTable(wrapped: string): boolean {
  return wrapped.includes('|');
}

function definitionsFor(labels: readonly string[]): string {
  return labels.map((label) => `\n\n[${label.replace(/[[\]\\]/g, '\\$&')}]: #`).join('');
}

function hasNode(node: Node, type: string): boolean {
  if (node.type === type) return true;
  return 'children' in node && (node as Parent).children.some((c) => hasNode(c, type));
}

function collectBreaks(node: Node, value: string, level: 1 | 2, out: Map<number, 1 | 2>, spans: { inferred: boolean }): void {
  if (atomic.has(node.type)) {
    // An image's alt text is plain text between `![` and `](`: a second choice, like link text.
    if (node.type === 'image') markAlt(node, value, out);
    return;
  }
  if (node.type === 'text') {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    for (let i = start; i < end; i++) if (value[i] === ' ' || value[i] === '\n') out.set(i, level);
    return;
  }
  const next = secondChoice.has(node.type) ? 2 : level;
  if (!('children' in node)) return;
  const children = (node as Parent).children;
  for (const [i, child] of children.entries()) {
    if (child.position) {
      collectBreaks(child, value, next, out, spans);
      continue;
    }
    // GFM's autolink literals are found after parsing, in text values (`https://…`, `a@b.org`):
    // the text around one loses its position. Such a run of text and URL-only links lies between
    // its positioned neighbours, and only its text has spaces, so every space there is a break.
    // Only inside constructs whose own syntax has no spaces (not a link's destination or title).
    if (i > 0 && !children[i - 1]!.position) continue; // the run was handled at its first node
    if (!spanSafe.has(node.type) || !node.position) continue;
    const from = children[i - 1]?.position?.end.offset ?? node.position.start.offset;
    let j = i;
    while (j < children.length && !children[j]!.position) j++;
    const to = children[j]?.position?.start.offset ?? node.position.end.offset;
    if (from === undefined || to === undefined) continue;
    spans.inferred = true;
    for (let k = from; k < to; k++) if ((value[k] === ' ' || value[k] === '\n') && value[k - 1] !== '\\') out.set(k, next);
  }
}

/** Parents whose syntax around their children has no whitespace of its own. */
const spanSafe = new Set(['paragraph', 'emphasis', 'strong', 'delete']);

function markAlt(node: Node, value: string, out: Map<number, 1 | 2>): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start !== undefined && end !== undefined) markImageAlt(value.slice(start, end), start, out);
}

/**
 * The spaces inside an image's alt text (`raw`, the image's markdown, at `start` of the
 * paragraph) as second-choice breaks.
 */
export function markImageAlt(raw: string, start: number, out: Map<number, 1 | 2>): void {
  const close = raw.lastIndexOf('](');
  if (!raw.startsWith('![') || close < 0) return;
  for (let i = 2; i < close; i++) if (raw[i] === ' ' && raw[i - 1] !== '\\') out.set(start + i, 2);
}

interface Piece {
  text: string;
  /** How good a break the whitespace before this piece is; 0 for the first piece. */
  before: 0 | 1 | 2;
}

/** A line that starts with a letter or a digit of any script. */
const startsWithWord = /^[\p{L}\p{N}]/u;

/** The lines, and those of them that start at a second-choice break. */
function fill(value: string, priority: ReadonlyMap<number, 1 | 2>, { first, rest }: WrapOptions): { lines: string[]; secondChoiceStarts: string[] } {
  // Split at every break opportunity; a run of whitespace is one opportunity (its best level).
  const pieces: Piece[] = [];
  let current = '';
  let pending: 0 | 1 | 2 = 0;
  let gap: 0 | 1 | 2 = 0;
  for (let i = 0; i < value.length; i++) {
    const level = priority.get(i);
    if (level !== undefined) {
      gap = gap === 0 ? level : (Math.min(gap, level) as 1 | 2);
      continue;
    }
    if (gap !== 0 && current !== '') {
      pieces.push({ text: current, before: pending });
      current = '';
      pending = gap;
    } else if (gap !== 0) {
      pending = gap;
    }
    gap = 0;
    current += value[i];
  }
  if (current !== '') pieces.push({ text: current, before: pending });

  // A link whose text is longer than a line may break inside its text; any other may not. The
  // pieces joined by second-choice gaps are one link's text: measure each such group.
  const groupLength: number[] = [];
  for (let i = 0; i < pieces.length; ) {
    let j = i + 1;
    while (j < pieces.length && pieces[j]!.before === 2) j++;
    const length = pieces.slice(i, j).reduce((n, p, k) => n + p.text.length + (k > 0 ? 1 : 0), 0);
    for (let k = i; k < j; k++) groupLength.push(length);
    i = j;
  }
  const allowed = pieces.map((p, i) => p.before === 1 || (p.before === 2 && groupLength[i]! > rest));
  const lines = greedy(pieces, allowed, first, rest);
  return { lines: lines.map((l) => l.text), secondChoiceStarts: lines.filter((l) => l.start === 2).map((l) => l.text) };
}

interface Line {
  text: string;
  pieces: Piece[];
  /** The break this line starts at: 0 for the first line. */
  start: 0 | 1 | 2;
}

function greedy(pieces: readonly Piece[], allowed: readonly boolean[], first: number, rest: number): Line[] {
  const lines: Line[] = [];
  let line: Line | undefined;
  for (const [index, piece] of pieces.entries()) {
    if (!line) {
      line = { text: piece.text, pieces: [{ ...piece, before: 0 }], start: 0 };
      continue;
    }
    const width = lines.length === 0 ? first : rest;
    const fits = line.text.length + 1 + piece.text.length <= width;
    const all = [...line.pieces, piece];
    const offset = index - line.pieces.length; // index in `pieces` of the line's first piece
    const canBreakBefore = (i: number) =>
      i > 0 && allowed[offset + i] === true && safeLineStart(all[i]!.text) && !all[i - 1]!.text.endsWith('\\');
    if (fits) {
      line.text += ` ${piece.text}`;
      line.pieces.push(piece);
      continue;
    }
    // Break before this piece if it may start a line; else before the nearest earlier piece
    // that may (`restartRate` =, then `1,200`: the `=` must not start a line), as long as what
    // moves down still fits; else let this line run long.
    let at = all.length - 1;
    while (at > 0 && !canBreakBefore(at)) at--;
    const moved = all.slice(at);
    const movedText = moved.map((p) => p.text).join(' ');
    if (at > 0 && (at === all.length - 1 || movedText.length <= rest)) {
      const kept = all.slice(0, at);
      lines.push({ text: kept.map((p) => p.text).join(' '), pieces: kept, start: line.start });
      line = { text: movedText, pieces: [{ ...moved[0]!, before: 0 }, ...moved.slice(1)], start: moved[0]!.before };
    } else {
      line.text += ` ${piece.text}`;
      line.pieces.push(piece);
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Whether a line may start with `text` inside a paragraph. Conservative: it refuses anything
 * that starts a block in CommonMark or GFM, or could end the paragraph as a setext underline.
 */
export function safeLineStart(text: string): boolean {
  return !(
    /^#{1,6}(?:\s|$)/.test(text) ||
    /^[>|<]/.test(text) ||
    /^[-+*](?:\s|$)/.test(text) ||
    /^\d{1,9}[.)](?:\s|$)/.test(text) ||
    /^[-=*_]+$/.test(text) ||
    /^(?:```|~~~)/.test(text)
  );
}

/** The same document, ignoring positions and how whitespace is laid out in text. */
function sameContent(a: Root, b: Root): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}

function normalize(node: Node): unknown {
  const { position: _position, ...rest } = node as Node & Record<string, unknown>;
  const out: Record<string, unknown> = { ...rest };
  if (typeof out.value === 'string' && node.type === 'text') out.value = (out.value as string).replace(/\s+/g, ' ');
  if (typeof out.alt === 'string') out.alt = (out.alt as string).replace(/\s+/g, ' ');
  if ('children' in node) out.children = (node as Parent).children.map(normalize);
  return out;
}
