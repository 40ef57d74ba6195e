// Paths in the file that the commands read (`template:`) must stay inside the project: see
// project-path.ts; a bare name must be a built-in template. (`model.module` is checked where it is
// loaded, in check.ts's lookUpKinds.)
import type { Check } from '../check.js';
import { quoteUserText } from '../quote-user-text.js';
import { builtinTemplateNames, templatePathOf } from '../template-path.js';

export const checkDataPaths: Check = (ctx) => {
  const template = ctx.incident.template;
  if (template === undefined) return [];
  const resolved = templatePathOf(template, ctx.loaded.file);
  if (resolved.ok) return [];
  if (resolved.rule === 'template/unknown') {
    return [ctx.at(['template'], { severity: 'error', rule: resolved.rule, message: `\`template\`: ${resolved.message}`, hint: resolved.hint })];
  }
  return [
    ctx.at(['template'], {
      severity: 'error',
      rule: 'path/outside-project',
      message: `template \`${quoteUserText(template)}\` ${resolved.message}`,
      hint: `${resolved.hint}; or name a built-in template (${builtinTemplateNames().map((n) => `\`${n}\``).join(', ')})`,
    }),
  ];
};
