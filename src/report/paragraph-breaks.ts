// Where a serialized paragraph may break, read off the mdast it was serialized from instead of
// parsing the markdown again (wrap-paragraph.ts parses; that parse was most of the time spent
// writing a report's markdown). The rules are the parse's: whitespace inside text may break,
// whitespace inside a link's text or an image's alt text is a second choice, code spans, raw
// HTML, references and link destinations never break.
//
// The serializer writes each phrasing node's output into the paragraph's string, with only
// emphasis, strong and strikethrough markers (`*`, `_`, `~`) between and around them. Each
// node's output is located in that order, and every character between two of them must be such
// a marker: when anything else turns up (a character reference the serializer put in to keep
// emphasis apart, a construct this module does not know), the answer is "unknown" and the
// caller parses as before. So a break is only ever placed where the parse would place one. Line
// ends already in text (a template's paragraph over several lines) are soft breaks, as the
// parse reads them, unless something about them could make the parse read more.
import type { Node, Paragraph, Parent } from 'mdast';
import { markImageAlt, safeLineStart } from './wrap-paragraph.js';

/** Offset of a whitespace character → how good a break it is (1 best, 2 only when needed). */
export type BreakMap = Map<number, 1 | 2>;

/** Text the GFM parser would turn into an autolink literal, whose breaks the parse infers. */
const autolinkLiteral = /www\.|:\/\/|@|mailto:|xmpp:/i;
/** Constructs that are one unbreakable piece of the line. */
const atomic = new Set(['inlineCode', 'html', 'footnoteReference', 'imageReference']);
/** Constructs that only add markers around their children. */
const attention = new Set(['emphasis', 'strong', 'delete']);
/** Constructs whose text is a second-choice break. */
const linkLike = new Set(['link', 'linkReference']);

/**
 * The break opportunities of `value`, the serialization of `paragraph`, given each phrasing
 * node's own output (`outputs`, recorded as the serializer wrote them); undefined when they
 * cannot be placed with certainty.
 */
export function breaksFromTree(paragraph: Paragraph, value: string, outputs: ReadonlyMap<Node, string>): BreakMap | undefined {
  const breaks: BreakMap = new Map();
  let cursor = 0;

  /** Where `text` starts, at `cursor` or after attention markers only. */
  const place = (text: string): number | undefined => {
    const at = value.indexOf(text, cursor);
    if (at < 0) return undefined;
    for (let i = cursor; i < at; i++) if (!isMarker(value.charCodeAt(i))) return undefined;
    return at;
  };

  const walk = (node: Node, level: 1 | 2): boolean => {
    if (attention.has(node.type)) return (node as Parent).children.every((child) => walk(child, level));
    const text = outputs.get(node);
    if (text === undefined) return false;
    const at = place(text);
    if (at === undefined) return false;
    const end = at + text.length;
    if (node.type === 'text') {
      if (autolinkLiteral.test(text) || !plainLineEnds(text)) return false;
      for (let i = 0; i < text.length; i++) if (text[i] === ' ' || text[i] === '\n') breaks.set(at + i, level);
    } else if (linkLike.has(node.type)) {
      cursor = at + 1; // after `[` (or `<` of an autolink)
      if (!(node as Parent).children.every((child) => walk(child, 2)) || cursor > end) return false;
    } else if (node.type === 'image') {
      markImageAlt(text, at, breaks);
    } else if (!atomic.has(node.type) || (node.type === 'footnoteReference' && /\s/.test(text))) {
      return false; // a hard break, or something this module does not know how the parse reads
    }
    cursor = end;
    return true;
  };

  if (!paragraph.children.every((child) => walk(child, 1))) return undefined;
  for (let i = cursor; i < value.length; i++) if (!isMarker(value.charCodeAt(i))) return undefined;
  // A line end outside text (in a code span, raw HTML, a link's destination): the parse decides.
  for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) if (breaks.get(i) === undefined) return undefined;
  return breaks;
}

/**
 * Whether every line end in a text's output is a soft break between two lines of plain text
 * (a template's paragraph written over several lines): not a hard break (`\` or two spaces
 * before it), not followed by indentation or by something a line may not start with.
 */
function plainLineEnds(text: string): boolean {
  if (!text.includes('\n')) return true;
  // `|`: a line of the paragraph could be read as a table's delimiter row.
  if (/(?:\\| {2}|\t)\n|\n[ \t\n]|^\n|\n$|\|/.test(text)) return false;
  return text.split('\n').slice(1).every((line) => safeLineStart(line.split(' ')[0]!));
}

function isMarker(code: number): boolean {
  return code === 42 /* * */ || code === 95 /* _ */ || code === 126 /* ~ */;
}
