// An effect's `action` must be one the model kind defines, with the arguments it takes.
// Checked only when the kind lists its actions (a kind still being written lists none).
import type { Check } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';
import { didYouMean, listNames } from '../did-you-mean.js';
import type { Effect } from '../schema.js';
import type { ActionArgumentSpec } from '../../model/types.js';
import { compileExpression, ExpressionError } from '../../model/compose/expression.js';

export const checkActions: Check = (ctx) => {
  const kind = ctx.kinds.status === 'loaded' ? ctx.kinds.kind : undefined;
  const actions = Object.keys(kind?.actions ?? {});
  if (!kind || actions.length === 0) return [];
  const diagnostics: Diagnostic[] = [];
  const checkEffects = (base: (string | number)[], effects: readonly Effect[] | undefined) =>
    effects?.forEach((effect, k) => {
      if (effect.action === undefined) return;
      const path = [...base, k];
      const spec = kind.actions[effect.action];
      if (!spec) {
        const suggestion = didYouMean(effect.action, actions);
        diagnostics.push(
          ctx.at([...path, 'action'], {
            severity: 'error',
            rule: 'model/unknown-action',
            message:
              `the \`${kind.id}\` model has no action \`${effect.action}\`` +
              (suggestion ? `; did you mean \`${suggestion}\`?` : ''),
            hint: `its actions are ${listNames(actions)}; to change a parameter, use \`set:\``,
          }),
        );
        return;
      }
      if (!spec.args) return;
      diagnostics.push(...checkArgumentValues(ctx, path, effect, spec.args));
      const args = Object.keys(spec.args);
      for (const name of Object.keys(effect.with ?? {})) {
        if (name in spec.args) continue;
        const suggestion = didYouMean(name, args);
        diagnostics.push(
          ctx.at(
            [...path, 'with', name],
            {
              severity: 'error',
              rule: 'model/unknown-action-arg',
              message:
                `action \`${effect.action}\` takes no argument \`${name}\`` + (suggestion ? `; did you mean \`${suggestion}\`?` : ''),
              hint: args.length > 0 ? `its arguments are ${listNames(args)}` : 'it takes no arguments: remove `with:`',
            },
            'key',
          ),
        );
      }
      for (const [name, arg] of Object.entries(spec.args)) {
        if (!arg.required || (effect.with && name in effect.with)) continue;
        diagnostics.push(
          ctx.at(path, {
            severity: 'error',
            rule: 'model/missing-action-arg',
            message: `action \`${effect.action}\` needs argument \`${name}\` (${arg.description})`,
            hint: `add \`with: { ${name}: … }\``,
          }),
        );
      }
    });
  ctx.incident.timeline.forEach((e, i) => checkEffects(['timeline', i, 'effects'], e.effects));
  ctx.incident.scenarios?.forEach((s, i) =>
    s.timeline?.add?.forEach((e, j) => checkEffects(['scenarios', i, 'timeline', 'add', j, 'effects'], e.effects)),
  );
  return diagnostics;
};

/**
 * Argument values the action would refuse or ignore: a number outside its bounds (a negative
 * capacity addition is a no-op), an expression naming no parameter, a word not among the choices.
 */
function checkArgumentValues(
  ctx: Parameters<Check>[0],
  path: (string | number)[],
  effect: Effect,
  specs: Readonly<Record<string, ActionArgumentSpec>>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const params = ctx.incident.model?.parameters ?? {};
  for (const [name, given] of Object.entries(effect.with ?? {})) {
    const spec = Object.hasOwn(specs, name) ? specs[name]! : undefined;
    if (!spec) continue;
    const at = [...path, 'with', name];
    const type = spec.type ?? 'number';
    const bad = (message: string, hint: string) =>
      out.push(ctx.at(at, { severity: 'error', rule: 'model/action-arg-value', message: `action \`${effect.action}\`: ${message}`, hint }));
    if (type === 'number') {
      let value: number;
      if (typeof given === 'number') value = given;
      else if (typeof given === 'string') {
        try {
          value = compileExpression(given, (n) =>
            Object.hasOwn(params, n) ? () => params[n]!.value : `\`${n}\` is not in \`model.parameters\``,
          )();
        } catch (error) {
          if (!(error instanceof ExpressionError)) throw error;
          bad(`argument \`${name}\`: ${error.message}`, 'give a number, or an expression over `model.parameters` (e.g. `extraCapacity / 2`)');
          continue;
        }
      } else {
        bad(`argument \`${name}\` is ${given}, expected a number`, `give \`${name}\` a number${spec.unit ? ` in ${spec.unit}` : ''}`);
        continue;
      }
      const unit = spec.unit ? ` ${spec.unit}` : '';
      if (spec.min !== undefined && value < spec.min) {
        bad(`argument \`${name}\` is ${value}${unit}, below its smallest valid value ${spec.min}${unit}: the action would do nothing or the opposite`, `use a value ≥ ${spec.min}, or the opposite action`);
      } else if (spec.max !== undefined && value > spec.max) {
        bad(`argument \`${name}\` is ${value}${unit}, above its largest valid value ${spec.max}${unit}`, `use a value ≤ ${spec.max}`);
      }
    } else if (type === 'boolean' && typeof given !== 'boolean') {
      bad(`argument \`${name}\` is ${JSON.stringify(given)}, expected true or false`, `write \`${name}: true\` or \`${name}: false\``);
    } else if (type === 'string' && (typeof given !== 'string' || (spec.values && !spec.values.includes(given)))) {
      bad(`argument \`${name}\` is ${JSON.stringify(given)}, expected ${spec.values ? `one of ${listNames(spec.values)}` : 'a word'}`, spec.values ? `write one of ${listNames(spec.values)}` : 'give a word');
    }
  }
  return out;
}
