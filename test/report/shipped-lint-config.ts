// The markdownlint configuration the repository ships (.markdownlint.jsonc, what `npm run
// lint:md` uses), for tests that lint generated markdown by the same rules.
import { readFileSync } from 'node:fs';

export interface ShippedLintConfig {
  default: boolean;
  MD013: { line_length: number; tables: boolean };
  [rule: string]: unknown;
}

export function shippedLintConfig(): ShippedLintConfig {
  const text = readFileSync(new URL('../../.markdownlint.jsonc', import.meta.url), 'utf8');
  // The file has whole-line `//` comments only (JSONC); the rest is JSON.
  return JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as ShippedLintConfig;
}
