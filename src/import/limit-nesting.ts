// Cap how deeply a document nests quotes and lists before the markdown parser reads it. remark
// spent time quadratic in the nesting depth (lists nested 3,000 deep on one line took 26 s to
// parse), markdown-it stops reading past 100 levels (the text beyond is lost), and no postmortem
// nests more than a handful of levels. Markers past the cap are
// replaced by no-break spaces, one for one, so the text keeps its length and every offset
// the parser reports still points at the same character of the input: the deep line is then read
// as the text of the last level kept, and a warning says where.

/** Deeper than any real document; shallow enough that parsing stays linear. */
export const maxNesting = 32;
/** Leading indentation (in columns) past which a line is not read as nested any deeper. */
export const maxIndent = 4 * maxNesting;

export interface NestingLimit {
  text: string;
  /** 1-based lines whose nesting was cut, with the depth they asked for (first few only). */
  cut: Array<{ line: number; depth: number }>;
  /** How many lines were cut in all. */
  cutLines: number;
}

const noBreakSpace = '\u00a0';
// One container marker: up to three spaces, then `>` or a list bullet or number, then a space.
const marker = /[ ]{0,3}(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?/y;

export function limitNesting(source: string): NestingLimit {
  const cut: NestingLimit['cut'] = [];
  let cutLines = 0;
  let out: string[] | undefined;
  let lineStart = 0;
  let line = 1;
  while (lineStart <= source.length) {
    const newline = source.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? source.length : newline;
    const replaced = limitLine(source, lineStart, lineEnd);
    if (replaced) {
      out ??= [source.slice(0, lineStart)];
      out.push(replaced.text);
      cutLines++;
      if (cut.length < 5) cut.push({ line, depth: replaced.depth });
    } else if (out) {
      out.push(source.slice(lineStart, lineEnd));
    }
    if (newline === -1) break;
    if (out) out.push('\n');
    lineStart = newline + 1;
    line++;
  }
  return { text: out ? out.join('') : source, cut, cutLines };
}

/** The line with markers past `maxNesting` (and indentation past `maxIndent`) blanked, or undefined when it is shallow. */
function limitLine(source: string, start: number, end: number): { text: string; depth: number } | undefined {
  let at = start;
  let depth = 0;
  let keepUntil = start;
  for (;;) {
    // Indentation alone nests list items: blank whatever goes past the cap.
    let indent = at;
    while (indent < end && (source[indent] === ' ' || source[indent] === '\t')) indent++;
    if (at === start && indent - start > maxIndent) {
      return { text: source.slice(start, start + maxIndent) + noBreakSpace.repeat(indent - start - maxIndent) + source.slice(indent, end), depth: Math.max(depth, maxNesting + 1) };
    }
    marker.lastIndex = at;
    const m = marker.exec(source);
    if (!m || m[0].length === 0 || m.index >= end) break;
    at = m.index + m[0].length;
    depth++;
    if (depth <= maxNesting) keepUntil = at;
  }
  if (depth <= maxNesting) return undefined;
  // Blank each marker character past the cap, keeping the length.
  const blanked = source.slice(keepUntil, at).replace(/./g, noBreakSpace);
  return { text: source.slice(start, keepUntil) + blanked + source.slice(at, end), depth };
}
