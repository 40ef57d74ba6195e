import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Paragraph, Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { markdownOptions } from '../../src/report/to-markdown.js';
import { markdownHandlers } from '../../src/report/markdown-handlers.js';
import { breaksFromTree } from '../../src/report/paragraph-breaks.js';

// Reading a paragraph's breaks off its tree must give the very bytes that parsing the serialized
// paragraph gives (the way every report was wrapped before): same serializer, both ways.
const parser = unified().use(remarkParse).use(remarkGfm);
const serializer = (width: number, fromTree: boolean) =>
  unified()
    .use(remarkGfm, { tablePipeAlign: true })
    .use(remarkStringify, { ...markdownOptions, handlers: markdownHandlers(width, { fromTree }) });
const bothWays = (tree: Root, width = 100) => [serializer(width, true).stringify(tree), serializer(width, false).stringify(tree)] as const;

describe('breaks read off the tree', () => {
  it('wrap the report goldens and the committed reports exactly as parsing does', () => {
    const golden = path.resolve('test/report/golden');
    const files = [
      ...readdirSync(golden).filter((f) => f.endsWith('.md')).map((f) => path.join(golden, f)),
      ...readdirSync('out', { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'site').map((d) => path.join('out', d.name, 'README.md')),
    ];
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      // Unwrapped again (each paragraph on one line), so the serializer has to fill every one.
      const tree = parser.parse(readFileSync(file, 'utf8')) as Root;
      const [fast, parsed] = bothWays(tree, 60);
      expect(fast, file).toBe(parsed);
    }
  });

  it('wrap any paragraph exactly as parsing does (property)', () => {
    const token = fc.constantFrom('word', 'a', '-', '+', '*', '#', '>', '1.', '2)', '=', '|', '<b>', '`code span`', '[link](https://e.com)', '[long link text here](https://e.com "title")', '![alt text of a chart](c.png)', '_em ph_', '**str ong**', '*a*b', '~', '~~', '~~del eted~~', '\\*', '---', '[2]', 'www.example.com', 'a@b.org', '[^note]', '&amp;', '<https://e.com/x>', '\n', '\nnext line', '\n# h', '\n- x', '\n1. y', '\n===', '\n    code', '  \n', '\\\n', ':--- | ---', '\n:--- | ---', 'a | b', '\n> q', '\n<div>');
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 40 }), fc.integer({ min: 4, max: 60 }), (tokens, w) => {
        const tree = parser.parse(`Start ${tokens.join(' ')} end.\n\n[2]: https://e.com/2\n\n[^note]: A note.\n`) as Root;
        const [fast, parsed] = bothWays(tree, w);
        expect(fast).toBe(parsed);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps on one line a paragraph whose lines would read as a table, with or without a chart image', () => {
    // Broken at 32 columns, `:--- | ---` would start a line under `… = #` and make a table of them.
    for (const next of ['a_word_too_long_for_the_line', '![alt text of a chart](c.png)']) {
      const tree = parser.parse(`Start _em ph_ :--- | --- = # :--- | --- ${next} end.`) as Root;
      const [fast, parsed] = bothWays(tree, 32);
      expect(fast).toBe(parsed);
      expect(fast.split('\n')[0]).toContain(':--- | --- = # :--- | ---');
    }
  });

  it('breaks inside a chart image’s alt text without parsing it again, as the parse would', () => {
    const tree = parser.parse('See the chart: ![Stuck volumes (%) over time: the actual replay and 5 counterfactuals, with 5 published figures as points](charts/stuck.png)') as Root;
    const [fast, parsed] = bothWays(tree, 60);
    expect(fast).toBe(parsed);
    expect(fast.split('\n').length).toBeGreaterThan(2);
  });

  it('places whitespace in text as first choices and in link text as second choices', () => {
    const tree = parser.parse('Read _the_ [full report](https://e.com) now.') as Root;
    const paragraph = tree.children[0] as Paragraph;
    const outputs = new Map();
    const value = 'Read _the_ [full report](https://e.com) now.';
    const collect = (node: any) => {
      if (node.type === 'text' || node.type === 'link') outputs.set(node, node.type === 'text' ? node.value : '[full report](https://e.com)');
      node.children?.forEach(collect);
    };
    paragraph.children.forEach(collect);
    const breaks = breaksFromTree(paragraph, value, outputs)!;
    expect([...breaks].sort((a, b) => a[0] - b[0])).toEqual([
      [4, 1],
      [10, 1],
      [16, 2],
      [39, 1],
    ]);
  });

  it('gives up (the caller parses) on autolink literals, hard breaks and anything it cannot place', () => {
    const one = (md: string) => {
      const paragraph = (parser.parse(md) as Root).children[0] as Paragraph;
      const outputs = new Map(paragraph.children.map((c: any) => [c, c.value ?? '']));
      return breaksFromTree(paragraph, md, outputs);
    };
    expect(one('see www.example.com for more')).toBeUndefined();
    expect(one('a hard\\\nbreak')).toBeUndefined();
    expect([...one('a soft\nbreak')!.keys()]).toEqual([1, 6]);
    const paragraph = (parser.parse('plain words') as Root).children[0] as Paragraph;
    expect(breaksFromTree(paragraph, 'plain &#x77;ords', new Map([[paragraph.children[0]!, 'plain words']]))).toBeUndefined();
  });
});
