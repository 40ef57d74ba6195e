// The exported JSON Schema is what editors validate with: it must agree with the zod schema on
// real files, stay in sync with the committed copy, and work in a draft-07 validator.
import { describe, it, expect } from 'vitest';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { incidentJsonSchema, incidentJsonSchemaText } from '../../src/incident/json-schema.js';
import { scaffoldIncident } from '../../src/incident/scaffold-incident.js';
import { Incident } from '../../src/incident/schema.js';

const root = path.resolve(import.meta.dirname, '../..');

function compile() {
  // Strict, except for `required` inside `oneOf` branches, which is how "exactly one of `at` or
  // `window`" is written in a JSON Schema (the properties are defined beside the `oneOf`); and
  // with union types (`type: [number, string, boolean]`), which draft-07 allows.
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return ajv.compile(incidentJsonSchema());
}

async function yamlFiles(dir: string): Promise<string[]> {
  const names = await readdir(path.join(root, dir)).catch(() => [] as string[]);
  return names.filter((n) => /\.(ya?ml|json)$/.test(n)).map((n) => path.join(dir, n));
}

describe('incidentJsonSchema', () => {
  it('equals the committed schema/incident.schema.json (run `incident-replay schema > schema/incident.schema.json`)', async () => {
    expect(await readFile(path.join(root, 'schema/incident.schema.json'), 'utf8')).toBe(incidentJsonSchemaText());
  });

  it('is a draft-07 schema that ajv compiles in strict mode (unknown keywords and formats are errors)', () => {
    expect(incidentJsonSchema().$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(() => compile()).not.toThrow();
  });

  it('accepts the valid fixtures and a scaffolded file', async () => {
    const validate = compile();
    for (const file of await yamlFiles('test/fixtures/valid')) {
      const data = parse(await readFile(path.join(root, file), 'utf8'));
      expect(validate(data), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const scaffold = parse(scaffoldIncident({ id: 'x', timezone: 'UTC', schemaPath: 's.json', date: '2020-01-01', title: 'A: b' }));
    expect(validate(scaffold), JSON.stringify(validate.errors)).toBe(true);
  });

  it('accepts every incident in incidents/ that passes the zod schema', async () => {
    const validate = compile();
    let checked = 0;
    for (const file of await yamlFiles('incidents')) {
      const data = parse(await readFile(path.join(root, file), 'utf8'));
      if (!Incident.safeParse(data).success) continue; // Still being written: validate reports it.
      expect(validate(data), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
      checked++;
    }
    expect(checked, 'no incident of incidents/ passes the schema').toBeGreaterThan(0);
  });

  it('rejects the schema-level broken fixtures, where zod rejects them', async () => {
    const validate = compile();
    const cases: Record<string, string> = {
      'wrong-type.yaml': '/sources',
      'unknown-field.yaml': '/timeline/1',
      'invalid-value.yaml': '/severity',
      'time-format.yaml': '/timeline/1/at',
      'effect-action-and-set.yaml': '/timeline/1/effects/0',
    };
    for (const [name, pointer] of Object.entries(cases)) {
      const data = parse(await readFile(path.join(root, 'test/fixtures/broken', name), 'utf8'));
      expect(Incident.safeParse(data).success, name).toBe(false);
      expect(validate(data), name).toBe(false);
      expect(validate.errors!.map((e) => e.instancePath), name).toContain(pointer);
    }
  });

  it('rejects an observed point with both `at` and `window`, like zod', () => {
    const validate = compile();
    const data = parse(scaffoldIncident({ id: 'x', timezone: 'UTC', schemaPath: 's.json', date: '2020-01-01' }));
    data.observed[0].window = { from: '2020-01-01 09:00', to: '2020-01-01 10:00' };
    expect(Incident.safeParse(data).success).toBe(false);
    expect(validate(data)).toBe(false);
    delete data.observed[0].at;
    delete data.observed[0].window;
    expect(validate(data)).toBe(false);
  });
});
