// The reference the import's markdown reader is checked against: the same blocks read with
// remark, which the import used until it was too slow for large documents (12-15 s CPU for 5 MB).
// Kept in the tests only: `parsed-text-blocks.test.ts` compares the two.
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import type { Nodes, Parent, Root } from 'mdast';
import { markdownChunks } from '../../src/import/markdown-chunks.js';
import { htmlTextBlocks } from '../../src/import/html-text-blocks.js';
import { OffsetListBuilder, type Offsets } from '../../src/import/offset-list.js';
import type { TextBlock } from '../../src/import/text-blocks.js';


/**
 * The blocks in document order. The tree is walked with an explicit stack, not recursion, so
 * nesting depth costs memory, never the call stack (see also `limitNesting`).
 */
export function remarkTextBlocks(source: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  const processor = unified().use(remarkParse).use(remarkGfmTables);
  // A piece without a `|` has no table: parsed without the table syntax, which otherwise tries
  // every line of every paragraph as the head row of a table.
  const plain = unified().use(remarkParse);
  for (const chunk of markdownChunks(source)) {
    blocksOf((chunk.text.includes('|') ? processor : plain).parse(chunk.text) as Root, source, chunk.start, blocks);
  }
  return blocks;
}

/** The blocks of one parsed piece; `base` is where the piece starts in `source`. */
function blocksOf(tree: Root, source: string, base: number, blocks: TextBlock[]): void {
  type Frame = { node: Nodes; parent?: Parent; index: number; quoted: boolean; listItem: boolean };
  const stack: Frame[] = [{ node: tree, index: 0, quoted: false, listItem: false }];
  while (stack.length > 0) {
    const { node, parent, index, quoted, listItem } = stack.pop()!;
    if (node.type === 'code' || node.type === 'yaml') continue;
    if (node.type === 'html') {
      const start = offsetOf(node.position?.start.offset, base);
      const end = offsetOf(node.position?.end.offset, base);
      if (start !== undefined && end !== undefined) for (const b of htmlTextBlocks(source.slice(start, end), start, quoted)) blocks.push(b);
      continue;
    }
    if (node.type === 'tableRow') {
      const start = offsetOf(node.position?.start.offset, base);
      const end = offsetOf(node.position?.end.offset, base);
      if (start !== undefined && end !== undefined) {
        const text = source.slice(start, end);
        const head = parent?.type === 'table' && index !== 0 ? parent.children[0]?.position : undefined;
        const headStart = offsetOf(head?.start.offset, base);
        const headEnd = offsetOf(head?.end.offset, base);
        blocks.push({
          kind: 'row',
          text,
          offsets: runOf(start, text.length),
          ...(headStart !== undefined && headEnd !== undefined ? { header: source.slice(headStart, headEnd) } : {}),
          ...(quoted ? { quoted } : {}),
        });
      }
      continue;
    }
    if (node.type === 'heading' || node.type === 'paragraph') {
      const block: Building = { kind: node.type, text: '', offsets: new OffsetListBuilder() };
      collectInline(node, source, base, block);
      if (node.type === 'heading') block.depth = node.depth;
      if (quoted) block.quoted = true;
      if (listItem && parent?.type === 'listItem' && index === 0) block.listItem = true;
      if (block.text.trim() !== '') blocks.push({ ...block, offsets: block.offsets.finish() });
      continue;
    }
    if ('children' in node) {
      const inQuote = quoted || node.type === 'blockquote';
      const inList = listItem || node.type === 'listItem';
      // Pushed last child first, so children come off the stack in document order.
      for (let i = node.children.length - 1; i >= 0; i--) {
        stack.push({ node: node.children[i] as Nodes, parent: node as Parent, index: i, quoted: inQuote, listItem: inList });
      }
    }
  }
}

/** A block while its text is collected. */
type Building = Omit<TextBlock, 'offsets'> & { offsets: OffsetListBuilder };

function runOf(start: number, count: number): Offsets {
  const list = new OffsetListBuilder();
  list.pushRun(start, count);
  return list.finish();
}

function offsetOf(offset: number | undefined, base: number): number | undefined {
  return offset === undefined ? undefined : offset + base;
}

/**
 * Only the table syntax of GFM: the import needs tables, and the rest of remark-gfm (autolink
 * literals above all) makes parsing long plain-text paragraphs three times slower.
 */
function remarkGfmTables(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

function collectInline(root: Nodes, source: string, base: number, block: Building): void {
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text' || node.type === 'inlineCode') {
      const start = (node.position?.start.offset ?? 0) + base;
      const end = (node.position?.end.offset ?? 0) + base;
      alignInto(node.value, source.slice(start, end), start, block);
      continue;
    }
    if (node.type === 'break') {
      block.text += '\n';
      block.offsets.push((node.position?.start.offset ?? 0) + base);
      continue;
    }
    if (node.type === 'image' || node.type === 'html' || node.type === 'imageReference') continue;
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
}

/**
 * Map each character of a node's value onto its source slice. They differ where markdown
 * removed something (an escape, a list indent, a `>`): walking both in step skips what was removed.
 */
function alignInto(value: string, slice: string, start: number, block: Building): void {
  if (value === slice) {
    block.offsets.pushRun(start, value.length);
    block.text += value;
    return;
  }
  // Code unit by code unit, the common case (the same unit at the same place) without a call.
  let j = 0;
  const last = Math.max(slice.length - 1, 0);
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    const k = slice.charCodeAt(j) === unit ? j : nearby(slice, unit, j);
    block.offsets.push(start + (k === -1 ? Math.min(j, last) : k));
    if (k !== -1) j = k + 1;
  }
  block.text += value;
}

/**
 * `slice.indexOf(ch, from)`, looking only a short way ahead: markdown removes a few characters at
 * a time (an escape, an entity, a line's `>` and indent), and an unbounded search would make a
 * long node whose text differs from its source quadratic.
 */
function nearby(slice: string, unit: number, from: number): number {
  const limit = Math.min(slice.length, from + 256);
  for (let k = from; k < limit; k++) if (slice.charCodeAt(k) === unit) return k;
  return -1;
}
