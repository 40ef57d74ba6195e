// A percentage is between 0 and 100, and a published percentage means nothing without what it
// is a percentage of (13% of the volumes in the zone, or of the stuck ones?).
import type { Check } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';

export function isPercentUnit(unit: string): boolean {
  return unit === 'percent' || unit === '%';
}

export const checkPercentages: Check = (ctx) => {
  const { incident } = ctx;
  const diagnostics: Diagnostic[] = [];
  const range = (path: (string | number)[], value: number, what: string) => {
    if (value >= 0 && value <= 100) return;
    diagnostics.push(
      ctx.at(path, {
        severity: 'error',
        rule: 'unit/percent-range',
        message: `${what} is ${value} percent, expected 0–100`,
        hint:
          value > 0 && value <= 1
            ? 'write a percentage, not a fraction'
            : 'write a percentage between 0 and 100 (0.5 for half a percent), or use another `unit`',
      }),
    );
  };

  incident.observed?.forEach((o, i) => {
    if (!isPercentUnit(o.unit)) return;
    range(['observed', i, 'value'], o.value, `the observed figure${o.id ? ` \`${o.id}\`` : ''}`);
    if (o.basis === undefined || o.basis.trim() === '') {
      diagnostics.push(
        ctx.at(['observed', i, 'unit'], {
          severity: 'error',
          rule: 'unit/percent-basis',
          message: `a percentage needs a \`basis\`: what it is a percentage of`,
          hint: 'add e.g. `basis: EBS volumes in the affected availability zone`; if the source is ambiguous, say how you read it in `reading`',
        }),
      );
    }
  });

  const percentParams = new Set<string>();
  for (const [name, p] of Object.entries(incident.model?.parameters ?? {})) {
    if (!isPercentUnit(p.unit)) continue;
    percentParams.add(name);
    const path = ['model', 'parameters', name];
    range([...path, 'value'], p.value, `parameter \`${name}\``);
    if (p.min !== undefined) range([...path, 'min'], p.min, `the \`min\` of \`${name}\``);
    if (p.max !== undefined) range([...path, 'max'], p.max, `the \`max\` of \`${name}\``);
  }
  incident.scenarios?.forEach((s, i) => {
    for (const [name, value] of Object.entries(s.parameters ?? {})) {
      if (percentParams.has(name)) range(['scenarios', i, 'parameters', name], value, `parameter \`${name}\``);
    }
  });
  incident.timeline.forEach((e, i) =>
    e.effects?.forEach((effect, k) => {
      for (const [name, value] of Object.entries(effect.set ?? {})) {
        if (percentParams.has(name)) range(['timeline', i, 'effects', k, 'set', name], value, `parameter \`${name}\``);
      }
    }),
  );
  return diagnostics;
};
