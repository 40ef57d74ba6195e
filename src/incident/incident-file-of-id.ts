// The file an incident id names: `incidents/<id>.yaml` (or `.yml`, `.json`) in the working
// directory. One lookup for every command that takes an id where a path could be
// (`validate`, `build`, `report`, `simulate`, `fit`).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { idPattern } from './id-pattern.js';

export const defaultIncidentDir = 'incidents';
export const incidentExtensions = ['.yaml', '.yml', '.json'];

/** `incidents/<id>.<ext>` relative to `cwd` when `ref` is an id and such a file exists. */
export async function incidentFileOfId(ref: string, cwd: string): Promise<string | undefined> {
  if (!idPattern.test(ref)) return undefined;
  for (const ext of incidentExtensions) {
    const candidate = path.join(defaultIncidentDir, `${ref}${ext}`);
    if (await stat(path.resolve(cwd, candidate)).then((s) => s.isFile()).catch(() => false)) return candidate;
  }
  return undefined;
}
