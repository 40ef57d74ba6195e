// `validate`: every file checked in one run, every problem printed, a summary at the end.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Io } from '../cli/io.js';
import { UserError } from '../cli/io.js';
import { boundText, byPosition, formatDiagnostic, type Diagnostic } from './diagnostic.js';
import { readIncidentBytes } from './read-incident-bytes.js';
import { contentHash, openValidateCache, type IncidentIdAt, type ValidateCache } from './validate-cache.js';
import type { LoadedIncident } from './load.js';
import { idPattern } from './id-pattern.js';
import { defaultIncidentDir, incidentExtensions, incidentFileOfId } from './incident-file-of-id.js';
import { applyRuleSeverities, ignoredSettings, type RuleSetting } from './rule-severities.js';
import { githubCommand, toSarif, type DiagnosticFormat } from './format-diagnostics.js';
import { version } from '../version.js';
import { createColors } from 'picocolors';

/** Colours on: `colorize` is only called when the run wants them (see cli/color-wanted.ts). */
const pc = createColors(true);

// The parser, the schema and the checks are imported when a file is not in the cache: a run on
// unchanged files does not load them at all.
export interface ValidateOptions {
  paths: string[];
  format: DiagnosticFormat;
  /** Write the diagnostics here (in `format`) instead of to stdout; stdout gets the summary line. */
  output?: string;
  /** Exit 1 when there are more warnings than this, as eslint's `--max-warnings`. */
  maxWarnings?: number;
  /** Keep results here and reuse them for unchanged files (see validate-cache.ts). */
  cacheDir?: string;
  /** Rule severities from the project's config (errors stay errors: see rule-severities.ts). */
  rules?: Record<string, RuleSetting>;
  /** The config file the rules come from, named in a note about settings that were ignored. */
  configFile?: string;
}

export { defaultIncidentDir };
const globCharacters = /[*?[\]{}]/;
const incidentExtensionSet = new Set(incidentExtensions);

/**
 * Expand the command line's paths into incident files: a directory into the files it holds (not
 * recursively), a glob (`'incidents/aws-*.yaml'`, quoted so the shell leaves it alone) into the
 * files it matches, and an id into `incidents/<id>.yaml`. Sorted, for a stable order; paths stay
 * as the user wrote them, so messages point where the user looks.
 */
export async function findIncidentFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths.length > 0 ? paths : [defaultIncidentDir]) {
    const info = await stat(path.resolve(cwd, p)).catch(() => undefined);
    if (!info && paths.length === 0) {
      // Nothing named, and no incidents/ here: a project not started yet, or the wrong directory.
      throw new UserError(
        `no ${defaultIncidentDir}/ directory in ${cwd}: start one with \`incident-replay new <id>\` (or \`incident-replay import <postmortem>\`), or name the incident files to use`,
      );
    }
    if (!info) {
      files.push(...(await filesNamedBy(p, cwd)));
      continue;
    }
    if (info.isDirectory()) {
      const entries = (await readdir(path.resolve(cwd, p), { withFileTypes: true }))
        // Everything but a directory: a symbolic link is taken as the file it points to, and a
        // FIFO, socket or device named like an incident file is reported by the loader, not skipped.
        .filter((e) => !e.isDirectory() && incidentExtensionSet.has(path.extname(e.name).toLowerCase()))
        .map((e) => e.name)
        .sort();
      files.push(...entries.map((n) => path.join(p, n)));
    } else {
      files.push(p);
    }
  }
  return [...new Set(files)];
}

/** A path that does not exist: a glob's matches, or the file of an id in `incidents/`. */
async function filesNamedBy(p: string, cwd: string): Promise<string[]> {
  if (globCharacters.test(p)) {
    const { glob } = await import('tinyglobby');
    const matches = (await glob(p, { cwd, onlyFiles: true, expandDirectories: false }))
      .filter((f) => incidentExtensionSet.has(path.extname(f).toLowerCase()))
      .sort();
    if (matches.length === 0) throw new UserError(`no incident files (.yaml, .yml, .json) match ${p}`);
    return matches;
  }
  const byId = await incidentFileOfId(p, cwd);
  if (byId !== undefined) return [byId];
  if (idPattern.test(p)) {
    throw new UserError(`no such file or directory, nor an incident with the id \`${p}\` in ${defaultIncidentDir}/: ${p}`);
  }
  throw new UserError(`no such file or directory: ${p}`);
}

export interface ValidateFileOptions {
  cache?: ValidateCache;
}

/**
 * Diagnostics of one file, sorted by position: the loader's (file, syntax, schema), then the
 * semantic checks'. `file` is named as given, relative to `cwd`.
 */
export async function validateFile(file: string, cwd: string, options: ValidateFileOptions = {}): Promise<Diagnostic[]> {
  return (await validateFileWithId(file, cwd, options)).diagnostics;
}

