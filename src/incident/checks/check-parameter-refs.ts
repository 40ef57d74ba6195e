// Scenarios override parameters and `set:` effects change them; each name must be a parameter
// of `model.parameters`, or the override would silently do nothing.
import type { Check } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';
import { didYouMean, listNames } from '../did-you-mean.js';
import type { Effect } from '../schema.js';

export const checkParameterRefs: Check = (ctx) => {
  const { incident } = ctx;
  const declared = Object.keys(incident.model?.parameters ?? {});
  const known = new Set(declared);
  const diagnostics: Diagnostic[] = [];
  const check = (path: (string | number)[], name: string) => {
    if (known.has(name)) return;
    const suggestion = didYouMean(name, declared);
    diagnostics.push(
      ctx.at(
        path,
        {
          severity: 'error',
          rule: 'ref/unknown-parameter',
          message: incident.model
            ? `\`${name}\` is not a parameter of \`model.parameters\`` + (suggestion ? `; did you mean \`${suggestion}\`?` : '')
            : `\`${name}\` sets a model parameter, but the file has no \`model:\``,
          hint: incident.model
            ? suggestion
              ? `rename it to \`${suggestion}\``
              : `use one of ${listNames(declared)}, or declare it under \`model.parameters\``
            : 'add a `model:` with its parameters, or remove this',
        },
        'key',
      ),
    );
  };
  const checkEffects = (path: (string | number)[], effects: readonly Effect[] | undefined) =>
    effects?.forEach((effect, k) => {
      for (const name of Object.keys(effect.set ?? {})) check([...path, k, 'set', name], name);
    });

  incident.timeline.forEach((e, i) => checkEffects(['timeline', i, 'effects'], e.effects));
  incident.scenarios?.forEach((s, i) => {
    for (const name of Object.keys(s.parameters ?? {})) check(['scenarios', i, 'parameters', name], name);
    s.timeline?.add?.forEach((e, j) => checkEffects(['scenarios', i, 'timeline', 'add', j, 'effects'], e.effects));
  });
  return diagnostics;
};
