// A component type as a branch of the JSON Schema of `model.components.<instance>`: once
// `type:` is written, the editor completes its parameters (with unit, bounds and default) and
// its ports, and the hover lists its actions. Built from the component registry the
// composition compiler checks against, with the same pieces as a kind's branch.
import type { ComponentType } from '../model/compose/component.js';
import { describeActionBriefly } from './action-json-schema.js';
import { describeParameter, numberOrExpressionSchema } from './parameter-json-schema.js';

type JsonSchema = Record<string, unknown>;

/** The if/then branch of a component instance for one component type. */
export function componentJsonSchema(type: ComponentType): JsonSchema {
  const actions = Object.entries(type.actions).map(([name, action]) => describeActionBriefly(name, action));
  return {
    if: { properties: { type: { const: type.type } }, required: ['type'] },
    then: {
      description: `${type.description} Actions (in a timeline effect, \`action: <instance>.<action>\`): ${actions.join('; ') || 'none'}.`,
      properties: {
        parameters: {
          type: 'object',
          description: `Parameters of a \`${type.type}\`: numbers, or names of (expressions over) \`model.parameters\`.`,
          properties: Object.fromEntries(
            Object.entries(type.parameters).map(([name, spec]) => [
              name,
              numberOrExpressionSchema(spec, `${describeParameter(spec)}. A number or an expression over model.parameters.`),
            ]),
          ),
          additionalProperties: false,
        },
        stocks: {
          type: 'object',
          description: `Ports of a \`${type.type}\`: which stock of \`model.stocks\` each one is.`,
          properties: Object.fromEntries(
            Object.entries(type.stocks).map(([name, port]) => [
              name,
              {
                type: 'string',
                description: `${port.description} (a stock in ${port.unit}; ${port.access === 'read' ? 'read' : 'written'}${port.optional ? ', optional' : ''})`,
              },
            ]),
          ),
          additionalProperties: false,
        },
      },
    },
  };
}