/** A file's diagnostics and, when it has an incident, its id (for the check across files). */
async function validateFileWithId(
  file: string,
  cwd: string,
  options: ValidateFileOptions,
): Promise<{ diagnostics: Diagnostic[]; id?: IncidentIdAt }> {
  const { cache } = options;
  const abs = path.resolve(cwd, file);
  let bytes: Uint8Array | undefined;
  let hash: string | undefined;
  if (cache) {
    // Read with the loader's bounds (a regular file in the project, under the size cap); a file
    // that fails them is left to the loader, which reports why.
    const read = await readIncidentBytes(abs);
    if ('bytes' in read) {
      bytes = read.bytes;
      hash = contentHash(bytes);
      const hit = cache.get(hash);
      if (hit) return { diagnostics: hit.map((d) => ({ ...d, file })), id: cache.idOf(hash) };
    }
  }
  const { loadIncidentBytes, loadIncidentFile } = await import('./load.js');
  const { checkIncident } = await import('./check.js');
  const loaded = bytes ? loadIncidentBytes(abs, bytes) : await loadIncidentFile(abs);
  const diagnostics = [...loaded.diagnostics, ...(await checkIncident(loaded))].map((d) => ({ ...d, file })).sort(byPosition);
  const id = loaded.incident ? { id: loaded.incident.id, ...idPosition(loaded) } : undefined;
  // A file with its own kind module also depends on that module, which the content hash does not
  // cover: never cache it. The same holds for a source's own local copy (`sources[].file`), which
  // `quote/not-in-source` reads; the seeds are the fixed documents the project was built from.
  const readsOtherFiles = loaded.incident?.model?.module !== undefined || loaded.incident?.sources.some((s) => s.file !== undefined);
  if (cache && hash !== undefined && !readsOtherFiles) cache.set(hash, diagnostics, id);
  return { diagnostics, id };
}

/**
 * Where the top-level `id:` value is. Found in the text for the usual block mapping, so a valid
 * file is not parsed again with positions (the fast path of the loader) just to place an error
 * that almost never happens; anything else asks the positioned parse.
 */
function idPosition(loaded: LoadedIncident): { line: number; column: number } {
  const m = /^id:[ \t]*(?=\S)/m.exec(loaded.text);
  if (!m) return loaded.positionOf(['id']);
  const before = loaded.text.slice(0, m.index);
  return { line: before.split('\n').length, column: m[0].length + 1 };
}

export async function validateFiles(files: readonly string[], cwd: string, options: ValidateFileOptions = {}): Promise<Diagnostic[]> {
  const each = await Promise.all(files.map((file) => validateFileWithId(file, cwd, options)));
  // Two files with one id would write one report directory (`build` refuses them): an error at
  // each later file's `id:`, naming the first file.
  const first = new Map<string, string>();
  each.forEach(({ id, diagnostics }, i) => {
    if (!id) return;
    const other = first.get(id.id);
    if (other === undefined) return void first.set(id.id, files[i]!);
    diagnostics.push({
      file: files[i]!,
      line: id.line,
      column: id.column,
      severity: 'error',
      rule: 'incident/duplicate-id',
      message: `incident id \`${id.id}\` is also the id of ${other}; both would write ${id.id}/`,
      hint: 'give each incident file its own id',
    });
    diagnostics.sort(byPosition);
  });
  return each.flatMap((r) => r.diagnostics);
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
  const files = await findIncidentFiles(options.paths, io.cwd);
  if (files.length === 0) {
    throw new UserError(
      `no incident files (.yaml, .yml, .json) in ${options.paths.join(', ') || `${defaultIncidentDir}/`}`,
    );
  }
  const cache = options.cacheDir === undefined ? undefined : await openValidateCache(options.cacheDir);
  const found = await validateFiles(files, io.cwd, { cache });
  await cache?.save();
  const diagnostics = applyRuleSeverities(found, options.rules);
  for (const rule of ignoredSettings(found, options.rules)) {
    io.stderr.write(`${path.basename(options.configFile ?? 'config')}: \`${rule}\` reports errors, and an error stays one (a config can raise a warning or lower it, never weaken an error)\n`);
  }
  const summary = summarize(files, diagnostics);
  const report = formatReport(files, diagnostics, summary, options.format, io.color === true && options.output === undefined);
  if (options.output === undefined) io.stdout.write(report);
  else {
    // The file is the user's choice (a command-line path); written whole or not at all.
    const { writeFileAtomic } = await import('../report/write-output.js');
    await writeFileAtomic(path.resolve(io.cwd, options.output), report).catch((error: NodeJS.ErrnoException) => {
      throw new UserError(`cannot write ${options.output}: ${error.code ?? error.message}`);
    });
    io.stdout.write(`${formatSummary(summary)}; diagnostics written to ${options.output}\n`);
  }
  if (summary.errors > 0) return 1;
  if (options.maxWarnings !== undefined && summary.warnings > options.maxWarnings) {
    io.stderr.write(`${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}: more than --max-warnings ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
}

/** The whole output of a run in one format; text ends with the summary line. */
export function formatReport(
  files: readonly string[],
  diagnostics: readonly Diagnostic[],
  summary: ValidateSummary,
  format: DiagnosticFormat,
  color = false,
): string {
  switch (format) {
    case 'json': {
      const { errors, warnings, failed } = summary;
      // JSON escapes control characters itself; the texts are bounded as in the text output.
      const bounded = diagnostics.map((d) => ({ ...d, message: boundText(d.message), ...(d.hint ? { hint: boundText(d.hint) } : {}) }));
      return `${JSON.stringify({ files, diagnostics: bounded, errors, warnings, failed }, null, 2)}\n`;
    }
    case 'github':
      // Workflow commands become annotations; the summary is an ordinary log line.
      return [...diagnostics.map(githubCommand), formatSummary(summary)].join('\n') + '\n';
    case 'sarif':
      return `${JSON.stringify(toSarif(diagnostics, { version, informationUri: 'https://www.npmjs.com/package/incident-replay' }), null, 2)}\n`;
    case 'text':
      return [...diagnostics.map((d) => colorize(formatDiagnostic(d), d, color)), formatSummary(summary)].join('\n') + '\n';
  }
}

function colorize(text: string, d: Diagnostic, color: boolean): string {
  if (!color) return text;
  const paint = d.severity === 'error' ? pc.red : pc.yellow;
  return text.replace(`  ${d.severity}  `, `  ${paint(d.severity)}  `);
}
