// `range: [low, high]` says which values of an `assumed` or `derived` parameter are plausible;
// `sensitivity` samples it. The file's value is one plausible value, so it must lie inside; the
// range must be ordered and stay within the valid bounds the model declares (a sample outside
// them would be refused by the replay); a published value is a fact, not something to vary.
import type { Check } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';

export const checkParameterPlausibleRange: Check = (ctx) => {
  const out: Diagnostic[] = [];
  const kind = ctx.kinds.status === 'loaded' ? ctx.kinds.kind : undefined;
  for (const [name, p] of Object.entries(ctx.incident.model?.parameters ?? {})) {
    if (p.range === undefined) continue;
    const path = ['model', 'parameters', name, 'range'];
    const [low, high] = p.range;
    if (p.provenance === 'published') {
      out.push(
        ctx.at(path, {
          severity: 'error',
          rule: 'parameter/range-on-published',
          message: `parameter \`${name}\` is \`published\` and has a \`range\`: a published value is not varied`,
          hint: 'remove the range, or mark the value `derived` or `assumed` if no source gives it',
        }, 'key'),
      );
      continue;
    }
    if (low > high) {
      out.push(
        ctx.at([...path, 0], {
          severity: 'error',
          rule: 'parameter/range-reversed',
          message: `parameter \`${name}\` has \`range: [${low}, ${high}]\`, its low end above its high end`,
          hint: `write \`range: [${high}, ${low}]\``,
        }),
      );
      continue;
    }
    if (p.value < low || p.value > high) {
      out.push(
        ctx.at([...path, p.value < low ? 0 : 1], {
          severity: 'error',
          rule: 'parameter/outside-range',
          message: `parameter \`${name}\` is ${p.value}, outside its plausible \`range: [${low}, ${high}]\``,
          hint: 'widen the range to include the value, or change the value',
        }),
      );
    }
    const spec = kind && Object.hasOwn(kind.parameters, name) ? kind.parameters[name]! : undefined;
    if (!spec) continue;
    const ends: [number, number][] = [[low, 0], [high, 1]];
    for (const [end, i] of ends) {
      const below = spec.min !== undefined && end < spec.min;
      const above = spec.max !== undefined && end > spec.max;
      if (!below && !above) continue;
      out.push(
        ctx.at([...path, i], {
          severity: 'error',
          rule: 'parameter/range-invalid',
          message: `the range of \`${name}\` ${i === 0 ? 'starts' : 'ends'} at ${end} ${spec.unit}, ${below ? `below its smallest valid value ${spec.min}` : `above its largest valid value ${spec.max}`} (${spec.description})`,
          hint: `keep the range within ${[spec.min !== undefined ? `≥ ${spec.min}` : '', spec.max !== undefined ? `≤ ${spec.max}` : ''].filter(Boolean).join(' and ')}`,
        }),
      );
    }
  }
  return out;
};
