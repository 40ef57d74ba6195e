// The incident format as a JSON Schema (draft-07), for yaml-language-server and other editors.
// Derived from the zod schema, with a branch per model kind and per component type built from
// the same registries `validate` checks against (`builtinKinds`, `componentTypes`), so the
// completion an editor offers cannot drift from what validates. `validate` remains the
// authority: it also runs the semantic checks, which a JSON Schema cannot express.
import { z } from 'zod';
import { ComponentInstance, Effect, Incident, Model, ObservedPoint } from './schema.js';
import { componentTypes } from '../model/compose/component-types.js';
import { builtinKinds } from '../model/kinds/index.js';
import type { ModelKind } from '../model/types.js';
import { componentJsonSchema } from './component-json-schema.js';
import { kindJsonSchema } from './kind-json-schema.js';

/** Stable: editors and schema stores cache by it. Not fetched: the file itself is the schema. */
export const schemaId = 'https://github.com/incident-replay/incident-replay/schema/incident.schema.json';

/** The zod refinements "exactly one of a or b", which toJSONSchema cannot see into. */
const exactlyOne = new Map<z.core.$ZodType, [string, string]>([
  [Effect, ['action', 'set']],
  [ObservedPoint, ['at', 'window']],
]);

const byId = <T>(list: T[], id: (t: T) => string): T[] => [...list].sort((a, b) => id(a).localeCompare(id(b)));

export function incidentJsonSchema(): Record<string, unknown> {
  const kinds = byId(builtinKinds as ModelKind<unknown>[], (k) => k.id);
  const components = byId(Object.values(componentTypes), (t) => t.type);
  const schema = z.toJSONSchema(Incident, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      const json = ctx.jsonSchema as Record<string, any>;
      const pair = exactlyOne.get(ctx.zodSchema);
      if (pair) json.oneOf = pair.map((key) => ({ required: [key] }));
      if (ctx.zodSchema === ComponentInstance) {
        json.properties.type = { ...json.properties.type, enum: components.map((t) => t.type) };
        json.allOf = components.map(componentJsonSchema);
      }
      if (ctx.zodSchema === Model) json.allOf = [kindNameSchema(kinds)];
    },
  }) as Record<string, unknown>;
  return { ...schema, $id: schemaId, title: 'incident-replay incident file', allOf: kinds.map(kindJsonSchema) };
}

/**
 * `model.kind` is a built-in kind, each offered with its description, unless `model.module`
 * registers one of its own (whose id no schema can know).
 */
function kindNameSchema(kinds: ModelKind<unknown>[]): Record<string, unknown> {
  return {
    if: { not: { required: ['module'] } },
    then: {
      properties: {
        kind: {
          type: 'string',
          description: 'A built-in model kind, or leave it out and compose the model from `components`.',
          oneOf: kinds.map((k) => ({ const: k.id, description: k.description })),
        },
      },
    },
  };
}

export function incidentJsonSchemaText(): string {
  return `${JSON.stringify(incidentJsonSchema(), null, 2)}\n`;
}
