// Find, load and check an incident for the commands that replay it (`simulate`, `fit`): by path,
// or by id in `incidents/`. Problems in the file are printed as diagnostics (exit 1); a kind
// module named by `model.module` is loaded first, so the checks see its parameters and actions.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError, type Io } from '../cli/io.js';
import { loadIncidentFile } from '../incident/load.js';
import { checkIncident } from '../incident/check.js';
import { byPosition, formatDiagnostic, hasErrors, type Diagnostic } from '../incident/diagnostic.js';
import type { Incident } from '../incident/schema.js';
import { incidentFileOfId } from '../incident/incident-file-of-id.js';
import { KindModuleError, loadKindModule } from '../model/load-kind-module.js';

export interface ValidIncident {
  /** The file as the user would write it (relative to the working directory when inside it). */
  file: string;
  /** Absolute path. */
  absolute: string;
  incident: Incident;
  diagnostics: Diagnostic[];
}

/** The file an argument names: a path that exists, or the id of a file in `incidents/`. */
export async function resolveIncidentRef(ref: string, cwd: string): Promise<string> {
  const direct = path.resolve(cwd, ref);
  const info = await stat(direct).catch(() => undefined);
  if (info?.isFile()) return direct;
  if (info?.isDirectory()) throw new UserError(`${ref} is a directory: name one incident file or id`);
  const byId = await incidentFileOfId(ref, cwd);
  if (byId !== undefined) return path.resolve(cwd, byId);
  throw new UserError(`no incident file or id \`${ref}\`: pass a path to a .yaml file, or the id of one in incidents/`);
}

/** Load and check; prints diagnostics to stderr and returns undefined when the file has errors. */
export async function loadValidIncident(ref: string, io: Io): Promise<ValidIncident | undefined> {
  const absolute = await resolveIncidentRef(ref, io.cwd);
  const relative = path.relative(io.cwd, absolute);
  const file = relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
  const loaded = await loadIncidentFile(absolute);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const model = loaded.incident?.model;
  if (model?.module !== undefined) {
    try {
      await loadKindModule(model.module, absolute, model.kind);
    } catch (error) {
      if (!(error instanceof KindModuleError)) throw error;
      // Refused (no opt-in, or a path out of the project): the checks below report it.
      if (error.reason === 'failed') {
        diagnostics.push({
          file: absolute,
          ...loaded.positionOf(['model', 'module']),
          severity: 'error',
          rule: 'model/module',
          message: error.message.replace(/^model\.module: /, ''),
          hint: 'the module must export a ModelKind as `export default` or `export const kind` (see the README, “Writing your own kind”)',
        });
      }
    }
  }
  diagnostics.push(...(await checkIncident(loaded)));
  const shown = diagnostics.map((d) => ({ ...d, file })).sort(byPosition);
  if (hasErrors(shown) || !loaded.incident) {
    for (const d of shown) io.stderr.write(`${formatDiagnostic(d)}\n`);
    const errors = shown.filter((d) => d.severity === 'error').length;
    io.stderr.write(`${file}: ${errors} error${errors === 1 ? '' : 's'}; fix ${errors === 1 ? 'it' : 'them'} before replaying (\`incident-replay validate ${file}\`)\n`);
    return undefined;
  }
  return { file, absolute, incident: loaded.incident, diagnostics: shown };
}
