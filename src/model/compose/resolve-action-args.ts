// An action's arguments checked against its spec when the action runs: numbers (or expressions
// over the model's parameters, evaluated now) within their bounds, booleans, words among the
// choices. A problem is an Error the engine reports with the action and the minute.
import type { ArgValue } from '../types.js';
import { compileExpression } from './expression.js';

/** An action's arguments checked against its spec; numeric expressions evaluated now. */
export function resolveArgs(
  specs: Readonly<Record<string, { type?: string; required?: boolean; min?: number; max?: number; values?: readonly string[] }>>,
  args: Readonly<Record<string, ArgValue>>,
  params: Readonly<Record<string, number>>,
  action: string,
): Record<string, ArgValue> {
  const out: Record<string, ArgValue> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const given = args[name];
    if (given === undefined) {
      if (spec.required) throw new Error(`\`${action}\` needs argument \`${name}\``);
      continue;
    }
    const type = spec.type ?? 'number';
    if (type === 'number') {
      let value: number;
      if (typeof given === 'number') value = given;
      else if (typeof given === 'string') {
        try {
          value = compileExpression(given, (n) => (Object.hasOwn(params, n) ? () => params[n]! : `\`${n}\` is not a parameter of the model`))();
        } catch (error) {
          throw new Error(`argument \`${name}\`: ${(error as Error).message}`);
        }
      } else throw new Error(`argument \`${name}\` is ${given}, expected a number or a parameter expression`);
      if (spec.min !== undefined && value < spec.min) throw new Error(`argument \`${name}\` is ${value}, below its smallest valid value ${spec.min}`);
      if (spec.max !== undefined && value > spec.max) throw new Error(`argument \`${name}\` is ${value}, above its largest valid value ${spec.max}`);
      out[name] = value;
    } else if (type === 'boolean') {
      if (typeof given !== 'boolean') throw new Error(`argument \`${name}\` is ${JSON.stringify(given)}, expected true or false`);
      out[name] = given;
    } else {
      if (typeof given !== 'string' || (spec.values && !spec.values.includes(given))) {
        throw new Error(`argument \`${name}\` is ${JSON.stringify(given)}, expected ${spec.values ? `one of ${spec.values.join(', ')}` : 'a string'}`);
      }
      out[name] = given;
    }
  }
  return out;
}
