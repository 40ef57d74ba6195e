// The component registry: every type is documented where users look (the README and
// `components`), declares what the engine and validate rely on, and every built-in kind is a
// composition of registered types with no step code of its own.
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { componentTypes } from '../../../src/model/compose/component-types.js';
import { builtinKinds } from '../../../src/model/kinds/index.js';
import type { ComposedKind } from '../../../src/model/compose/compile-composition.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

describe('the component registry', () => {
  it('every type is in the README and in its own file named after it', () => {
    const files = readdirSync(path.join(root, 'src/model/components'));
    for (const type of Object.keys(componentTypes)) {
      expect(readme, `README names \`${type}\``).toContain(`\`${type}\``);
      expect(files).toContain(`${type}.ts`);
    }
  });

  it('every parameter has a unit and a description, every port a unit and an access, every action a description', () => {
    for (const t of Object.values(componentTypes)) {
      expect(t.description.length).toBeGreaterThan(20);
      for (const [name, p] of Object.entries(t.parameters)) {
        expect(p.unit, `${t.type}.${name}`).toBeTruthy();
        expect(p.description, `${t.type}.${name}`).toBeTruthy();
        if (p.default !== undefined && p.min !== undefined) expect(p.default, `${t.type}.${name} default`).toBeGreaterThanOrEqual(p.min);
        if (p.default !== undefined && p.max !== undefined) expect(p.default, `${t.type}.${name} default`).toBeLessThanOrEqual(p.max);
      }
      for (const [name, port] of Object.entries(t.stocks)) expect(['read', 'write'], `${t.type}.${name}`).toContain(port.access);
      for (const a of Object.values(t.actions)) expect(a.description).toBeTruthy();
    }
  });

  it('every built-in kind is a composition of registered types, and its file has no step code', () => {
    for (const kind of builtinKinds as ComposedKind[]) {
      expect(kind.composition, kind.id).toBeDefined();
      for (const inst of Object.values(kind.composition.components)) expect(Object.keys(componentTypes)).toContain(inst.type);
      const source = readFileSync(path.join(root, `src/model/kinds/${kind.id}.ts`), 'utf8');
      expect(source, kind.id).not.toMatch(/\b(step|init|apply|observe)\s*\(/);
      expect(readme).toContain(`\`${kind.id}\``);
    }
  });
});
