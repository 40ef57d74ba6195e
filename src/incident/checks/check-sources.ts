// Sources are public documents a reader can look up: each has an address or a copy of a public
// document the project was built from, and one document is one source (the same article as
// HTML and as text is still one article: cite it once, with one of its copies).
import type { Check } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';
import { observedProvenance, provenanceOf } from '../provenance.js';
import { quotesOf } from './check-quotes.js';

/** URLs that name the same document: scheme, `www.`, a trailing slash and case of the host aside. */
export function sameDocumentKey(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host.toLowerCase().replace(/^www\./, '')}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  } catch {
    return url;
  }
}

export const checkSources: Check = (ctx) => {
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, { id: string; index: number }>();
  // A source only matters as evidence: one that backs nothing but assumptions (an illustrative
  // example) may be anything; one that claims to be a document about the incident (`kind:`
  // primary or secondary) and backs a quote or a fact must be one a reader can look up. (Drafts
  // and test files that name a source without a kind are left alone.)
  const { incident } = ctx;
  const backing = new Set<string | undefined>([
    ...incident.timeline.filter((e) => provenanceOf(e) !== 'assumed').map((e) => e.source),
    ...(incident.observed ?? []).filter((o) => observedProvenance(o) !== 'assumed').map((o) => o.source),
    ...quotesOf(incident).map((q) => q.source),
  ]);
  ctx.incident.sources.forEach((source, i) => {
    if (source.kind !== undefined && source.url === undefined && source.seed === undefined && source.file === undefined && backing.has(source.id)) {
      diagnostics.push(
        ctx.at(['sources', i, 'id'], {
          severity: 'warning',
          rule: 'source/not-public',
          message: `source \`${source.id}\` has no \`url\` and no copy of a published document (\`seed\` or \`file\`): a reader cannot look it up`,
          hint: 'cite the public document the fact comes from (its `url`); notes of our own are not a source',
        }),
      );
    }
    if (source.url === undefined) return;
    const key = sameDocumentKey(source.url);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, { id: source.id, index: i });
      return;
    }
    diagnostics.push(
      ctx.at(['sources', i, 'url'], {
        severity: 'warning',
        rule: 'source/duplicate-url',
        message: `sources \`${first.id}\` and \`${source.id}\` have the same URL: one document listed as two sources`,
        hint: `keep one entry (\`${first.id}\`) and cite it wherever \`${source.id}\` is cited`,
      }),
    );
  });
  return diagnostics;
};
