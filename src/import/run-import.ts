// `import`: the I/O edge around `importPostmortem`. Reads the file, prints the problems to
// stderr, checks that the draft validates, and prints it or writes it without overwriting.
import { link, mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ExitCode, UserError, type Io } from '../cli/io.js';
import { idPattern } from '../incident/schema.js';
import { isKnownZone } from '../incident/time.js';
import { loadIncidentBytes } from '../incident/load.js';
import { checkIncident } from '../incident/check.js';
import { formatDiagnostic } from '../incident/diagnostic.js';
import { importPostmortem, type ImportResult } from './import-postmortem.js';
import { readPostmortem } from './read-postmortem.js';
import { toDraftYaml } from './to-draft-yaml.js';
import { schemaPathFor } from '../incident/schema-path.js';
import type { Ymd } from './place-events.js';

export interface RunImportOptions {
  file: string;
  timezone?: string;
  date?: string;
  year?: number;
  output?: string;
  id?: string;
  json?: boolean;
}

export async function runImport(options: RunImportOptions, io: Io): Promise<number> {
  const date = options.date === undefined ? undefined : parseDateOption(options.date);
  if (options.timezone !== undefined && !isKnownZone(options.timezone)) {
    throw new UserError(`--timezone ${options.timezone}: not an IANA time zone; expected a name such as America/Los_Angeles or UTC`, ExitCode.usage);
  }
  if (options.year !== undefined && (!Number.isInteger(options.year) || options.year < 1900 || options.year > 2200)) {
    throw new UserError(`--year ${options.year}: expected a four-digit year such as 2011`, ExitCode.usage);
  }
  if (options.id !== undefined && !idPattern.test(options.id)) {
    throw new UserError(`--id ${options.id}: use lower-case letters, digits and single hyphens, e.g. aws-ebs-2011-04-21`, ExitCode.usage);
  }
  const output = options.output === undefined ? undefined : path.resolve(io.cwd, options.output);
  if (output && (await exists(output))) {
    throw new UserError(`${options.output} already exists; the import does not overwrite files\n    hint: choose another -o path or remove the file first`);
  }

  const text = await readPostmortem(path.resolve(io.cwd, options.file), options.file);
  const result = importPostmortem(text, {
    file: options.file,
    ...(options.timezone ? { timezone: options.timezone } : {}),
    ...(date ? { date } : {}),
    ...(options.year !== undefined ? { year: options.year } : {}),
    ...(options.id ? { id: options.id } : {}),
  });
  for (const w of result.warnings) {
    io.stderr.write(`${formatDiagnostic({ ...w, severity: 'warning' })}\n`);
  }
  if (result.timedSentences === 0) {
    throw new UserError(
      `${options.file}: no times found, so nothing could be placed on a timeline (an incident needs at least one event)\n` +
        '    hint: the import reads times such as "14:03 UTC", "12:47 AM PDT", "Noon PDT" or "2011-04-21T07:47Z"; add them to the postmortem, or write the incident with `incident-replay new`',
    );
  }
  if (result.events.length === 0) {
    // The draft is still worth having: every time is in it as a TODO with its sentence. It
    // cannot validate (an incident needs an event), so it is written and the run fails.
    const unplaced = result.warnings.filter((w) => w.unplaced).length;
    const draft = toDraftYaml(result);
    if (output) await writeNew(output, draft, options.output!);
    else if (!options.json) io.stdout.write(draft);
    throw new UserError(
      `${options.file}: ${result.timedSentences} sentence${result.timedSentences === 1 ? ' states a time' : 's state times'}, but none could be placed (see the warnings above)` +
        (options.json ? '' : `; ${output ? `wrote ${options.output}` : 'printed the draft'} with ${unplaced} TODO${unplaced === 1 ? '' : 's'}, which validates once it has an event\n`) +
        '    hint: pass --date YYYY-MM-DD, --year YYYY or --timezone ZONE for what the text leaves out',
    );
  }

  // Printed to stdout, the draft is meant for `incidents/` of the project here.
  const schemaPath = schemaPathFor(output ?? path.join(io.cwd, 'incidents', `${result.id}.yaml`), io.cwd);
  const yaml = toDraftYaml(result, schemaPath);
  await checkDraft(yaml, options.file);
  const content = options.json ? `${JSON.stringify(toJson(result), null, 2)}\n` : yaml;
  if (!output) {
    io.stdout.write(content);
    return ExitCode.ok;
  }
  await writeNew(output, content, options.output!);
  const unplaced = result.warnings.filter((w) => w.unplaced).length;
  io.stderr.write(
    `wrote ${options.output}: ${result.events.length} event${result.events.length === 1 ? '' : 's'}, ${result.figures.length} figure candidate${result.figures.length === 1 ? '' : 's'}` +
      (unplaced > 0 ? `, ${unplaced} TODO${unplaced === 1 ? '' : 's'}` : '') +
      '\n',
  );
  return ExitCode.ok;
}

/** The shape `--json` prints, for scripts. */
export function toJson(result: ImportResult) {
  return {
    title: result.title,
    timezone: result.timezone,
    events: result.events.map((e) => ({
      at: e.at,
      ...(e.until ? { until: e.until } : {}),
      phase: e.phase,
      quote: e.quote,
      line: e.line,
      column: e.column,
      zone: e.zone,
    })),
    figures: result.figures.map((f) => ({
      value: f.value,
      unit: f.unit,
      ...(f.basis ? { basis: f.basis } : {}),
      quote: f.quote,
      line: f.line,
      column: f.column,
    })),
    warnings: result.warnings.map((w) => ({
      file: w.file,
      line: w.line,
      column: w.column,
      rule: w.rule,
      message: w.message,
      ...(w.hint ? { hint: w.hint } : {}),
    })),
  };
}

/** The draft must pass `validate`; if it does not, that is a bug of the import, not of the input. */
async function checkDraft(yaml: string, file: string): Promise<void> {
  const loaded = loadIncidentBytes(`draft of ${file}`, new TextEncoder().encode(yaml));
  const diagnostics = [...loaded.diagnostics, ...(await checkIncident(loaded))];
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    throw new Error(`the draft does not validate:\n${errors.map((d) => formatDiagnostic(d)).join('\n')}`);
  }
}

function parseDateOption(text: string): Ymd {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ymd = m ? { year: +m[1]!, month: +m[2]!, day: +m[3]! } : undefined;
  const check = ymd && new Date(Date.UTC(ymd.year, ymd.month - 1, ymd.day));
  if (!ymd || !check || check.getUTCMonth() !== ymd.month - 1 || check.getUTCDate() !== ymd.day) {
    throw new UserError(`--date ${text}: expected a date as YYYY-MM-DD, e.g. 2020-11-25`, ExitCode.usage);
  }
  return ymd;
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined)) !== undefined;
}

/**
 * Write through a temporary file in the same directory, then hard-link it into place: the link
 * fails if the target appeared meanwhile, so an existing file is never replaced, and readers
 * never see half a file.
 */
async function writeNew(target: string, content: string, label: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  await writeFile(temp, content, { flag: 'wx' });
  try {
    await link(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UserError(`${label} already exists; the import does not overwrite files`);
    // File systems without hard links: rename, after checking once more that nothing is there.
    if (await exists(target)) throw new UserError(`${label} already exists; the import does not overwrite files`);
    await rename(temp, target);
    return;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
