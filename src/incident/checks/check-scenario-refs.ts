// An action item may name the scenario that quantifies its benefit; that scenario must exist.
import type { Check } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';
import { didYouMean, listNames } from '../did-you-mean.js';

export const checkScenarioRefs: Check = (ctx) => {
  const known = (ctx.incident.scenarios ?? []).map((s) => s.id);
  const ids = new Set(known);
  const diagnostics: Diagnostic[] = [];
  ctx.incident.actionItems?.forEach((item, i) => {
    if (item.scenario === undefined || ids.has(item.scenario)) return;
    const suggestion = didYouMean(item.scenario, known);
    diagnostics.push(
      ctx.at(['actionItems', i, 'scenario'], {
        severity: 'error',
        rule: 'ref/unknown-scenario',
        message:
          `\`actionItems[${i}].scenario\` is \`${item.scenario}\`, which is not a scenario of this incident` +
          (suggestion ? `; did you mean \`${suggestion}\`?` : ''),
        hint: known.length > 0 ? `use one of ${listNames(known)}` : 'add the scenario under `scenarios:`, or remove `scenario:`',
      }),
    );
  });
  return diagnostics;
};
