// `validate`: every file checked in one run, every problem printed, a summary at the end.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Io } from '../cli/io.js';
import { UserError } from '../cli/io.js';
import { byPosition, formatDiagnostic, type Diagnostic } from './diagnostic.js';
import { loadIncidentFile } from './load.js';
import { checkIncident } from './check.js';

export interface ValidateOptions {
  paths: string[];
  format: 'text' | 'json';
}

const incidentExtensions = new Set(['.yaml', '.yml', '.json']);

/** Expand directories into the incident files they hold, sorted for a stable order. */
export async function findIncidentFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths.length > 0 ? paths : ['incidents']) {
    const abs = path.resolve(cwd, p);
    const info = await stat(abs).catch(() => undefined);
    if (!info) throw new UserError(`no such file or directory: ${p}`);
    if (info.isDirectory()) {
      const entries = (await readdir(abs)).filter((n) => incidentExtensions.has(path.extname(n))).sort();
      files.push(...entries.map((n) => path.join(p, n)));
    } else {
      files.push(p);
    }
  }
  return files;
}

export async function validateFiles(files: readonly string[], cwd: string): Promise<Diagnostic[]> {
  const all: Diagnostic[] = [];
  for (const file of files) {
    const loaded = await loadIncidentFile(path.resolve(cwd, file));
    const diagnostics = [...loaded.diagnostics, ...checkIncident(loaded)].map((d) => ({ ...d, file }));
    all.push(...diagnostics.sort(byPosition));
  }
  return all;
}

export async function runValidate(options: ValidateOptions, io: Io): Promise<number> {
  const files = await findIncidentFiles(options.paths, io.cwd);
  if (files.length === 0) throw new UserError(`no incident files (.yaml, .yml, .json) in ${options.paths.join(', ') || 'incidents/'}`);
  const diagnostics = await validateFiles(files, io.cwd);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (options.format === 'json') {
    io.stdout.write(`${JSON.stringify({ files, diagnostics, errors, warnings }, null, 2)}\n`);
  } else {
    for (const d of diagnostics) io.stdout.write(`${formatDiagnostic(d)}\n`);
    const failed = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file)).size;
    io.stdout.write(
      `${files.length} file${files.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}` +
        (failed > 0 ? ` (${failed} file${failed === 1 ? '' : 's'} with errors)` : '') +
        '\n',
    );
  }
  return errors > 0 ? 1 : 0;
}
