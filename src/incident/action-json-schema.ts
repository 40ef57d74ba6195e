// The actions a model offers, as JSON Schema for a timeline effect: the action names to
// complete (`action:`), and for each action the arguments it takes (`with:`), with their unit,
// bounds or choices. The same rules `validate` applies (`model/unknown-action`,
// `model/unknown-action-arg`, `model/missing-action-arg`, `model/action-arg-value`).
import type { ActionArgumentSpec, ActionSpec } from '../model/types.js';
import { numberOrExpressionSchema } from './parameter-json-schema.js';

type JsonSchema = Record<string, unknown>;

/** `trigger (capacityFactor, forMinutes): capacity drop …` for lists of actions in descriptions. */
export function describeActionBriefly(name: string, action: ActionSpec): string {
  return `${name}${action.args ? ` (${Object.keys(action.args).join(', ')})` : ''}: ${action.description}`;
}

function describeArgument(name: string, arg: ActionArgumentSpec): string {
  const facts = [
    arg.unit ?? '',
    arg.min !== undefined ? `≥ ${arg.min}` : '',
    arg.max !== undefined ? `≤ ${arg.max}` : '',
    arg.required ? 'required' : 'optional',
  ].filter(Boolean);
  return `${arg.description} (\`${name}\`: ${facts.join('; ')}).`;
}

function argumentSchema(name: string, arg: ActionArgumentSpec): JsonSchema {
  const description = describeArgument(name, arg);
  switch (arg.type ?? 'number') {
    case 'boolean':
      return { type: 'boolean', description };
    case 'string':
      return { type: 'string', ...(arg.values ? { enum: [...arg.values] } : {}), description };
    default:
      return numberOrExpressionSchema(arg, `${description} A number, or an expression over \`model.parameters\`.`);
  }
}

/** What `with:` takes for one action; `undefined` when the action does not declare its arguments. */
function argumentsSchema(name: string, action: ActionSpec): JsonSchema | undefined {
  if (!action.args) return undefined;
  const args = Object.entries(action.args);
  const required = args.filter(([, a]) => a.required).map(([n]) => n);
  return {
    type: 'object',
    description:
      args.length > 0 ? `Arguments of \`${name}\`: ${args.map(([n]) => `\`${n}\``).join(', ')}.` : `\`${name}\` takes no arguments.`,
    properties: Object.fromEntries(args.map(([n, a]) => [n, argumentSchema(n, a)])),
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}

/**
 * A timeline effect of a model with these actions: `action` is one of them (each with its
 * description), and `with` takes that action's arguments. One if/then per action, as draft-07
 * has no discriminator; yaml-language-server completes through both.
 */
export function effectJsonSchema(modelName: string, actions: Readonly<Record<string, ActionSpec>>): JsonSchema {
  const entries = Object.entries(actions);
  const withArgs = entries.flatMap(([name, action]) => {
    const args = argumentsSchema(name, action);
    return args ? [{ if: { properties: { action: { const: name } }, required: ['action'] }, then: { properties: { with: args } } }] : [];
  });
  return {
    type: 'object',
    properties: {
      action: {
        type: 'string',
        description: `An action of the ${modelName} model.`,
        oneOf: entries.map(([name, action]) => ({ const: name, description: describeActionBriefly(name, action) })),
      },
    },
    ...(withArgs.length > 0 ? { allOf: withArgs } : {}),
  };
}
