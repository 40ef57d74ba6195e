// Small builders for the mdast nodes sections return, so section code reads as the document it
// makes. Text from incident files only ever enters through `text()`: remark-stringify escapes
// it, so a `|` cannot break a table and `<script>` stays text.
import type {
  Heading,
  Image,
  Link,
  List,
  ListItem,
  Paragraph,
  PhrasingContent,
  RootContent,
  Strong,
  Table,
  TableCell,
  TableRow,
  Text,
  Emphasis,
  InlineCode,
  Blockquote,
} from 'mdast';

export type Phrasing = PhrasingContent | string;

function phrasing(content: Phrasing[]): PhrasingContent[] {
  return content.map((c) => (typeof c === 'string' ? text(c) : c));
}

export const text = (value: string): Text => ({ type: 'text', value });

export const strong = (...content: Phrasing[]): Strong => ({ type: 'strong', children: phrasing(content) });
export const emphasis = (...content: Phrasing[]): Emphasis => ({ type: 'emphasis', children: phrasing(content) });
export const code = (value: string): InlineCode => ({ type: 'inlineCode', value });

/**
 * Prose from an incident file: text, except that `code spans` stay code, as their authors write
 * parameter and event names. Nothing else is interpreted, so no markup or HTML gets through.
 */
export function prose(value: string): PhrasingContent[] {
  return value
    .split(/(`[^`\n]+`)/)
    .filter((part) => part !== '')
    .map((part) => (part.length > 2 && part.startsWith('`') && part.endsWith('`') ? code(part.slice(1, -1)) : text(part)));
}

export const link = (url: string, ...content: Phrasing[]): Link => ({ type: 'link', url, children: phrasing(content) });
export const image = (url: string, alt: string): Image => ({ type: 'image', url, alt });
export const paragraph = (...content: Phrasing[]): Paragraph => ({ type: 'paragraph', children: phrasing(content) });
export const heading = (depth: 1 | 2 | 3 | 4 | 5 | 6, ...content: Phrasing[]): Heading => ({
  type: 'heading',
  depth,
  children: phrasing(content),
});
export const blockquote = (...children: Paragraph[]): Blockquote => ({ type: 'blockquote', children });

export function list(ordered: boolean, items: Phrasing[][]): List {
  return {
    type: 'list',
    ordered,
    start: ordered ? 1 : undefined,
    spread: false,
    children: items.map(
      (content): ListItem => ({ type: 'listItem', spread: false, children: [paragraph(...content)] }),
    ),
  };
}

export type Align = 'left' | 'right' | 'center' | null;

/** A GFM table; `align` per column, numbers right-aligned by the callers. */
export function table(head: string[], rows: Phrasing[][][], align: Align[] = []): Table {
  const row = (cells: Phrasing[][]): TableRow => ({
    type: 'tableRow',
    children: cells.map((c): TableCell => ({ type: 'tableCell', children: phrasing(c) })),
  });
  return {
    type: 'table',
    align: head.map((_, i) => align[i] ?? null),
    children: [row(head.map((h) => [h])), ...rows.map(row)],
  };
}

/** Join phrasing with a separator (`, `). */
export function joinPhrasing(parts: Phrasing[][], separator: string): Phrasing[] {
  return parts.flatMap((p, i) => (i === 0 ? p : [separator, ...p]));
}

export type { RootContent, PhrasingContent };
