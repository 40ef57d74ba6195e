// One model kind as a branch of the incident JSON Schema: when `model.kind` names it, the
// editor completes its parameters (with unit, bounds and default), its actions and their
// arguments in the timeline and in scenarios, and its series wherever a series is named.
// Everything comes from the kind object `validate` checks against, so the two cannot drift.
import type { ModelKind, ParameterSpec } from '../model/types.js';
import { effectJsonSchema } from './action-json-schema.js';
import { describeParameter, modelParameterSchema, parameterNumberSchema } from './parameter-json-schema.js';

type JsonSchema = Record<string, unknown>;

const object = (properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema => ({ type: 'object', properties, ...extra });
const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });

/** A series name: one of the kind's series, each with its title, unit and description. */
function seriesNameSchema(kind: ModelKind<unknown>, description: string): JsonSchema {
  return {
    type: 'string',
    description,
    oneOf: Object.entries(kind.series).map(([name, s]) => ({ const: name, description: `${s.title} (${s.unit}): ${s.description}.` })),
  };
}

/** Named numbers within each parameter's bounds: a scenario's overrides, an effect's `set:`. */
function parameterValuesSchema(parameters: [string, ParameterSpec][], description: string): JsonSchema {
  return object(Object.fromEntries(parameters.map(([name, spec]) => [name, parameterNumberSchema(spec, describeParameter(spec))])), { description });
}

/** The if/then branch of the incident schema for one kind. */
export function kindJsonSchema(kind: ModelKind<unknown>): JsonSchema {
  const parameters = Object.entries(kind.parameters);
  const required = parameters.filter(([, spec]) => spec.default === undefined).map(([name]) => name);
  const effect = effectJsonSchema(`\`${kind.id}\``, kind.actions) as { properties: Record<string, JsonSchema> };
  const effects = arrayOf({
    ...effect,
    properties: { ...effect.properties, set: parameterValuesSchema(parameters, `Parameters of the \`${kind.id}\` model changed from this moment on.`) },
  });
  const series = (what: string) => seriesNameSchema(kind, `${what}: a series of the \`${kind.id}\` model.`);
  const parameterName = (what: string): JsonSchema => ({ type: 'string', examples: parameters.map(([name]) => name), description: `${what}: a parameter of \`model.parameters\`.` });
  return {
    if: object({ model: object({ kind: { const: kind.id } }, { required: ['kind'] }) }, { required: ['model'] }),
    then: object({
      model: object(
        {
          parameters: object(Object.fromEntries(parameters.map(([name, spec]) => [name, modelParameterSchema(name, spec)])), {
            description: `Parameters of the \`${kind.id}\` model: ${required.length > 0 ? `${required.map((n) => `\`${n}\``).join(', ')} required, ` : ''}the others have defaults.`,
            ...(required.length > 0 ? { required } : {}),
          }),
        },
        { description: kind.description },
      ),
      timeline: arrayOf(object({ effects: { ...effects, description: `What the event does to the \`${kind.id}\` model.` } })),
      observed: arrayOf(object({ series: series('The series this figure is a point of') })),
      scenarios: arrayOf(
        object({
          parameters: parameterValuesSchema(parameters, `Parameter overrides of the \`${kind.id}\` model.`),
          series: series('The series this scenario addresses'),
          // `enough` is a goal or `false`: only the goal's branch is refined.
          enough: {
            anyOf: [object({ parameter: parameterName('The parameter to search'), series: series('The series the goal is on') }), { const: false }],
          },
          timeline: object({
            add: arrayOf(object({ effects: { ...effects, description: `What the added event does to the \`${kind.id}\` model.` } })),
          }),
        }),
      ),
      actionItems: arrayOf(object({ series: series('The series this item addresses') })),
      boundaryMaps: arrayOf(
        object({
          series: series('The series whose peak is mapped'),
          x: object({ parameter: parameterName('The parameter of the x axis') }),
          y: object({ parameter: parameterName('The parameter of the y axis') }),
        }),
      ),
    }),
  };
}
