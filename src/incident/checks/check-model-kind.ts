// `model.kind` must name a registered kind, and `model.parameters` must give every parameter
// the kind reads (a missing one would make the replay NaN). A parameter the kind does not read
// is only a warning: it changes nothing, but it is often a misspelling.
import type { Check } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';
import { didYouMean, listNames } from '../did-you-mean.js';
import { quoteUserText } from '../quote-user-text.js';
import type { Incident } from '../schema.js';
import { namesIn } from '../../model/compose/expression.js';

export const checkModelKind: Check = (ctx) => {
  const model = ctx.incident.model;
  const lookup = ctx.kinds;
  if (!model || lookup.status === 'none') return [];
  if (lookup.status === 'unavailable') {
    return [
      ctx.at(['model', 'kind'], {
        severity: 'warning',
        rule: 'model/kinds-unavailable',
        message: `the model kinds could not be loaded (${lookup.error}), so the model was not checked against its kind`,
        hint: 'this is a bug in incident-replay: please report it',
      }),
    ];
  }
  if (lookup.moduleRefused !== undefined) {
    // Without the opt-in this is not a mistake in the file, but nothing can be checked against
    // a kind that was not loaded and no command may replay it: an error, so that no setting in
    // the tree can switch it off.
    const { rule, message, hint } = lookup.moduleRefused;
    return [ctx.at(['model', 'module'], { severity: 'error', rule, message, hint })];
  }
  if (lookup.moduleError !== undefined) {
    return [
      ctx.at(['model', 'module'], {
        severity: 'error',
        rule: 'model/module',
        message: `cannot load the model kind module: ${lookup.moduleError}`,
        hint: 'the module must export a ModelKind as `export default` or `export const kind` (see the README, “Writing your own kind”)',
      }),
    ];
  }
  if (lookup.compositionProblems) {
    return lookup.compositionProblems.map((problem) =>
      ctx.at(['model', ...problem.path], {
        severity: problem.severity ?? 'error',
        rule: 'model/composition',
        message: problem.offset !== undefined ? `${problem.message} (at character ${problem.offset + 1} of the expression)` : problem.message,
        hint: problem.hint ?? 'see the README, “Model your own incident”',
      }),
    );
  }
  const kind = lookup.kind;
  if (!kind && model.kind === undefined) return [];
  if (!kind) {
    const suggestion = didYouMean(model.kind ?? '', lookup.knownIds);
    return [
      ctx.at(['model', 'kind'], {
        severity: 'error',
        rule: 'model/unknown-kind',
        message:
          `unknown model kind \`${quoteUserText(model.kind ?? '')}\`, expected one of ${listNames(lookup.knownIds)}` +
          (suggestion ? `; did you mean \`${suggestion}\`?` : ''),
        hint: suggestion
          ? `write \`kind: ${suggestion}\``
          : 'pick the kind whose mechanism matches the incident, or register your own with `model.module`',
      }),
    ];
  }
  const needed = Object.keys(kind.parameters);
  if (needed.length === 0) return []; // The kind does not declare its parameters (yet).
  const diagnostics: Diagnostic[] = [];
  const given = Object.keys(model.parameters);
  for (const name of needed) {
    const spec = kind.parameters[name]!;
    // A parameter with a default is optional: the engine fills it in.
    if (name in model.parameters || spec.default !== undefined) continue;
    diagnostics.push(
      ctx.at(
        ['model', 'parameters'],
        {
          severity: 'error',
          rule: 'model/missing-parameter',
          message: `the \`${kind.id}\` model needs parameter \`${name}\` (${spec.description}, in ${spec.unit}), which \`model.parameters\` does not give`,
          hint: `add \`${name}: { value: …, unit: ${spec.unit}, provenance: …, note: … }\``,
        },
        'key',
      ),
    );
  }
  const usedByEffects = parametersNamedByEffects(ctx.incident);
  for (const name of given) {
    if (Object.hasOwn(kind.parameters, name) || usedByEffects.has(name)) continue;
    const suggestion = didYouMean(name, needed.filter((n) => !given.includes(n)));
    diagnostics.push(
      ctx.at(
        ['model', 'parameters', name],
        {
          severity: 'warning',
          rule: 'model/unused-parameter',
          message:
            `the \`${kind.id}\` model does not read parameter \`${name}\`` +
            (suggestion ? `; did you mean \`${suggestion}\`?` : ''),
          hint: suggestion ? `rename it to \`${suggestion}\`` : `its parameters are ${listNames(needed)}`,
        },
        'key',
      ),
    );
  }
  return diagnostics;
};

/** Parameters an action argument names (`amount: extraCapacity`): used, though the kind does not list them. */
function parametersNamedByEffects(incident: Incident): Set<string> {
  const names = new Set<string>();
  const events = [...incident.timeline, ...(incident.scenarios ?? []).flatMap((s) => s.timeline?.add ?? [])];
  for (const event of events) {
    for (const effect of event.effects ?? []) {
      for (const value of Object.values(effect.with ?? {})) {
        if (typeof value !== 'string') continue;
        try {
          for (const n of namesIn(value)) names.add(n);
        } catch {
          // A malformed expression is reported by the actions check.
        }
      }
    }
  }
  return names;
}
