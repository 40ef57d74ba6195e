// mdast → markdown text, with the serializer's options pinned so every machine and every run
// writes the same bytes, in a style markdownlint accepts with the rules of `.markdownlint.jsonc`.
import type { Root } from 'mdast';
import { unified } from 'unified';
import remarkGfm from 'remark-gfm';
import remarkStringify, { type Options } from 'remark-stringify';
import { markdownHandlers } from './markdown-handlers.js';

export const markdownOptions: Options = {
  bullet: '-',
  bulletOther: '*',
  bulletOrdered: '.',
  emphasis: '_',
  strong: '*',
  fence: '`',
  fences: true,
  rule: '-',
  ruleRepetition: 3,
  ruleSpaces: false,
  listItemIndent: 'one',
  incrementListMarker: true,
  setext: false,
  closeAtx: false,
  quote: '"',
  resourceLink: true,
  tightDefinitions: true,
  // Prose filled to 100 columns, and no stray `\~`: see markdown-handlers.ts.
  handlers: markdownHandlers(),
};

const serializer = unified().use(remarkGfm, { tablePipeAlign: true }).use(remarkStringify, markdownOptions);

export function toMarkdown(tree: Root): string {
  return serializer.stringify(tree);
}
