// An effect's `action` must be one the model kind defines, with the arguments it takes.
// Checked only when the kind lists its actions (a kind still being written lists none).
import type { Check } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';
import { didYouMean, listNames } from '../did-you-mean.js';
import type { Effect } from '../schema.js';

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
