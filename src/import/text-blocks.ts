// The blocks of a postmortem that can state a time: headings, paragraphs (also inside lists and
// quotes) and table rows. Each block keeps, for every character of its plain text, the offset in
// the input it came from, so an event points back at the input.
import { markdownChunks } from './markdown-chunks.js';
import { parsedTextBlocks } from './parsed-text-blocks.js';
import { plainTextBlocks } from './plain-text-blocks.js';
import type { Offsets } from './offset-list.js';

export interface TextBlock {
  kind: 'heading' | 'paragraph' | 'row';
  /** Plain text: markup removed (a table row is kept as written, pipes and all). */
  text: string;
  /** Input offset of each character of `text`. */
  offsets: Offsets;
  /** For a table row: the header row, which may name the zone of the times ("time (UTC)"). */
  header?: string;
  /** For a heading: its level (1–6). */
  depth?: number;
  /** Inside a block quote: usually a pasted chat, alert or customer message, not the narrative. */
  quoted?: boolean;
  /** A paragraph that is (the start of) a list item. */
  listItem?: boolean;
}

/**
 * The blocks in document order, piece by piece (`markdownChunks`): a piece of plain text is read
 * line by line (`plainTextBlocks`), any other through the markdown parser (`parsedTextBlocks`).
 * Neither recurses, so nesting depth costs memory, never the call stack (see also `limitNesting`).
 */
export function textBlocks(source: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const chunk of markdownChunks(source)) {
    const plainBlocks = plainTextBlocks(chunk.text, chunk.start);
    if (plainBlocks) {
      for (const b of plainBlocks) blocks.push(b);
      continue;
    }
    parsedTextBlocks(chunk.text, chunk.start, source, blocks);
  }
  return blocks;
}
