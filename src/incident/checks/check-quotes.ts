// A quote is what its source says, word for word, or it is not a quote. Where the cited source
// has a local copy (`sources[].file`, or a seed), every quote that cites it must be found in it
// (whitespace, typographic quotes and dashes aside: see source-copy.ts). A paraphrase belongs in
// the entry's text or reading, marked `provenance: secondary`, not in `quote:`.
import type { Check } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';
import { localCopyOf, quoteIsIn, readLocalCopy } from '../source-copy.js';
import { quoteUserText } from '../quote-user-text.js';

/** Every quoted text of the file with the source it cites: `[path of the quote, quote, source id]`. */
export function quotesOf(incident: Parameters<Check>[0]['incident']): { path: (string | number)[]; quote: string; source: string | undefined }[] {
  return [
    ...incident.timeline.map((e, i) => ({ path: ['timeline', i, 'quote'], quote: e.quote, source: e.source })),
    ...(incident.observed ?? []).map((o, i) => ({ path: ['observed', i, 'quote'], quote: o.quote, source: o.source })),
    ...(incident.scenarios ?? []).map((s, i) => ({ path: ['scenarios', i, 'remediation'], quote: s.remediation, source: s.source })),
    ...(incident.contributingFactors ?? []).map((f, i) => ({ path: ['contributingFactors', i, 'quote'], quote: f.quote, source: f.source })),
    ...(incident.actionItems ?? []).map((a, i) => ({ path: ['actionItems', i, 'quote'], quote: a.quote, source: a.source })),
  ].filter((q): q is { path: (string | number)[]; quote: string; source: string | undefined } => q.quote !== undefined);
}

export const checkQuotes: Check = (ctx) => {
  const { incident } = ctx;
  const diagnostics: Diagnostic[] = [];
  const copies = new Map<string, string | undefined>();
  incident.sources.forEach((source, i) => {
    const copy = localCopyOf(source, ctx.loaded.file);
    if (copy === undefined) return;
    if (!copy.ok) {
      diagnostics.push(
        ctx.at(['sources', i, source.file !== undefined ? 'file' : 'seed'], {
          severity: 'warning',
          rule: 'source/copy-unreadable',
          message: `the local copy of source \`${source.id}\` cannot be read: ${copy.message}`,
          hint: 'point `file:` at a text copy of the document inside the project, or remove it',
        }),
      );
      return;
    }
    try {
      copies.set(source.id, readLocalCopy(copy.path));
    } catch (error) {
      diagnostics.push(
        ctx.at(['sources', i], {
          severity: 'warning',
          rule: 'source/copy-unreadable',
          message: `the local copy of source \`${source.id}\` cannot be read: ${(error as Error).message}`,
        }),
      );
    }
  });
  for (const { path, quote, source } of quotesOf(incident)) {
    const copy = source === undefined ? undefined : copies.get(source);
    if (copy === undefined || quoteIsIn(quote, copy)) continue;
    diagnostics.push(
      ctx.at(path, {
        severity: 'warning',
        rule: 'quote/not-in-source',
        message: `the quote “${quoteUserText(quote, 80)}” is not in the local copy of source \`${source}\``,
        hint: 'copy the words exactly as the source has them (an ellipsis … marks words left out); a paraphrase goes in `text` or `reading`, with `provenance: secondary`',
      }),
    );
  }
  return diagnostics;
};
