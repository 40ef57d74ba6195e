// The blocks of a postmortem that can state a time: headings, paragraphs (also inside lists and
// quotes) and table rows. Markdown is parsed with remark; each block keeps, for every character
// of its plain text, the offset in the input it came from, so an event points back at the input.
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { visit, SKIP } from 'unist-util-visit';
import type { Nodes, Root } from 'mdast';

export interface TextBlock {
  kind: 'heading' | 'paragraph' | 'row';
  /** Plain text: markup removed (a table row is kept as written, pipes and all). */
  text: string;
  /** Input offset of each character of `text`. */
  offsets: number[];
  /** For a table row: the header row, which may name the zone of the times ("time (UTC)"). */
  header?: string;
}

export function textBlocks(source: string): TextBlock[] {
  const tree = unified().use(remarkParse).use(remarkGfmTables).parse(source) as Root;
  const blocks: TextBlock[] = [];
  visit(tree, (node, index, parent) => {
    if (node.type === 'code' || node.type === 'html' || node.type === 'yaml') return SKIP;
    if (node.type === 'tableRow') {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start !== undefined && end !== undefined) {
        const text = source.slice(start, end);
        const head = parent?.type === 'table' && index !== 0 ? parent.children[0]?.position : undefined;
        blocks.push({
          kind: 'row',
          text,
          offsets: Array.from(text, (_c, i) => start + i),
          ...(head?.start.offset !== undefined ? { header: source.slice(head.start.offset, head.end.offset) } : {}),
        });
      }
      return SKIP;
    }
    if (node.type === 'heading' || node.type === 'paragraph') {
      const block: TextBlock = { kind: node.type, text: '', offsets: [] };
      collectInline(node, source, block);
      if (block.text.trim() !== '') blocks.push(block);
      return SKIP;
    }
    return undefined;
  });
  return blocks;
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

function collectInline(node: Nodes, source: string, block: TextBlock): void {
  if (node.type === 'text' || node.type === 'inlineCode') {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    alignInto(node.value, source.slice(start, end), start, block);
    return;
  }
  if (node.type === 'break') {
    block.text += '\n';
    block.offsets.push(node.position?.start.offset ?? 0);
    return;
  }
  if (node.type === 'image' || node.type === 'html' || node.type === 'imageReference') return;
  if ('children' in node) for (const child of node.children) collectInline(child as Nodes, source, block);
}

/**
 * Map each character of a node's value onto its source slice. They differ where markdown
 * removed something (an escape, a list indent, a `>`): walking both in step skips what was removed.
 */
function alignInto(value: string, slice: string, start: number, block: TextBlock): void {
  if (value === slice) {
    for (let i = 0; i < value.length; i++) block.offsets.push(start + i);
    block.text += value;
    return;
  }
  let j = 0;
  for (const ch of value) {
    const k = slice.indexOf(ch, j);
    const at = k === -1 ? Math.min(j, Math.max(slice.length - 1, 0)) : k;
    for (let u = 0; u < ch.length; u++) block.offsets.push(start + at + u);
    block.text += ch;
    if (k !== -1) j = k + ch.length;
  }
}
