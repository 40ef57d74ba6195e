// safeText must escape a text exactly as mdast-util-to-markdown's `safe` does, in every state
// the serializer is in when it writes one (paragraphs, table cells, headings, links, lists…).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Root, Text } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkStringify, { type Options } from 'remark-stringify';
import { markdownOptions } from '../../src/report/to-markdown.js';
import { safeText } from '../../src/report/safe-text.js';

type TextHandler = NonNullable<NonNullable<Options['handlers']>['text']>;

const parser = unified().use(remarkParse).use(remarkGfm);

/** Serializes `tree` writing each text with `safe`, and collects every text safeText wrote otherwise. */
function mismatches(tree: Root): string[] {
  const found: string[] = [];
  const text: TextHandler = (node: Text, parent, state, info) => {
    const siblings = parent && 'children' in parent ? (parent.children as Text[]) : [];
    const index = state.indexStack[state.indexStack.length - 1] ?? 0;
    const config = { ...info, afterNode: siblings[index + 1], beforeNode: siblings[index - 1] };
    const expected = state.safe(node.value, config);
    const ours = safeText(state, node.value, config);
    if (ours !== expected) found.push(`${JSON.stringify(node.value)} in ${state.stack.join('>')}: ${JSON.stringify(ours)} ≠ ${JSON.stringify(expected)}`);
    return expected;
  };
  unified()
    .use(remarkGfm, { tablePipeAlign: true })
    .use(remarkStringify, { ...markdownOptions, handlers: { text } })
    .stringify(tree);
  return found;
}

const piece = fc.constantFrom(
  'word', ' ', '  ', '-', '+', '*', '_', '#', '>', '1.', '2)', '=', '|', '<', '&', '!', '[', ']', '(', ')', '`', '~', '~~', '\\', '\\*', ':', '%', '$', '^',
  'a_b', '13%', '3 d 14 h', '~500', 'https://e.com', 'www.example.com', 'a@b.org', '&amp;', '\t', '·', 'é',
);
const text = fc.array(piece, { minLength: 1, maxLength: 8 }).map((p) => p.join(''));

describe('safeText', () => {
  it('escapes as `safe` does in the texts of every report golden', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const golden = 'test/report/golden';
    for (const file of readdirSync(golden).filter((f) => f.endsWith('.md'))) {
      expect(mismatches(parser.parse(readFileSync(`${golden}/${file}`, 'utf8')) as Root), file).toEqual([]);
    }
  });

  it('escapes as `safe` does, whatever the text and wherever it stands (property)', () => {
    fc.assert(
      fc.property(text, text, text, (a, b, c) => {
        const leaf = (value: string): Text => ({ type: 'text', value });
        const tree: Root = {
          type: 'root',
          children: [
            { type: 'paragraph', children: [leaf(a), { type: 'strong', children: [leaf(b)] }, leaf(c)] },
            { type: 'heading', depth: 2, children: [leaf(a), { type: 'inlineCode', value: b }, leaf(c)] },
            { type: 'list', ordered: false, spread: false, children: [{ type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [leaf(b), { type: 'link', url: 'https://e.com', children: [leaf(c)] }, leaf(a)] }] }] },
            {
              type: 'table',
              align: ['left', 'right'],
              children: [
                { type: 'tableRow', children: [{ type: 'tableCell', children: [leaf(a)] }, { type: 'tableCell', children: [leaf(b)] }] },
                { type: 'tableRow', children: [{ type: 'tableCell', children: [leaf(c)] }, { type: 'tableCell', children: [{ type: 'emphasis', children: [leaf(a)] }, leaf(b)] }] },
              ],
            },
            { type: 'paragraph', children: [{ type: 'link', url: 'https://e.com', children: [leaf(a)] }, leaf(b), { type: 'footnoteReference', identifier: '1', label: '1' }, leaf(c)] },
          ],
        };
        expect(mismatches(tree)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});
