// The incident format as a JSON Schema (draft-07), for yaml-language-server and other editors.
// Derived from the zod schema; `validate` remains the authority (it also runs the semantic
// checks, which a JSON Schema cannot express).
import { z } from 'zod';
import { ComponentInstance, Effect, Incident, ObservedPoint } from './schema.js';
import { componentTypes } from '../model/compose/component-types.js';
import type { ComponentType, ParameterSpec } from '../model/compose/component.js';

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
      if (ctx.zodSchema === ComponentInstance) describeComponentTypes(ctx.jsonSchema as Record<string, any>);
    },
  }) as Record<string, unknown>;
  return { ...schema, $id: schemaId, title: 'incident-replay incident file' };
}

export function incidentJsonSchemaText(): string {
  return `${JSON.stringify(incidentJsonSchema(), null, 2)}\n`;
}

/** A parameter's description with its unit, bounds and default, for an editor's tooltip. */
function describeParameter(spec: ParameterSpec): string {
  const bounds = [
    spec.min !== undefined ? `≥ ${spec.min}` : '',
    spec.max !== undefined ? `≤ ${spec.max}` : '',
    spec.integer ? 'whole number' : '',
    spec.default !== undefined && Number.isFinite(spec.default) ? `default ${spec.default}` : '',
  ].filter(Boolean);
  return `${spec.description} (${spec.unit}${bounds.length > 0 ? `; ${bounds.join(', ')}` : ''}). A number or an expression over model.parameters.`;
}

/**
 * Each component type's parameters and ports, so an editor completes them once `type:` is
 * written: one if/then per type (draft-07 has no discriminator).
 */
function describeComponentTypes(schema: Record<string, any>): void {
  const types = Object.values(componentTypes).sort((a, b) => a.type.localeCompare(b.type));
  schema.properties.type = { ...schema.properties.type, enum: types.map((t) => t.type) };
  schema.allOf = types.map((t: ComponentType) => ({
    if: { properties: { type: { const: t.type } }, required: ['type'] },
    then: {
      description: `${t.description} Actions (in a timeline effect, \`action: <instance>.<action>\`): ${
        Object.entries(t.actions)
          .map(([name, a]) => `${name}${a.args ? ` (${Object.keys(a.args).join(', ')})` : ''}: ${a.description}`)
          .join('; ') || 'none'
      }.`,
      properties: {
        parameters: {
          type: 'object',
          properties: Object.fromEntries(
            Object.entries(t.parameters).map(([name, spec]) => [name, { type: ['number', 'string'], description: describeParameter(spec) }]),
          ),
          additionalProperties: false,
        },
        stocks: {
          type: 'object',
          properties: Object.fromEntries(
            Object.entries(t.stocks).map(([name, port]) => [
              name,
              { type: 'string', description: `${port.description} (a stock in ${port.unit}; ${port.access === 'read' ? 'read' : 'written'}${port.optional ? ', optional' : ''})` },
            ]),
          ),
          additionalProperties: false,
        },
      },
    },
  }));
}
