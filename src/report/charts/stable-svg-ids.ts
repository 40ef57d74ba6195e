// Cairo's SVG surface names some elements from counters that live as long as the process
// (`<g id="surface528">` is the 528th surface it made), so the same chart got other bytes in a
// `report` of one incident than in a `build` of all, and in each shard. Renaming every id by the
// order in which the document defines it makes the bytes depend on the chart alone. Ids that
// are already per document (`glyph0-3`, `clip1`) come out as they were, save for the number.

const idPattern = /\bid="([A-Za-z][\w.-]*)"/g;
const namePattern = /^([A-Za-z_]+?)[\d-]*$/;

/** The SVG with its ids renamed `<prefix><n>` in order of definition, and every `#id` reference with them. */
export function stableSvgIds(svg: string): string {
  const renamed = new Map<string, string>();
  const counters = new Map<string, number>();
  for (const match of svg.matchAll(idPattern)) {
    const id = match[1]!;
    if (renamed.has(id)) continue;
    const prefix = namePattern.exec(id)?.[1] ?? 'id';
    const n = counters.get(prefix) ?? 0;
    counters.set(prefix, n + 1);
    renamed.set(id, `${prefix}${n}`);
  }
  if (renamed.size === 0) return svg;
  // One pass over definitions and references, so a new name never meets an old one.
  return svg.replace(/(\bid="|#)([A-Za-z][\w.-]*)(?=["')])/g, (whole, lead: string, id: string) => {
    const to = renamed.get(id);
    return to === undefined ? whole : `${lead}${to}`;
  });
}
