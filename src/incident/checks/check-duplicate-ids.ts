// Ids name things other parts of the file (and reports, and the CLI) refer to: within a list,
// each must be unique, or a reference would be ambiguous.
import type { Check } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';

const lists = ['sources', 'timeline', 'observed', 'scenarios', 'contributingFactors', 'actionItems', 'boundaryMaps'] as const;

export const checkDuplicateIds: Check = (ctx) => {
  const diagnostics: Diagnostic[] = [];
  for (const list of lists) {
    const items = (ctx.incident[list] ?? []) as readonly { id?: string }[];
    const first = new Map<string, number>();
    items.forEach((item, index) => {
      if (item.id === undefined) return;
      const earlier = first.get(item.id);
      if (earlier === undefined) {
        first.set(item.id, index);
        return;
      }
      const line = ctx.loaded.positionOf([list, earlier, 'id']).line;
      diagnostics.push(
        ctx.at([list, index, 'id'], {
          severity: 'error',
          rule: 'id/duplicate',
          message: `duplicate id \`${item.id}\` in \`${list}\`: \`${list}[${earlier}]\` (line ${line}) has it already`,
          hint: 'give each entry its own id, e.g. by adding what tells them apart (`-retry`, `-2`)',
        }),
      );
    });
  }
  return diagnostics;
};
