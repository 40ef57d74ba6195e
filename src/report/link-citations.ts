// Point the citations `[n]` of a filled template at the list of sources. The list's heading is
// the template's (`## Sources`, or whatever its author wrote), so the anchor is known only once
// the whole document is there: the fragment is the one GitHub gives that heading, and the one
// markdownlint's MD051 checks. Definitions no citation uses are dropped (MD053 flags them).
import type { Definition, Heading, LinkReference, Parent, Root, RootContent } from 'mdast';
import type { Node } from 'unist';
import { toString } from 'mdast-util-to-string';

export function linkCitations(tree: Root): Root {
  // One walk in document order gathers what three `visit`s did (each built an array of
  // ancestors per node: most of the time of this step on a report's large tables).
  const used = new Set<string>();
  const slugs = new Map<string, number>();
  const citations: Definition[] = [];
  let anchor: string | undefined;
  let found = false;
  const walk = (node: Node) => {
    if (node.type === 'linkReference') used.add((node as LinkReference).identifier);
    // The fragment of the last heading above the first citation definition.
    if (!found && node.type === 'heading') anchor = headingFragment(node as Heading, slugs);
    if (isCitation(node)) {
      found = true;
      citations.push(node);
    }
    if ('children' in node) for (const child of (node as Parent).children) walk(child);
  };
  walk(tree);
  // Without a heading above the list, a citation links to its document if it has one.
  if (anchor !== undefined) for (const node of citations) node.url = `#${anchor}`;
  const keep = (node: RootContent) => !isCitation(node) || (used.has(node.identifier) && node.url !== '');
  const prune = (children: RootContent[]): RootContent[] =>
    children.filter(keep).map((c) => ('children' in c ? ({ ...c, children: prune(c.children as RootContent[]) } as RootContent) : c));
  return { ...tree, children: prune(tree.children) };
}

function isCitation(node: { type: string; data?: unknown }): node is Definition {
  return node.type === 'definition' && (node.data as { citation?: boolean } | undefined)?.citation === true;
}

/**
 * GitHub's fragment for a heading, as markdownlint computes it: lower case, everything but
 * letters, marks, numbers, `_`, `-` and spaces removed, spaces as `-`, and `-1`, `-2`… for a
 * heading whose fragment an earlier heading already has.
 */
export function headingFragment(heading: Heading, seen: Map<string, number>): string {
  const base = toString(heading)
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Mark}\p{Number}\p{Connector_Punctuation}\- ]/gu, '')
    .replace(/ /gu, '-');
  const count = seen.get(base) ?? 0;
  seen.set(base, count + 1);
  return count === 0 ? base : `${base}-${count}`;
}
