// The template of a report without a replay (an incident without a `model:`): every heading
// whose part of the document shows only sections that need a replay (`::chart`,
// `::counterfactuals`, `::sensitivity`, …) is left out with its prose, which is about the replay
// too (“The replay runs the timeline through a capacity model …”). A heading is never left
// standing over nothing. Inline values (`:value{…}`) do not keep a heading: they are words in
// its prose, not a section. Sections that need a replay elsewhere are dropped by the renderer.
import type { Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Section } from '../sections/section.js';

export function withoutReplaySections(tree: Root, sections: Record<string, Section>): Root {
  const children = tree.children;
  const kept: RootContent[] = [];
  let i = 0;
  while (i < children.length) {
    const node = children[i]!;
    if (node.type !== 'heading') {
      kept.push(structuredClone(node));
      i++;
      continue;
    }
    // The heading's part: up to the next heading of the same or a higher level.
    let end = i + 1;
    while (end < children.length) {
      const next = children[end]!;
      if (next.type === 'heading' && next.depth <= node.depth) break;
      end++;
    }
    const part = children.slice(i + 1, end);
    if (showsOnlyReplay(part, sections)) {
      i = end;
      continue;
    }
    kept.push(structuredClone(node));
    i++;
  }
  return { ...tree, children: kept };
}

/** At least one block section that needs a replay, and no other block section. */
function showsOnlyReplay(nodes: readonly RootContent[], sections: Record<string, Section>): boolean {
  let replay = 0;
  let other = 0;
  for (const root of nodes) {
    visit(root, (node) => {
      const d = node as { type: string; name?: string };
      if (d.type === 'containerDirective') other++; // a mistake the renderer reports: kept
      if (d.type !== 'leafDirective' || d.name === undefined) return;
      const section = Object.hasOwn(sections, d.name) ? sections[d.name] : undefined;
      if (section?.kind !== 'block') other++;
      else if (section.needsReplay) replay++;
      else other++;
    });
  }
  return replay > 0 && other === 0;
}
