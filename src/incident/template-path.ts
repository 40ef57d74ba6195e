// Where an incident's `template:` points: a built-in template by name (`brief`, `default`, from
// the package's templates/), else a path relative to the incident file that must stay inside the
// project (project-path.ts), so that a file cannot put /etc/passwd into its report.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDataPath, type DataPath } from './project-path.js';

const builtinTemplates = fileURLToPath(new URL('../../templates/', import.meta.url));

/** The file of a built-in template named `name` (`default`, `brief`), if there is one. */
export function builtinTemplatePath(name: string): string | undefined {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) return undefined;
  const file = path.join(builtinTemplates, `${name}.md`);
  return existsSync(file) ? file : undefined;
}

export function templatePathOf(template: string, incidentFile: string): DataPath {
  const builtin = builtinTemplatePath(template);
  return builtin !== undefined ? { ok: true, absolute: builtin } : resolveDataPath(template, incidentFile);
}
