// Paths written in an incident file (`model.module`, `template`) are data, and data may come
// from a pull request: each must name a file inside the project, so that a file cannot read
// /etc/passwd into its report or import code from elsewhere. The project is the nearest
// directory upwards from the incident file that holds an incident-replay config file or a
// package.json, else the file's own directory. (A config file added deeper down can only make
// the project smaller.) Checked on the path as written (no absolute path, no `..` out) and on the real
// path (no symbolic link out). Paths given on the command line are the user's choice and are
// not checked here.
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** The files that mark a project's directory: the config files lilconfig looks for, and package.json. */
export const projectMarkers = ['package.json', 'incident-replay.config.json', 'incident-replay.config.yaml', 'incident-replay.config.yml'];

/** The project an incident file belongs to (an absolute path). */
export function projectDirOf(incidentFile: string): string {
  const start = path.dirname(path.resolve(incidentFile));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (projectMarkers.some((marker) => existsSync(path.join(dir, marker)))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

export type DataPath = { ok: true; absolute: string } | { ok: false; message: string; hint: string };

/** Resolve `value` (relative to the incident file) and check it stays inside the project. */
export function resolveDataPath(value: string, incidentFile: string): DataPath {
  const project = projectDirOf(incidentFile);
  const hint = `write a path relative to the incident file that stays inside the project (${path.basename(project)}/, the directory with package.json)`;
  if (path.isAbsolute(value) || path.win32.isAbsolute(value)) {
    return { ok: false, message: 'is an absolute path; a path in an incident file must be relative to the file', hint };
  }
  const absolute = path.resolve(path.dirname(path.resolve(incidentFile)), value);
  if (!isInside(absolute, project)) return { ok: false, message: 'leads out of the project directory', hint };
  // A symbolic link inside the project may still point out of it: compare the real paths.
  const real = realOrUndefined(absolute);
  if (real !== undefined && !isInside(real, realOrUndefined(project) ?? project)) {
    return { ok: false, message: 'is a symbolic link to a file outside the project directory', hint };
  }
  return { ok: true, absolute };
}

/** True when `file` is `dir` or below it. */
export function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

function realOrUndefined(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined; // Missing: whoever reads it reports that.
  }
}
