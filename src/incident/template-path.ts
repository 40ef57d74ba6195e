// Where a template comes from. A built-in template is named (`brief`, `default`) and read from
// the templates/ directory of the package this module belongs to, found from this module's own
// URL, so a name works from a checkout and from an installed package alike, whatever the working
// directory. Anything else is a path: on the command line, the user's choice, relative to the
// working directory; in an incident file (`template:`), relative to the file and inside the
// project (project-path.ts), so that a file cannot put /etc/passwd into its report.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDataPath, type DataPath } from './project-path.js';
import { didYouMean } from './did-you-mean.js';

const builtinTemplates = fileURLToPath(new URL('../../templates/', import.meta.url));

/** What a template name looks like: no directory, no extension. */
const namePattern = /^[a-z][a-z0-9-]*$/;

/** The names of the built-in templates, sorted (`brief`, `default`). */
export function builtinTemplateNames(): string[] {
  let files: string[];
  try {
    files = readdirSync(builtinTemplates);
  } catch {
    return [];
  }
  return files
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.slice(0, -3))
    .filter((n) => namePattern.test(n))
    .sort();
}

/** The file of a built-in template named `name` (`default`, `brief`), if there is one. */
export function builtinTemplatePath(name: string): string | undefined {
  if (!namePattern.test(name)) return undefined;
  const file = path.join(builtinTemplates, `${name}.md`);
  return existsSync(file) ? file : undefined;
}

/** `unknown template `breif`; the built-in templates are brief, default` and a hint. */
export function unknownTemplate(name: string): { message: string; hint: string } | undefined {
  if (!namePattern.test(name)) return undefined;
  const names = builtinTemplateNames();
  const suggestion = didYouMean(name, names);
  return {
    message: `unknown template \`${name}\`; the built-in templates are ${names.map((n) => `\`${n}\``).join(', ')}`,
    hint: `${suggestion ? `did you mean \`${suggestion}\`? Otherwise ` : ''}name a built-in template, or give the path of a markdown template (e.g. \`templates/my-report.md\`)`,
  };
}

/** A path that is not allowed (`path/outside-project`), or a name no template has (`template/unknown`). */
export type TemplatePath = { ok: true; absolute: string } | { ok: false; rule: 'path/outside-project' | 'template/unknown'; message: string; hint: string };

export function templatePathOf(template: string, incidentFile: string): TemplatePath {
  const builtin = builtinTemplatePath(template);
  if (builtin !== undefined) return { ok: true, absolute: builtin };
  const resolved: DataPath = resolveDataPath(template, incidentFile);
  if (!resolved.ok) return { ...resolved, rule: 'path/outside-project' };
  // A bare word that is neither a built-in nor a file next to the incident is a mistyped name.
  const unknown = unknownTemplate(template);
  if (unknown && !existsSync(resolved.absolute)) return { ok: false, rule: 'template/unknown', ...unknown };
  return resolved;
}

/**
 * `--template` of `report`, `build` and `watch`: a built-in name, else a path relative to the
 * working directory. A bare word that names no built-in template and no file is an error.
 */
export function templateOptionPath(value: string, cwd: string): { ok: true; absolute: string } | { ok: false; message: string; hint: string } {
  const builtin = builtinTemplatePath(value);
  if (builtin !== undefined) return { ok: true, absolute: builtin };
  const absolute = path.resolve(cwd, value);
  const unknown = unknownTemplate(value);
  if (unknown && !existsSync(absolute)) return { ok: false, ...unknown };
  return { ok: true, absolute };
}
