// A parameter of a model kind or a component type as JSON Schema, for an editor's completion
// and hover: its description with unit, bounds and default, and the bounds themselves, so the
// editor flags the same out-of-bounds values `validate` does (`parameter/invalid-value`).
import type { ParameterSpec } from '../model/types.js';

type JsonSchema = Record<string, unknown>;

/** "requests/min; ≥ 0, ≤ 64, whole number, default 1": a parameter's unit and valid values. */
export function describeParameterBounds(spec: ParameterSpec): string {
  const bounds = [
    spec.min !== undefined ? `≥ ${spec.min}` : '',
    spec.max !== undefined ? `≤ ${spec.max}` : '',
    spec.integer ? 'whole number' : '',
    spec.default !== undefined && Number.isFinite(spec.default) ? `default ${spec.default}` : '',
  ].filter(Boolean);
  return `${spec.unit}${bounds.length > 0 ? `; ${bounds.join(', ')}` : ''}`;
}

/** The parameter's description with its unit and bounds: `requests offered per minute (requests/min; ≥ 0)`. */
export function describeParameter(spec: ParameterSpec): string {
  return `${spec.description} (${describeParameterBounds(spec)})`;
}

/** A number within the parameter's valid bounds (and whole, for a count). */
export function parameterNumberSchema(spec: ParameterSpec, description: string): JsonSchema {
  return {
    type: spec.integer ? 'integer' : 'number',
    ...(spec.min !== undefined ? { minimum: spec.min } : {}),
    ...(spec.max !== undefined ? { maximum: spec.max } : {}),
    description,
  };
}

/**
 * A number within the bounds, or an expression over `model.parameters` (which only `validate`
 * can evaluate): what a component instance's parameter and an action's number argument take.
 */
export function numberOrExpressionSchema(spec: Pick<ParameterSpec, 'min' | 'max'>, description: string): JsonSchema {
  return {
    type: ['number', 'string'],
    ...(spec.min !== undefined ? { minimum: spec.min } : {}),
    ...(spec.max !== undefined ? { maximum: spec.max } : {}),
    description,
  };
}

/**
 * An entry of `model.parameters` for a parameter the kind declares: the value, the fitting
 * bounds and the plausible range within the valid bounds, the unit offered for completion.
 * The provenance fields (`provenance`, `note`, `source`, `rangeNote`) keep the general schema.
 */
export function modelParameterSchema(name: string, spec: ParameterSpec): JsonSchema {
  const bounds = describeParameterBounds(spec);
  return {
    type: 'object',
    description: `${describeParameter(spec)}.${spec.default !== undefined ? ' Optional: the model uses its default when it is left out.' : ''}`,
    properties: {
      value: parameterNumberSchema(spec, `The value of \`${name}\` the replay uses (${bounds}).`),
      unit: { type: 'string', examples: [spec.unit], description: `Unit of \`${name}\`: the model declares \`${spec.unit}\`.` },
      min: parameterNumberSchema(spec, `Lower bound of \`${name}\` when fitting (${bounds}).`),
      max: parameterNumberSchema(spec, `Upper bound of \`${name}\` when fitting (${bounds}).`),
      range: {
        type: 'array',
        items: parameterNumberSchema(spec, `A plausible value of \`${name}\` (${bounds}).`),
        description: `Plausible values \`[low, high]\` of \`${name}\`, within its valid bounds (${bounds}): \`sensitivity\` samples them.`,
      },
    },
  };
}
