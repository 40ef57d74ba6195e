import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { localCopyOf, normaliseForQuote, quoteIsIn, readLocalCopy } from '../../src/incident/source-copy.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const incidentFile = path.join(here, '../fixtures/x.yaml');

describe('normaliseForQuote and quoteIsIn', () => {
  const copy = normaliseForQuote('He said “it’s  over” —\nand left.');
  it('ignores whitespace, typographic quotes and dashes, but not words', () => {
    expect(quoteIsIn(`He said "it's over" - and left.`, copy)).toBe(true);
    expect(quoteIsIn('He said it is over', copy)).toBe(false);
  });
  it('reads an ellipsis as words left out, in order', () => {
    expect(quoteIsIn('He said … and left.', copy)).toBe(true);
    expect(quoteIsIn('and left ... He said', copy)).toBe(false);
  });
});

describe('localCopyOf', () => {
  it('resolves `file:` inside the project and reads HTML as text', () => {
    const copy = localCopyOf({ file: 'sources/article.txt' }, incidentFile);
    expect(copy).toEqual({ ok: true, path: path.join(here, '../fixtures/sources/article.txt') });
    const text = readLocalCopy((copy as { path: string }).path);
    expect(quoteIsIn('the servers "ended up with useless shard-maps" and could not route requests', text)).toBe(true);
    expect(quoteIsIn('the servers ended up with useless shard-maps', text)).toBe(false);
    expect(quoteIsIn('It’s testing an increase in thread count limits.', text)).toBe(true);
  });
  it('refuses a path out of the project and a seed name that is a path', () => {
    expect(localCopyOf({ file: '../../../../etc/passwd' }, incidentFile)).toMatchObject({ ok: false });
    expect(localCopyOf({ seed: '../FACTS.md' }, incidentFile)).toMatchObject({ ok: false });
  });
  it('names no copy for a source with neither', () => {
    expect(localCopyOf({}, incidentFile)).toBeUndefined();
  });
});
