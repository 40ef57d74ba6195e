// Cut a document into pieces that the markdown parser reads one at a time, each of bounded size.
// A markdown parser is not linear on every input: with remark one list of 9,000 items (a pasted
// log) took 18 s, a paragraph of 80,000 unclosed `*_[` took minutes. Parsing bounded pieces makes the
// whole linear in the input. A piece ends at a blank line outside a fenced code block when it
// can, so lists, tables and paragraphs stay whole; only a run of lines longer than the bound
// with no blank line in it is cut mid-block (it is then read as two blocks, which costs the
// import nothing: it reads sentences, not the tree's shape). Within a piece, inline markup
// characters past a bound are blanked with spaces, one for one, so offsets stay true.

export interface Chunk {
  /** Offset of the piece in the document. */
  start: number;
  text: string;
}

/** Lines per piece before a cut is forced (a cut at a blank line is taken from half of it). */
export const maxChunkLines = 400;
/** Inline markup characters per piece past which they are read as plain text. */
export const maxInlineMarkup = 2000;

const fence = /^ {0,3}(`{3,}|~{3,})/;

export function markdownChunks(source: string): Chunk[] {
  const chunks: Chunk[] = [];
  let chunkStart = 0;
  let lines = 0;
  let inFence: string | undefined;
  let lineStart = 0;
  while (lineStart < source.length) {
    const newline = source.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? source.length : newline;
    const next = newline === -1 ? source.length : newline + 1;
    const line = source.slice(lineStart, Math.min(lineEnd, lineStart + 8));
    const f = fence.exec(line);
    if (f) {
      const mark = f[1]!;
      if (inFence === undefined) inFence = mark[0];
      else if (mark[0] === inFence) inFence = undefined;
    }
    lines++;
    const blank = source.slice(lineStart, lineEnd).trim() === '';
    const enough = lines >= maxChunkLines / 2;
    if ((blank && enough && inFence === undefined) || lines >= maxChunkLines) {
      chunks.push(limitInlineMarkup({ start: chunkStart, text: source.slice(chunkStart, next) }));
      chunkStart = next;
      lines = 0;
      // A forced cut inside a fence: the next piece starts outside it, as its parse will.
      inFence = undefined;
    }
    lineStart = next;
  }
  if (chunkStart < source.length || chunks.length === 0) chunks.push(limitInlineMarkup({ start: chunkStart, text: source.slice(chunkStart) }));
  return chunks;
}

function limitInlineMarkup(chunk: Chunk): Chunk {
  let seen = 0;
  let changed = false;
  const text = chunk.text.replace(/[*_`[\]<>!\\]/g, (ch) => {
    seen++;
    if (seen <= maxInlineMarkup) return ch;
    changed = true;
    return ' ';
  });
  return changed ? { ...chunk, text } : chunk;
}
