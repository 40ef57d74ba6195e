// The incident format as a JSON Schema, for yaml-language-server and other editors.
import { z } from 'zod';
import { Incident } from './schema.js';

export const schemaId = 'https://github.com/incident-replay/incident-replay/schema/incident.schema.json';

export function incidentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Incident, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return { ...schema, $id: schemaId, title: 'incident-replay incident file' };
}

export function incidentJsonSchemaText(): string {
  return `${JSON.stringify(incidentJsonSchema(), null, 2)}\n`;
}
