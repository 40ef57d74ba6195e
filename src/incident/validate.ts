// `validate`: every file checked in one run, every problem printed, a summary at the end.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Io } from '../cli/io.js';
import { UserError } from '../cli/io.js';
import { byPosition, formatDiagnostic, type Diagnostic } from './diagnostic.js';
import { loadIncidentFile } from './load.js';
import { checkIncident } from './check.js';

export interface ValidateOptions {
  paths: string[];
  format: 'text' | 'json';
}

export const defaultIncidentDir = 'incidents';
const incidentExtensions = new Set(['.yaml', '.yml', '.json']);

/**
 * Expand directories into the incident files they hold (not recursively; sorted, for a stable
 * order). Paths stay as the user wrote them, so messages point where the user looks.
 */
export async function findIncidentFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths.length > 0 ? paths : [defaultIncidentDir]) {
    const info = await stat(path.resolve(cwd, p)).catch(() => undefined);
    if (!info) throw new UserError(`no such file or directory: ${p}`);
    if (info.isDirectory()) {
      const entries = (await readdir(path.resolve(cwd, p), { withFileTypes: true }))
        // A symbolic link is taken as the file it points to (a broken one is reported as unreadable).
        .filter((e) => (e.isFile() || e.isSymbolicLink()) && incidentExtensions.has(path.extname(e.name).toLowerCase()))
        .map((e) => e.name)
        .sort();
      files.push(...entries.map((n) => path.join(p, n)));
    } else {
      files.push(p);
    }
  }
  return [...new Set(files)];
}

/** Diagnostics of one file: the loader's (syntax, schema), then the semantic checks'. */
export async function validateFile(file: string, cwd: string): Promise<Diagnostic[]> {
  const loaded = await loadIncidentFile(path.resolve(cwd, file));
  const diagnostics = [...loaded.diagnostics, ...(await checkIncident(loaded))];
  return diagnostics.map((d) => ({ ...d, file })).sort(byPosition);
}

export async function validateFiles(files: readonly string[], cwd: string): Promise<Diagnostic[]> {
  const each = await Promise.all(files.map((file) => validateFile(file, cwd)));
  return each.flat();
}

export interface ValidateSummary {
  files: number;
  errors: number;
  warnings: number;
  /** Files with at least one error. */
  failed: number;
}

export function summarize(files: readonly string[], diagnostics: readonly Diagnostic[]): ValidateSummary {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return {
    files: files.length,
    errors: errors.length,
    warnings: diagnostics.length - errors.length,
    failed: new Set(errors.map((d) => d.file)).size,
  };
}

/** `3 files checked: 1 error, 2 warnings (1 file with errors)` */
export function formatSummary(s: ValidateSummary): string {
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return (
    `${n(s.files, 'file')} checked: ${n(s.errors, 'error')}, ${n(s.warnings, 'warning')}` +
    (s.failed > 0 ? ` (${n(s.failed, 'file')} with errors)` : '')
  );
}

export async function runValidate(options: ValidateOptions, io: Io): Promise<number> {
  // zod compiles each object schema to a function on first use; a process that parses a
  // handful of files loses more compiling than it saves (~50 ms of a ~250 ms run).
  z.config({ jitless: true });
  const files = await findIncidentFiles(options.paths, io.cwd);
  if (files.length === 0) {
    throw new UserError(
      `no incident files (.yaml, .yml, .json) in ${options.paths.join(', ') || `${defaultIncidentDir}/`}`,
    );
  }
  const diagnostics = await validateFiles(files, io.cwd);
  const summary = summarize(files, diagnostics);
  if (options.format === 'json') {
    const { errors, warnings, failed } = summary;
    io.stdout.write(`${JSON.stringify({ files, diagnostics, errors, warnings, failed }, null, 2)}\n`);
  } else {
    for (const d of diagnostics) io.stdout.write(`${colorize(formatDiagnostic(d), d, io.color === true)}\n`);
    io.stdout.write(`${formatSummary(summary)}\n`);
  }
  return summary.errors > 0 ? 1 : 0;
}

function colorize(text: string, d: Diagnostic, color: boolean): string {
  if (!color) return text;
  const code = d.severity === 'error' ? 31 : 33;
  return text.replace(`  ${d.severity}  `, `  \u001b[${code}m${d.severity}\u001b[39m  `);
}
