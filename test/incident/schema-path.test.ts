// The modeline's `$schema` path: the project's own copy, else the installed package's, else the
// running package's; always relative to the file, with forward slashes.
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { packageSchemaFile, schemaPathFor } from '../../src/incident/schema-path.js';

const project = path.resolve('/work/p');
const file = path.join(project, 'incidents/x.yaml');
const existing = (...files: string[]) => (f: string) => files.map((x) => path.resolve(x)).includes(f);

describe('schemaPathFor', () => {
  it('prefers the project’s schema/ over an installed package', () => {
    const exists = existing('/work/p/schema/incident.schema.json', '/work/p/node_modules/incident-replay/schema/incident.schema.json');
    expect(schemaPathFor(file, project, exists)).toBe('../schema/incident.schema.json');
  });

  it('falls back to node_modules/incident-replay/, relative to a deeper file', () => {
    const exists = existing('/work/p/node_modules/incident-replay/schema/incident.schema.json');
    expect(schemaPathFor(path.join(project, 'incidents/2024/x.yaml'), project, exists)).toBe('../../node_modules/incident-replay/schema/incident.schema.json');
  });

  it('else points at the running package’s own copy', () => {
    expect(path.resolve(path.dirname(file), schemaPathFor(file, project, () => false))).toBe(packageSchemaFile);
    expect(packageSchemaFile).toBe(path.resolve(import.meta.dirname, '../../schema/incident.schema.json'));
  });
});
