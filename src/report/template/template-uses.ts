// Whether a template uses a directive: a section that costs a computation before the report
// (the boundary maps' replays) is computed only for templates that show it.
import type { Template } from './parse-template.js';
import { visit, EXIT } from 'unist-util-visit';

export function templateUses(template: Template, directive: string): boolean {
  let found = false;
  visit(template.tree, (node) => {
    const d = node as { type: string; name?: string };
    if ((d.type === 'leafDirective' || d.type === 'containerDirective' || d.type === 'textDirective') && d.name === directive) {
      found = true;
      return EXIT;
    }
    return undefined;
  });
  return found;
}
