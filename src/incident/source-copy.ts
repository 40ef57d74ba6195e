// The local text copy of a cited source, so `validate` can check that a quote is what the source
// says word for word. A source names its copy two ways:
// - `file:` a path relative to the incident file, inside the project (project-path.ts);
// - `seed:` the file name of one of the documents the project was built from, kept in a
//   `shared/seeds/` folder next to (or above) the checkout. Only a bare file name is accepted, so
//   a seed name cannot walk anywhere else.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Source } from './schema.js';
import { resolveDataPath } from './project-path.js';

export type LocalCopy = { ok: true; path: string } | { ok: false; message: string } | undefined;

/** Where the local copy of `source` is; `undefined` when it names none. */
export function localCopyOf(source: Pick<Source, 'file' | 'seed'>, incidentFile: string): LocalCopy {
  if (source.file !== undefined) {
    const r = resolveDataPath(source.file, incidentFile);
    if (!r.ok) return { ok: false, message: `\`file\` ${r.message}` };
    return existsSync(r.absolute) ? { ok: true, path: r.absolute } : { ok: false, message: `\`file\` \`${source.file}\` does not exist` };
  }
  if (source.seed !== undefined) {
    if (source.seed !== path.basename(source.seed) || source.seed.startsWith('.')) {
      return { ok: false, message: `\`seed\` \`${source.seed}\` is not a bare file name` };
    }
    for (let dir = path.dirname(path.resolve(incidentFile)); ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'shared', 'seeds', source.seed);
      if (existsSync(candidate)) return { ok: true, path: candidate };
      if (path.dirname(dir) === dir) return undefined; // No seeds folder here: nothing to check against.
    }
  }
  return undefined;
}

const cache = new Map<string, string>();

/** The copy's text, normalised for matching (see `normaliseForQuote`); read once per process. */
export function readLocalCopy(file: string): string {
  let text = cache.get(file);
  if (text === undefined) {
    text = normaliseForQuote(htmlToText(readFileSync(file, 'utf8')));
    cache.set(file, text);
  }
  return text;
}

/** Markup is not wording: drop tags and decode the entities an HTML copy carries. */
function htmlToText(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * What a quote is compared on: typographic quotes and dashes made plain, and no whitespace at
 * all. Whitespace is dropped rather than collapsed because copies made from PDFs lose spaces
 * ("theAWSsummary"); the words and their order still have to match exactly.
 */
export function normaliseForQuote(text: string): string {
  return text
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/\s+/g, '');
}

/**
 * True when `quote` is in `copy` (already normalised). An ellipsis (`…` or `...`) in a quote
 * marks words left out: each part must then be found, in order.
 */
export function quoteIsIn(quote: string, copy: string): boolean {
  const parts = quote
    .split(/…|\.\.\./)
    .map(normaliseForQuote)
    .filter((p) => p !== '');
  let from = 0;
  for (const part of parts) {
    const at = copy.indexOf(part, from);
    if (at === -1) return false;
    from = at + part.length;
  }
  return true;
}
