// A parameter's value must lie within the valid bounds its model declares (a kind's parameter,
// or a component parameter a composed model hands it to): the file's value, each scenario's
// override, each `set:` effect, and the range `fit` may search (`min`/`max`). The replay would
// refuse an invalid value; validate says so at the value.
import type { Check } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';
import type { ParameterSpec } from '../../model/types.js';

function problem(spec: ParameterSpec, value: number): string | undefined {
  if (spec.min !== undefined && value < spec.min) return `below its smallest valid value ${spec.min}`;
  if (spec.max !== undefined && value > spec.max) return `above its largest valid value ${spec.max}`;
  if (spec.integer && !Number.isInteger(value)) return 'not a whole number';
  return undefined;
}

export const checkParameterBounds: Check = (ctx) => {
  const kind = ctx.kinds.status === 'loaded' ? ctx.kinds.kind : undefined;
  if (!kind) return [];
  const out: Diagnostic[] = [];
  const check = (name: string, value: number, path: (string | number)[], what: (name: string) => string) => {
    const spec = Object.hasOwn(kind.parameters, name) ? kind.parameters[name]! : undefined;
    if (!spec) return;
    const why = problem(spec, value);
    if (!why) return;
    const bounds = [spec.min !== undefined ? `≥ ${spec.min}` : '', spec.max !== undefined ? `≤ ${spec.max}` : '', spec.integer ? 'whole' : '']
      .filter(Boolean)
      .join(', ');
    out.push(
      ctx.at(path, {
        severity: 'error',
        rule: 'parameter/invalid-value',
        message: `${what(`\`${name}\``)} ${value} ${spec.unit}, ${why} (${spec.description})`,
        hint: `use a value ${bounds}`,
      }),
    );
  };
  for (const [name, p] of Object.entries(ctx.incident.model?.parameters ?? {})) {
    check(name, p.value, ['model', 'parameters', name, 'value'], (n) => `parameter ${n} is`);
    if (p.min !== undefined) check(name, p.min, ['model', 'parameters', name, 'min'], (n) => `the fitting range of ${n} starts at`);
    if (p.max !== undefined) check(name, p.max, ['model', 'parameters', name, 'max'], (n) => `the fitting range of ${n} ends at`);
  }
  ctx.incident.scenarios?.forEach((s, i) => {
    for (const [name, value] of Object.entries(s.parameters ?? {})) check(name, value, ['scenarios', i, 'parameters', name], (n) => `scenario \`${s.id}\` sets ${n} to`);
  });
  const effects = (base: (string | number)[], list: readonly { set?: Record<string, number> }[] | undefined) =>
    list?.forEach((e, k) => {
      for (const [name, value] of Object.entries(e.set ?? {})) check(name, value, [...base, k, 'set', name], (n) => `\`set:\` sets ${n} to`);
    });
  ctx.incident.timeline.forEach((e, i) => effects(['timeline', i, 'effects'], e.effects));
  ctx.incident.scenarios?.forEach((s, i) => s.timeline?.add?.forEach((e, j) => effects(['scenarios', i, 'timeline', 'add', j, 'effects'], e.effects)));
  return out;
};
