// `min` and `max` bound a parameter when it is fitted; its own value must lie within them.
// (Scenario overrides may go beyond: a counterfactual asks "what if it had been otherwise".)
import type { Check } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';

export const checkParameterRange: Check = (ctx) => {
  const diagnostics: Diagnostic[] = [];
  for (const [name, p] of Object.entries(ctx.incident.model?.parameters ?? {})) {
    const path = ['model', 'parameters', name];
    if (p.min !== undefined && p.max !== undefined && p.min > p.max) {
      diagnostics.push(
        ctx.at([...path, 'min'], {
          severity: 'error',
          rule: 'parameter/min-above-max',
          message: `parameter \`${name}\` has \`min: ${p.min}\` above \`max: ${p.max}\``,
          hint: 'swap `min` and `max`',
        }),
      );
      continue;
    }
    const below = p.min !== undefined && p.value < p.min;
    const above = p.max !== undefined && p.value > p.max;
    if (below || above) {
      diagnostics.push(
        ctx.at([...path, 'value'], {
          severity: 'error',
          rule: 'parameter/out-of-range',
          message: `parameter \`${name}\` is ${p.value}, ${below ? `below its \`min: ${p.min}\`` : `above its \`max: ${p.max}\``}`,
          hint: `change the value, or widen the range it may be fitted in (\`${below ? 'min' : 'max'}\`)`,
        }),
      );
    }
  }
  return diagnostics;
};
