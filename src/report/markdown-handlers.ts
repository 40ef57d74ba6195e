// The two places where the report's markdown departs from remark-stringify's defaults:
// paragraphs are filled to the line width the shipped `.markdownlint.jsonc` allows (MD013), and a
// lone `~` is not escaped. Both are serializer handlers, so every generated file (reports, the
// index) gets them from `toMarkdown` and no section has to think about layout.
import type { Options } from 'remark-stringify';
import type { Node, Paragraph, Parent, PhrasingContent, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { wrapParagraph } from './wrap-paragraph.js';
import { breaksFromTree } from './paragraph-breaks.js';
import { safeText } from './safe-text.js';

type Handlers = NonNullable<Options['handlers']>;

/** Longest line of prose in generated markdown: the `MD013.line_length` of `.markdownlint.jsonc`. */
export const lineWidth = 100;

/**
 * `fromTree: false` finds every paragraph's breaks by parsing it again, as before
 * paragraph-breaks.ts; the tests hold the two ways to the same output.
 */
export function markdownHandlers(width = lineWidth, { fromTree = true } = {}): Handlers {
  return {
    paragraph(node: Paragraph, _parent, state, info) {
      const exit = state.enter('paragraph');
      const subexit = state.enter('phrasing');
      // Each phrasing node's output, as the serializer writes it, tells where the paragraph
      // may break without parsing it again (paragraph-breaks.ts).
      const outputs = new Map<Node, string>();
      const handle = state.handle;
      state.handle = Object.assign(
        (...args: Parameters<typeof handle>): string => {
          const out = handle(...args);
          outputs.set(args[0], out);
          return out;
        },
        { handlers: (handle as unknown as { handlers: unknown }).handlers },
      ) as unknown as typeof handle;
      let value: string;
      try {
        value = state.containerPhrasing(node, info);
      } finally {
        state.handle = handle;
      }
      subexit();
      exit();
      // `now.column` is where the paragraph starts (after a list marker or `> `), `lineShift`
      // the indentation the enclosing list items and quotes add to its further lines.
      return wrapParagraph(
        value,
        {
          first: width - (info.now.column - 1),
          rest: width - info.lineShift,
          labels: referenceLabels(node),
        },
        fromTree ? breaksFromTree(node, value, outputs) : undefined,
      );
    },
    text(node: Text, parent, state, info) {
      const siblings: PhrasingContent[] = parent && 'children' in parent ? (parent.children as PhrasingContent[]) : [];
      const index = state.indexStack[state.indexStack.length - 1] ?? 0;
      const value = safeText(state, node.value, { ...info, afterNode: siblings[index + 1], beforeNode: siblings[index - 1] });
      // GFM strikethrough needs a pair of tildes in one run of inline content, the closing one
      // after a non-space. When the paragraph or cell holds a single `~`, or only tildes after a
      // space or at its start (an approximate figure, `~500 servers from ~15:00`), none can close,
      // and the escape remark-stringify adds to every tilde would only show as a stray `\~`.
      const block = parent && (parent.type === 'paragraph' || parent.type === 'tableCell' || parent.type === 'heading');
      if (block && value.includes('\\~') && !tildeMayPair(parent)) return value.replaceAll('\\~', '~');
      return value;
    },
  };
}

/** Whether strikethrough could pair tildes in this block, erring towards yes. */
function tildeMayPair(block: Parent): boolean {
  const all = [...toString(block)].filter((c) => c === '~').length;
  if (all <= 1) return false;
  // Tildes in code or alt text count above but not here: then the answer stays yes.
  const direct = block.children.filter((c): c is Text => c.type === 'text');
  let found = 0;
  for (const [k, child] of direct.entries()) {
    for (let i = 0; i < child.value.length; i++) {
      if (child.value[i] !== '~') continue;
      found++;
      const atStart = i === 0 && k === 0 && block.children[0] === child;
      if (!atStart && !(i > 0 && /\s/.test(child.value[i - 1]!))) return true;
    }
  }
  return found !== all;
}

function referenceLabels(node: Node): string[] {
  const labels = new Set<string>();
  const walk = (n: Node) => {
    if (n.type === 'linkReference' || n.type === 'imageReference') {
      const ref = n as Node & { label?: string | null; identifier: string };
      labels.add(ref.label ?? ref.identifier);
    }
    if ('children' in n) for (const c of (n as Parent).children) walk(c);
  };
  walk(node);
  return [...labels].sort();
}
