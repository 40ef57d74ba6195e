// Fill one serialized paragraph to a line width, as a person wrapping prose by hand would.
// remark-stringify writes each paragraph on one line; markdownlint's MD013 (and anyone reading the
// raw file) wants lines of at most 100 columns.
//
// Where a line may end is decided by parsing the paragraph's markdown again, not by guessing from
// characters: a line may only end at whitespace inside a text node, so a code span, a URL, an
// autolink or an escape is never split. Whitespace inside a link's text or an image's alt text is
// a second choice, used only when a link alone is longer than the line (a chart's alt text). A
// line never starts with something a parser would read as a block (`- `, `# `, `> `, `1. `, …),
// and the result is parsed again and compared with the input: if wrapping changed what the
// paragraph says, the paragraph is left on one line rather than changed.
import type { Node, Parent, Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';

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

/** The paragraph `value` filled to the widths; unchanged when it cannot be wrapped safely. */
export function wrapParagraph(value: string, options: WrapOptions): string {
  if (value.length <= options.first && !value.includes('\n')) return value;
  const suffix = definitionsFor(options.labels ?? []);
  const tree = parser.parse(value + suffix);
  const paragraph = tree.children[0];
  // Anything but one paragraph (and the definitions we added) is not ours to rewrap.
  if (!paragraph || paragraph.type !== 'paragraph' || tree.children.length !== 1 + (options.labels?.length ?? 0)) {
    return value;
  }
  if (hasNode(paragraph, 'break')) return value; // a hard break is the author's line end
  const priority = new Map<number, 1 | 2>(); // offset of a whitespace character → how good a break it is
  collectBreaks(paragraph, value, 1, priority);
  const lines = fill(value, priority, options);
  const wrapped = lines.join('\n');
  if (wrapped === value) return value;
  return sameContent(tree, parser.parse(wrapped + suffix)) ? wrapped : value;
}

function definitionsFor(labels: readonly string[]): string {
  return labels.map((label) => `\n\n[${label.replace(/[[\]\\]/g, '\\$&')}]: #`).join('');
}

function hasNode(node: Node, type: string): boolean {
  if (node.type === type) return true;
  return 'children' in node && (node as Parent).children.some((c) => hasNode(c, type));
}

function collectBreaks(node: Node, value: string, level: 1 | 2, out: Map<number, 1 | 2>): void {
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
  if ('children' in node) for (const child of (node as Parent).children) collectBreaks(child, value, next, out);
}

function markAlt(node: Node, value: string, out: Map<number, 1 | 2>): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return;
  const raw = value.slice(start, end);
  const close = raw.lastIndexOf('](');
  if (!raw.startsWith('![') || close < 0) return;
  for (let i = start + 2; i < start + close; i++) if (value[i] === ' ' && value[i - 1] !== '\\') out.set(i, 2);
}

interface Piece {
  text: string;
  /** How good a break the whitespace before this piece is; 0 for the first piece. */
  before: 0 | 1 | 2;
}

function fill(value: string, priority: Map<number, 1 | 2>, { first, rest }: WrapOptions): string[] {
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

  // Greedy, in two passes: lines break at first-choice places; a line still too long is then
  // broken at second-choice places inside it.
  const lines = greedy(pieces, first, rest, 1);
  return lines.flatMap((line, index) => {
    const width = index === 0 ? first : rest;
    if (line.text.length <= width || !line.pieces.some((p, i) => i > 0 && p.before === 2)) return [line.text];
    return greedy(line.pieces, width, rest, 2).map((l) => l.text);
  });
}

interface Line {
  text: string;
  pieces: Piece[];
}

function greedy(pieces: readonly Piece[], first: number, rest: number, worst: 1 | 2): Line[] {
  const lines: Line[] = [];
  let line: Line | undefined;
  for (const piece of pieces) {
    if (!line) {
      line = { text: piece.text, pieces: [{ ...piece, before: 0 }] };
      continue;
    }
    const width = lines.length === 0 ? first : rest;
    const fits = line.text.length + 1 + piece.text.length <= width;
    const canBreakBefore = (pieces: readonly Piece[], i: number) =>
      pieces[i]!.before !== 0 && pieces[i]!.before <= worst && safeLineStart(pieces[i]!.text) && !pieces[i - 1]!.text.endsWith('\\');
    const all = [...line.pieces, piece];
    if (fits) {
      line.text += ` ${piece.text}`;
      line.pieces.push(piece);
      continue;
    }
    // Break before this piece if it may start a line; else before the nearest earlier piece
    // that may (`restartRate` =, then `1,200`: the `=` must not start a line), as long as what
    // moves down still fits; else let this line run long.
    let at = all.length - 1;
    while (at > 0 && !canBreakBefore(all, at)) at--;
    const moved = all.slice(at);
    const movedText = moved.map((p) => p.text).join(' ');
    if (at > 0 && (at === all.length - 1 || movedText.length <= rest)) {
      const kept = all.slice(0, at);
      lines.push({ text: kept.map((p) => p.text).join(' '), pieces: kept });
      line = { text: movedText, pieces: [{ ...moved[0]!, before: 0 }, ...moved.slice(1)] };
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
