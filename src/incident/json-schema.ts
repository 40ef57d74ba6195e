// The incident format as a JSON Schema (draft-07), for yaml-language-server and other editors.
// Derived from the zod schema; `validate` remains the authority (it also runs the semantic
// checks, which a JSON Schema cannot express).
import { z } from 'zod';
import { Effect, Incident, ObservedPoint } from './schema.js';

export const schemaId = 'https://github.com/incident-replay/incident-replay/schema/incident.schema.json';

/** The zod refinements "exactly one of a or b", which toJSONSchema cannot see into. */
const exactlyOne = new Map<z.core.$ZodType, [string, string]>([
  [Effect, ['action', 'set']],
  [ObservedPoint, ['at', 'window']],
]);

export function incidentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Incident, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      const pair = exactlyOne.get(ctx.zodSchema);
      if (pair) ctx.jsonSchema.oneOf = pair.map((key) => ({ required: [key] }));
    },
  }) as Record<string, unknown>;
  return { ...schema, $id: schemaId, title: 'incident-replay incident file' };
}

export function incidentJsonSchemaText(): string {
  return `${JSON.stringify(incidentJsonSchema(), null, 2)}\n`;
}
