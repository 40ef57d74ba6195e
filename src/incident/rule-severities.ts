// Rule severities set by the project's config, applied to the diagnostics of a run. Only in one
// direction for errors: an error can never become a warning or disappear, since errors are what
// stop a build from replaying bad data and what guard the machine (see cli/config-file.ts). A
// warning can be raised to an error, or lowered to nothing.
import type { Diagnostic } from './diagnostic.js';

export type RuleSetting = 'error' | 'warning' | 'off';

export function applyRuleSeverities(diagnostics: readonly Diagnostic[], rules: Readonly<Record<string, RuleSetting>> | undefined): Diagnostic[] {
  if (!rules) return [...diagnostics];
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const setting = rules[d.rule];
    if (setting === undefined || d.severity === 'error') out.push(d);
    else if (setting === 'error') out.push({ ...d, severity: 'error' });
    else if (setting === 'warning') out.push(d);
    // 'off' drops a warning.
  }
  return out;
}

/** Settings that ask to weaken an error rule: reported, so nobody believes they took effect. */
export function ignoredSettings(diagnostics: readonly Diagnostic[], rules: Readonly<Record<string, RuleSetting>> | undefined): string[] {
  if (!rules) return [];
  const errorRules = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule));
  return Object.entries(rules)
    .filter(([rule, setting]) => setting !== 'error' && errorRules.has(rule))
    .map(([rule]) => rule)
    .sort();
}
