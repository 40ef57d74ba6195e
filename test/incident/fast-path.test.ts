// The fast path (js-yaml, no positions) must read a valid file exactly as the full path
// (`yaml` with positions) does, and decline everything it cannot vouch for.
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { Incident } from '../../src/incident/schema.js';
import { loadIncidentBytes, parseValidFast } from '../../src/incident/load.js';

const root = path.resolve(import.meta.dirname, '../..');
const validFiles = [
  ...readdirSync(path.join(root, 'incidents')).map((f) => path.join(root, 'incidents', f)),
  ...readdirSync(path.join(root, 'test/fixtures/valid')).map((f) => path.join(root, 'test/fixtures/valid', f)),
];

describe('the fast path of the loader', () => {
  for (const file of validFiles) {
    it(`reads ${path.relative(root, file)} as the full YAML path does`, () => {
      const text = readFileSync(file, 'utf8');
      const fast = parseValidFast(text);
      expect(fast).toBeDefined();
      const full = Incident.parse(parseDocument(text, { uniqueKeys: true }).toJS({ maxAliasCount: 100 }));
      expect(fast).toEqual(full);
    });
  }

  it('declines what it cannot vouch for: duplicate keys, two documents, many aliases, schema errors, timestamps stay text', () => {
    const base = readFileSync(path.join(root, 'test/fixtures/valid/full.yaml'), 'utf8');
    expect(parseValidFast(`${base}\nid: again\n`)).toBeUndefined();
    expect(parseValidFast(`${base}\n---\nid: x\n`)).toBeUndefined();
    expect(parseValidFast(base.replace(/^severity: .*$/m, 'severity: sev9'))).toBeUndefined();
    const bomb = `a: &a [x]\n${Array.from({ length: 30 }, (_, i) => `k${i}: *a`).join('\n')}\n`;
    expect(parseValidFast(bomb)).toBeUndefined();
    expect(parseValidFast('')).toBeUndefined();
    const fast = parseValidFast(base);
    expect(typeof fast?.timeline[0]?.at).toBe('string');
  });

  it('still places a semantic problem of a valid file at its line and column (positions parsed on demand)', () => {
    const text = readFileSync(path.join(root, 'test/fixtures/valid/full.yaml'), 'utf8');
    const loaded = loadIncidentBytes('full.yaml', new TextEncoder().encode(text));
    expect(loaded.incident).toBeDefined();
    const pos = loaded.positionOf(['timeline', 0, 'at']);
    const line = text.split('\n')[pos.line - 1]!;
    expect(line.slice(pos.column - 1)).toMatch(/^['"]?\d{4}-\d{2}-\d{2}/);
    expect(loaded.document.errors).toEqual([]);
  });
});
