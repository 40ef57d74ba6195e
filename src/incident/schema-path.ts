// The `$schema` path `new` and `import -o` write into an incident file's yaml-language-server
// modeline. It must resolve from the file's own location, or completion silently stops: the
// project's committed copy when it has one (`schema/incident.schema.json`, as this repository
// does), else the copy shipped in the installed package (`node_modules/incident-replay/…`),
// else the copy of the package that is running (a global install). Always relative to the file,
// so the path works for everyone who checks the project out.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectDirOf } from './project-path.js';

/** Where the JSON Schema lives, relative to a project's directory and to the package's. */
export const schemaFile = 'schema/incident.schema.json';

/** This package's own copy (dist/incident/ → the package root; src/incident/ under tests). */
export const packageSchemaFile = fileURLToPath(new URL(`../../${schemaFile}`, import.meta.url));

/** The `$schema` path for an incident file about to be written at `file` (absolute). */
export function schemaPathFor(file: string, cwd: string, exists: (file: string) => boolean = existsSync): string {
  const projects = [...new Set([projectDirOf(file), path.resolve(cwd)])];
  const candidates = [
    ...projects.map((dir) => path.join(dir, schemaFile)),
    ...projects.map((dir) => path.join(dir, 'node_modules', 'incident-replay', schemaFile)),
  ];
  const schema = candidates.find((candidate) => exists(candidate)) ?? packageSchemaFile;
  return path.relative(path.dirname(file), schema).split(path.sep).join('/');
}
