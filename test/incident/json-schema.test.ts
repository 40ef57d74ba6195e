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

let compiled: ReturnType<Ajv['compile']> | undefined;

/** Compiled once: the schema holds a branch per kind and component, and compiling it takes seconds. */
function compile() {
  return (compiled ??= compileNow());
}

function compileNow() {
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
    // Editors and schema stores key their caches by it: it never changes between releases.
    expect(incidentJsonSchema().$id).toBe('https://github.com/incident-replay/incident-replay/schema/incident.schema.json');
    expect(() => compile()).not.toThrow();
  });

  it('accepts the valid fixtures and a scaffolded file', async () => {
    const validate = compile();
    for (const file of await yamlFiles('test/fixtures/valid')) {
      const data = parse(await readFile(path.join(root, file), 'utf8'));
      // `test-queue` is registered by the tests (test/incident/test-kind.ts), as a module would
      // register it; the schema offers only the built-in kinds unless `model.module` is given.
      if (data.model?.kind === 'test-queue') data.model.module = 'test-kind.mjs';
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

/**
 * Every property an editor can complete, in the base schema or a kind's or component's branch,
 * by the path of data it describes (`.model.parameters.*.value`, `.timeline[].effects[].with.amount`).
 */
function propertyPaths(schema: Record<string, any>): { declared: Set<string>; described: Set<string> } {
  const declared = new Set<string>();
  const described = new Set<string>();
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, at));
    if (node === null || typeof node !== 'object') return;
    const s = node as Record<string, any>;
    for (const [name, property] of Object.entries((s.properties ?? {}) as Record<string, any>)) {
      const here = `${at}.${name}`;
      declared.add(here);
      if (typeof property?.description === 'string' && property.description.length > 0) described.add(here);
      walk(property, here);
    }
    if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${at}.*`);
    if (s.items) walk(s.items, `${at}[]`);
    // A branch refines the same data; `if` only tests it.
    for (const key of ['allOf', 'anyOf', 'oneOf', 'then', 'else']) if (s[key]) walk(s[key], at);
  };
  walk(schema, '');
  return { declared, described };
}

describe('descriptions', () => {
  it('every property has a description, in the base schema or one of its branches (hover shows them merged)', () => {
    const { declared, described } = propertyPaths(incidentJsonSchema());
    expect(declared.size).toBeGreaterThan(300);
    expect([...declared].filter((p) => !described.has(p))).toEqual([]);
  });

  it('the walk finds a property without one', () => {
    const { declared, described } = propertyPaths({ properties: { a: { description: 'A.', properties: { b: { type: 'string' } } } } });
    expect([...declared].filter((p) => !described.has(p))).toEqual(['.a.b']);
  });
});

describe('a branch per model kind', () => {
  it('offers each built-in kind, and any kind with a `model.module`', async () => {
    const { builtinKinds } = await import('../../src/model/kinds/index.js');
    const validate = compile();
    const data = parse(scaffoldIncident({ id: 'x', timezone: 'UTC', schemaPath: 's.json', date: '2020-01-01' }));
    // Only the kind is tested here: another kind's branch then applies to the rest of the file.
    const kindErrors = (kind: string, module?: string) => {
      validate({ ...data, model: { ...data.model, kind, ...(module ? { module } : {}) } });
      return (validate.errors ?? []).filter((e) => e.instancePath === '/model/kind');
    };
    for (const kind of builtinKinds) expect(kindErrors(kind.id), kind.id).toEqual([]);
    expect(kindErrors('retry-strom')).not.toEqual([]);
    expect(kindErrors('my-own', 'kinds/my-own.mjs')).toEqual([]);
  });

  it('holds a parameter, an action argument and a series to the bounds and names validate uses', () => {
    const validate = compile();
    const base = parse(scaffoldIncident({ id: 'x', timezone: 'UTC', schemaPath: 's.json', date: '2020-01-01' }));
    expect(base.model.kind).toBe('retry-storm');
    expect(validate(base)).toBe(true);
    const failsAt = (change: (d: any) => void, pointer: string) => {
      const data = structuredClone(base);
      change(data);
      expect(validate(data), pointer).toBe(false);
      expect(validate.errors!.map((e) => e.instancePath), pointer).toContain(pointer);
    };
    // maxAttempts: whole, 1..64 (retry-storm.ts).
    failsAt((d) => (d.model.parameters.maxAttempts = { value: 0, unit: 'attempts', provenance: 'assumed', note: 'n' }), '/model/parameters/maxAttempts/value');
    failsAt((d) => (d.model.parameters.maxAttempts = { value: 2.5, unit: 'attempts', provenance: 'assumed', note: 'n' }), '/model/parameters/maxAttempts/value');
    // A required parameter left out.
    failsAt((d) => delete d.model.parameters.timeout, '/model/parameters');
    // An action of another kind, an argument `trigger` does not take, one out of bounds.
    failsAt((d) => (d.timeline[1].effects[0] = { action: 'partition' }), '/timeline/1/effects/0/action');
    failsAt((d) => (d.timeline[1].effects[0].with = { capacityFactr: 0.5 }), '/timeline/1/effects/0/with');
    failsAt((d) => (d.timeline[1].effects[0].with = { capacityFactor: -1 }), '/timeline/1/effects/0/with/capacityFactor');
    // A series of another kind.
    failsAt((d) => (d.observed[0].series = 'stuck'), '/observed/0/series');
  });
});
