// `build` and `report`: incident files → validated incidents → replays → reports in `out/`.
// Everything is checked and generated in memory first; only then is anything written, through
// a staging directory, so invalid data or a failed template leaves `out/` as it was.
import { readFile, readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Io } from '../cli/io.js';
import { UserError } from '../cli/io.js';
import type { Incident } from '../incident/schema.js';
import { boundText, byPosition, formatDiagnostic, hasErrors, type Diagnostic } from '../incident/diagnostic.js';
import { loadIncidentFile } from '../incident/load.js';
import { checkIncident } from '../incident/check.js';
import { findIncidentFiles } from '../incident/validate.js';
import type { IncidentReplay, ObservedComparison, ReplayOptions } from '../replay/types.js';
import { formatMissed, missedFigures } from '../analysis/missed-figures.js';
import type { ReportStateOptions } from './report-state.js';
import type { ReportSensitivity } from './report-sensitivity.js';
import { templateOptionPath, templatePathOf } from '../incident/template-path.js';
import { loadTemplate, type Template } from './template/parse-template.js';
import { generateReport, type GeneratedReport } from './generate-report.js';
import { indexPage } from './index-page.js';
import { toMarkdown } from './to-markdown.js';
import { stableJson } from './stable-json.js';
import { writeOutput, type OutputFiles, type WriteHooks, type WriteScope } from './write-output.js';
import { checkOutput } from './check-output.js';
import type { ChartRenderer } from './charts/chart-renderer.js';
import { chartDrawing } from './chart-drawing.js';
import { version } from '../version.js';
import type { BoundaryMapResult } from '../analysis/boundary-map.js';
import { templateUses } from './template/template-uses.js';
import { recordOnly } from '../replay/record-only.js';
import type { ReplayAhead } from '../replay/replay-ahead.js';
import { siteEntry } from '../site/site-entry.js';
import { progressTo } from '../cli/progress.js';

/** A long run's progress: how many of its units are done. */
type Progressed = (done: number, total: number) => void;

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export interface BuildOptions {
  /** Incident files or directories (default: `incidents/`). */
  paths: string[];
  /** Output directory (default `out`). */
  out?: string;
  /** Compare `out/` with what would be written instead of writing. */
  check?: boolean;
  /**
   * Exit 1 when the actual replay of an incident this run writes misses a published figure beyond
   * its tolerance (after writing `out/`, or with `check` after the comparison). `check` lists
   * the misses either way; only this option makes them fail it.
   */
  failOnMiss?: boolean;
  /**
   * `json`: no lines while it runs; one JSON object at the end on stdout (diagnostics, files
   * written, stale files of `check`, missed figures). Default `text`.
   */
  format?: 'text' | 'json';
  shard?: Shard;
  seeds?: number;
  /** A template for every incident, instead of each incident's own or the default. */
  template?: string;
  /**
   * Run `sensitivity` for each report (cached by content in `io.cacheDir`); absent or 0
   * samples: not run, and the reports say so.
   */
  sensitivity?: { samples: number; seed?: number; workers?: number };
  /**
   * `build`: the whole `out/` (index and summary included, unless a shard other than 1/n).
   * `report`: only the incidents' own directories.
   * `index`: only the index and summary (what `watch` rewrites after a change or a delete).
   * `site`: only the static site, `out/site/` (every incident, as the site has an index).
   */
  mode: 'build' | 'report' | 'index' | 'site';
  /** `build --site`, `watch --site` (with `index`): the static site too, in the same swap. */
  site?: boolean;
}

export type Replayer = (incident: Incident, options: ReplayOptions) => Promise<IncidentReplay>;

export interface BuildDependencies {
  replay?: Replayer;
  /** The primary series and series titles of a kind; default: from the kind registry. */
  describeKind?: (incident: Incident, file: string) => Promise<ReportStateOptions>;
  renderer?: ChartRenderer;
  writeHooks?: WriteHooks;
  /**
   * The incident's boundary maps, asked for only when it declares some and the template shows
   * them; default: computed on worker threads. A pure function of the incident (its grids
   * included), so a caller may cache it by the file's content.
   */
  boundaryMaps?: (incident: Incident, file: string) => Promise<BoundaryMapResult[]>;
}

export const defaultTemplatePath = fileURLToPath(new URL('../../templates/default.md', import.meta.url));

/** Parse `2/3` into a shard; usage errors exit 2. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new UserError(`--shard ${text}: expected i/n with 1 ≤ i ≤ n, e.g. --shard 1/3`, 2);
  }
  return { index, count };
}

/** Incidents are dealt to shards in turn, in the sorted order of their files: stable and balanced. */
export function inShard(position: number, shard: Shard | undefined): boolean {
  return !shard || position % shard.count === shard.index - 1;
}

interface Entry {
  file: string;
  incident: Incident;
  /**
   * Where `model:` is in the file: a replay that fails is reported there. A function, because
   * positions need the slow parse of the file, which only a file with a problem should pay.
   */
  modelAt: () => { line: number; column: number };
}

export async function runBuild(options: BuildOptions, io: Io, deps: BuildDependencies = {}): Promise<number> {
  if (options.format !== 'json') return buildInto(options, io, deps, newRecord());
  // JSON: the text lines go nowhere; what they say is recorded and printed once, at the end.
  const quiet = { write: () => true };
  const record = newRecord();
  const code = await buildInto(options, { ...io, stdout: quiet, stderr: quiet }, deps, record);
  io.stdout.write(buildRecordJson(record, code));
  return code;
}

async function buildInto(options: BuildOptions, io: Io, deps: BuildDependencies, record: BuildRecord): Promise<number> {
  const files = await findIncidentFiles(options.paths, io.cwd);
  if (files.length === 0) throw new UserError(`no incident files (.yaml, .yml, .json) in ${options.paths.join(', ') || 'incidents/'}`);
  const outDir = path.resolve(io.cwd, options.out ?? 'out');

  // Deterministic replays of every incident but the first run on a worker thread while this
  // one writes (replay/replay-ahead.ts), and then the reports' markdown; started first, so that
  // its start-up runs beside the loading and checking of the files. The first replays here: the
  // worker would still be starting.
  const ahead = deps.replay === undefined && (options.seeds ?? 0) === 0 && files.length > 1 ? (await import('../replay/replay-ahead.js')).startReplayAhead() : undefined;
  try {
    return await buildLoaded(files, outDir, options, io, deps, record, ahead);
  } finally {
    await ahead?.close();
  }
}

async function buildLoaded(
  files: string[],
  outDir: string,
  options: BuildOptions,
  io: Io,
  deps: BuildDependencies,
  record: BuildRecord,
  ahead: ReplayAhead | undefined,
): Promise<number> {
  const { entries, diagnostics } = await loadAll(files, io.cwd);
  record.diagnostics.push(...diagnostics);
  for (const d of diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
  if (hasErrors(diagnostics)) {
    io.stderr.write(`${describeErrors(diagnostics)}; nothing written\n`);
    return 1;
  }

  const siteOnly = options.mode === 'site';
  const withSite = siteOnly || ((options.mode === 'build' || options.mode === 'index') && options.site === true);
  if (withSite && options.shard) throw new UserError('--site needs every incident: it cannot be combined with --shard (build the site in a job of its own)', 2);
  const own = options.mode === 'index' || siteOnly ? [] : entries.filter((_, i) => inShard(i, options.shard));
  const withIndex = options.mode === 'index' || (options.mode === 'build' && (!options.shard || options.shard.index === 1));
  // The index needs every incident's metrics, so the shard that writes it replays them all
  // (replays are cheap next to rendering images, which stays with each incident's shard).
  const needed = withIndex || withSite ? entries : own;

  const generated = new Map<string, GeneratedReport>();
  const replays = new Map<string, IncidentReplay>();
  const templates = new Map<string, Promise<Template>>();
  const problems: Diagnostic[] = [];
  // Every replay the worker can run is asked for now; each report takes its own when it comes.
  const replayed = new Map<Entry, Promise<IncidentReplay>>();
  /** Reports' markdown being written on the worker, by incident id. */
  const markdowns = new Map<string, Promise<string>>();
  if (ahead) {
    const { replaysAhead } = await import('../replay/replay-ahead.js');
    const ids = needed.some((e) => e.incident.model?.kind !== undefined) ? (await import('../model/kinds/index.js')).builtinKinds.map((k) => k.id) : [];
    for (const entry of needed.slice(1)) {
      if (!replaysAhead(entry.incident, ids)) continue;
      const replay = ahead.replay(entry.incident, path.resolve(io.cwd, entry.file));
      // A failure is reported with its incident's report, not as an unhandled rejection.
      replay.catch(() => {});
      replayed.set(entry, replay);
    }
  }
  const charts = chartDrawing(options.check === true, own.length, deps.renderer);
  try {
    for (const [i, entry] of needed.entries()) {
      io.progress?.update(`replaying ${entry.incident.id}`, i, needed.length);
      // The site shows each report in full, so its sensitivity run too.
      const result = await reportOf(entry, options, io, deps, templates, withSite || own.includes(entry), replayed.get(entry));
      if ('diagnostics' in result) problems.push(...result.diagnostics);
      else {
        generated.set(entry.incident.id, result.report);
        replays.set(entry.incident.id, result.replay);
        // Its markdown is written on the worker too, idle by now: its replays finish during
        // the first report's.
        if (ahead && own.includes(entry)) {
          const markdown = ahead.markdown(result.report.tree);
          markdown.catch(() => {});
          markdowns.set(entry.incident.id, markdown);
        }
        // Charts render (in helper processes) while the next incident replays.
        if (own.includes(entry) && problems.length === 0) charts.draw(entry.incident.id, result.report);
      }
    }
    io.progress?.end();
    return await writeReports();
  } finally {
    await charts.close();
  }

  async function writeReports(): Promise<number> {
    if (problems.length > 0) {
      record.diagnostics.push(...problems);
      for (const d of problems) io.stderr.write(`${formatDiagnostic(d)}\n`);
      io.stderr.write(`${describeErrors(problems)}; nothing written\n`);
      return 1;
    }

    const files_: OutputFiles = new Map();
    const images: string[] = [];
    for (const { incident } of own) {
      const report = generated.get(incident.id)!;
      files_.set(`${incident.id}/README.md`, (await markdowns.get(incident.id)) ?? report.markdown);
      for (const chart of report.charts) {
        files_.set(`${incident.id}/charts/${chart.name}.json`, chart.json);
        images.push(`${incident.id}/charts/${chart.name}.png`);
      }
    }
    // The index and the site list every incident (both replayed them all: see `needed`).
    const summaries = withIndex || withSite ? entries.map((e) => generated.get(e.incident.id)!.summary) : [];
    if (withIndex) {
      files_.set('README.md', toMarkdown(indexPage(summaries)));
      files_.set('summary.json', stableJson({ generator: `incident-replay ${version}`, seeds: options.seeds ?? 0, incidents: summaries }));
    }
    if (withSite) {
      const [{ siteFiles }, { readSiteAssets }] = await Promise.all([import('../site/site-files.js'), import('../site/site-assets.js')]);
      const incidents = entries.map((e) => ({ report: generated.get(e.incident.id)!, replay: replays.get(e.incident.id) }));
      for (const [name, data] of siteFiles(incidents, summaries, await readSiteAssets(), `incident-replay ${version}`)) files_.set(name, data);
    }
    // A full build replaces out/ but leaves out/site/ to `site` and `build --site`: the site is
    // not part of the committed reports (see the README), and a build without --site must not
    // delete one a user made.
    const scope: WriteScope = siteOnly
      ? { kind: 'entries', entries: [siteEntry] }
      : options.mode === 'build' && !options.shard
        ? { kind: 'all', ...(withSite ? {} : { keep: [siteEntry] }) }
        : { kind: 'entries', entries: [...own.map((e) => e.incident.id), ...(withIndex ? ['README.md', 'summary.json'] : []), ...(withSite ? [siteEntry] : [])] };
    const shown = path.relative(io.cwd, outDir) || '.';
    // Each shard names the misses of the reports it writes, so a sharded CI run names each once.
    const misses = own.flatMap(({ file, incident }) => {
      const all = replays.get(incident.id)?.observed ?? [];
      const missed = missedFigures(all);
      if (missed.length > 0) record.missed.push({ file, incident: incident.id, figures: all.length, missed });
      return missed.length > 0 ? [formatMissed(file, missed, all.length)] : [];
    });

    if (options.check) {
      // SVG bytes depend on the chart alone (see charts/stable-svg-ids.ts), so a stale chart is
      // caught; PNG only has to exist (the raster may differ with the machine's cairo and pixman).
      for (const [file, bytes] of await charts.drawn(io)) files_.set(file, bytes);
      const stale = await checkOutput(outDir, files_, images, scope);
      record.stale = stale.map((s) => ({ path: `${shown}/${s.path}`, problem: s.problem }));
      // A miss is listed whatever the options: it is in the committed report too, and a reviewer
      // of a CI log should see it. It fails the check only with `--fail-on-miss`.
      for (const m of misses) io.stdout.write(`missed: ${m}\n`);
      const missedFails = options.failOnMiss === true && misses.length > 0;
      if (stale.length === 0) {
        io.stdout.write(`${shown}/ is up to date (${own.length} incident${own.length === 1 ? '' : 's'}${withSite ? ', and the site' : ''})\n`);
        if (missedFails) io.stdout.write(`${missedSummary(misses.length)}; failing (--fail-on-miss)\n`);
        return missedFails ? 1 : 0;
      }
      for (const s of stale) io.stdout.write(`${s.problem === 'differs' ? 'stale' : s.problem}: ${shown}/${s.path}\n`);
      io.stdout.write(`${shown}/ is out of date: ${stale.length} file${stale.length === 1 ? '' : 's'}; run \`incident-replay build\` and commit the result\n`);
      return 1;
    }

    for (const [file, bytes] of await charts.drawn(io)) files_.set(file, bytes);
    if (scope.kind === 'all') await assertReplaceable(outDir, shown, withSite);
    if (withSite && scope.kind === 'entries') await assertSiteReplaceable(outDir, shown);
    await writeOutput(outDir, files_, scope, deps.writeHooks);
    for (const { incident } of own) {
      const charts = generated.get(incident.id)!.charts.length;
      io.stdout.write(`wrote ${shown}/${incident.id}/README.md and ${charts} chart${charts === 1 ? '' : 's'}\n`);
      record.written.push(`${shown}/${incident.id}/README.md`);
    }
    if (withIndex) {
      io.stdout.write(`wrote ${shown}/README.md and ${shown}/summary.json\n`);
      record.written.push(`${shown}/README.md`, `${shown}/summary.json`);
    }
    if (withSite) {
      io.stdout.write(`wrote ${shown}/${siteEntry}/index.html and ${entries.length} incident page${entries.length === 1 ? '' : 's'}; open it in a browser, or publish ${shown}/${siteEntry}/\n`);
      record.written.push(`${shown}/${siteEntry}/index.html`);
    }
    if (options.failOnMiss && misses.length > 0) {
      for (const m of misses) io.stderr.write(`${m}\n`);
      io.stderr.write(`${missedSummary(misses.length)} (--fail-on-miss); the reports are written\n`);
      return 1;
    }
    return 0;
  }
}

/** What a build said, for `--format json`. */
interface BuildRecord {
  diagnostics: Diagnostic[];
  /** Reports and index files written (each report with its charts). */
  written: string[];
  /** `--check`: the files that differ from what a build would write; null without `--check`. */
  stale: { path: string; problem: string }[] | null;
  missed: { file: string; incident: string; figures: number; missed: ObservedComparison[] }[];
}

const newRecord = (): BuildRecord => ({ diagnostics: [], written: [], stale: null, missed: [] });

/** `{ ok, exitCode, diagnostics, written, stale, missed }`; messages bounded as in the text. */
function buildRecordJson(record: BuildRecord, exitCode: number): string {
  const round = (x: number) => Number(x.toPrecision(6));
  return `${JSON.stringify(
    {
      ok: exitCode === 0,
      exitCode,
      diagnostics: record.diagnostics.map((d) => ({ ...d, message: boundText(d.message), ...(d.hint ? { hint: boundText(d.hint) } : {}) })),
      written: record.written,
      stale: record.stale,
      missed: record.missed.map((m) => ({
        file: m.file,
        incident: m.incident,
        figures: m.figures,
        missed: m.missed.map((c) => ({ id: c.id ?? null, series: c.series, at: c.at, observed: c.observed, replayed: round(c.replayed), tolerance: c.tolerance })),
      })),
    },
    null,
    2,
  )}\n`;
}

function missedSummary(incidents: number): string {
  return `${incidents} incident${incidents === 1 ? '' : 's'} with published figures the actual replay misses beyond tolerance`;
}

async function loadAll(files: readonly string[], cwd: string): Promise<{ entries: Entry[]; diagnostics: Diagnostic[] }> {
  const entries: Entry[] = [];
  const diagnostics: Diagnostic[] = [];
  const ids = new Map<string, string>();
  for (const file of files) {
    const loaded = await loadIncidentFile(path.resolve(cwd, file));
    const found = [...loaded.diagnostics, ...(await checkIncident(loaded))].map((d) => ({ ...d, file })).sort(byPosition);
    diagnostics.push(...found);
    if (!loaded.incident || hasErrors(found)) continue;
    const other = ids.get(loaded.incident.id);
    if (other !== undefined) {
      diagnostics.push(duplicateIdDiagnostic(file, loaded.positionOf(['id']), loaded.incident.id, other));
      continue;
    }
    if (loaded.incident.id === siteEntry) {
      diagnostics.push({
        file,
        ...loaded.positionOf(['id']),
        severity: 'error',
        rule: 'build/reserved-id',
        message: `incident id \`${siteEntry}\` is the directory of the static site (${siteEntry}/ in the output directory)`,
        hint: 'give the incident another id, for instance with its service and date',
      });
      continue;
    }
    ids.set(loaded.incident.id, file);
    entries.push({ file, incident: loaded.incident, modelAt: () => loaded.positionOf(['model'], 'key') });
  }
  return { entries, diagnostics };
}

/** Two files with one incident id: `build` and `watch` refuse the later one. */
export function duplicateIdDiagnostic(file: string, at: { line: number; column: number }, id: string, other: string): Diagnostic {
  return {
    file,
    ...at,
    severity: 'error',
    rule: 'build/duplicate-id',
    message: `incident id \`${id}\` is also the id of ${other}; both would write ${id}/`,
    hint: 'give each incident file its own id',
  };
}

async function reportOf(
  entry: Entry,
  options: BuildOptions,
  io: Io,
  deps: BuildDependencies,
  templates: Map<string, Promise<Template>>,
  /** Its report is written (not only replayed for the index): only then is the sensitivity run. */
  written: boolean,
  /** Its replay, when a worker runs it (replay/replay-ahead.ts). */
  replayedAhead?: Promise<IncidentReplay>,
): Promise<{ report: GeneratedReport; replay: IncidentReplay } | { diagnostics: Diagnostic[] }> {
  const { file, incident } = entry;
  const absolute = path.resolve(io.cwd, file);
  let replay: IncidentReplay;
  let describe: ReportStateOptions;
  try {
    if (!incident.model) {
      // No model: the report of the record alone (template/without-replay.ts leaves out the rest).
      replay = recordOnly(incident);
      describe = {};
    } else {
      const replayer = deps.replay ?? (await import('../replay/replay-incident.js')).replayIncident;
      const seeds = options.seeds ?? 0;
      replay = replayedAhead
        ? await replayedAhead
        : await replayer(incident, {
            seeds,
            incidentFile: absolute,
            ...(seeds > 0 ? { onProgress: progressTo(io.progress, `${incident.id}: Monte Carlo, ${seeds} seeds: steps`) } : {}),
          });
      describe = await (deps.describeKind ?? describeKind)(incident, absolute);
      // Shard 1/n replays every incident for the index, but runs the sensitivity of its own only.
      if (written) describe = { ...describe, sensitivity: await sensitivityFor(incident, absolute, options, io) };
    }
  } catch (error) {
    const { ReplayError } = await import('../model/engine.js');
    if (!(error instanceof ReplayError)) throw error;
    return {
      diagnostics: [
        {
          file,
          ...entry.modelAt(),
          severity: 'error',
          rule: 'replay/failed',
          message: `cannot replay ${incident.id}: ${error.message}`,
          hint: 'a report needs a replay: check `model:` (run `incident-replay simulate` on the file for details)',
        },
      ],
    };
  }
  // `--template` is the user's choice; the file's own `template:` must stay in the project.
  const own = incident.template === undefined ? undefined : templatePathOf(incident.template, absolute);
  if (own !== undefined && !own.ok) {
    // The `dataPaths` check reports this at the template's line first; kept here for callers
    // of the library that skip the checks.
    const at = entry.modelAt();
    return { diagnostics: [{ file, ...at, severity: 'error', rule: own.rule, message: `template ${own.message}`, hint: own.hint }] };
  }
  const templatePath = options.template ? commandLineTemplatePath(options.template, io.cwd) : (own?.absolute ?? defaultTemplatePath);
  let template = templates.get(templatePath);
  if (!template) {
    template = loadTemplate(templatePath, path.relative(io.cwd, templatePath) || templatePath);
    templates.set(templatePath, template);
  }
  let boundaryMaps: BoundaryMapResult[] | undefined;
  // Maps are part of "how far the conclusions hold": computed with the sensitivity run, and
  // skipped with it (`--no-sensitivity`), for the reports that are written.
  const analyses = written && (options.sensitivity?.samples ?? 0) > 0;
  if (incident.model && (incident.boundaryMaps?.length ?? 0) > 0 && templateUses(await template, 'boundary-map') && (analyses || deps.boundaryMaps)) {
    try {
      const progress = progressTo(io.progress, `${incident.id}: boundary maps: grid cells`);
      boundaryMaps = await (deps.boundaryMaps ?? ((i: Incident, f: string) => computeBoundaryMaps(i, f, io.cacheDir, progress)))(incident, absolute);
    } catch (error) {
      const { ReplayError } = await import('../model/engine.js');
      const { BoundaryMapError } = await import('../analysis/boundary-map.js');
      if (!(error instanceof ReplayError || error instanceof BoundaryMapError)) throw error;
      return {
        diagnostics: [
          {
            file,
            ...entry.modelAt(),
            severity: 'error',
            rule: 'boundary-map/failed',
            message: `cannot compute the boundary maps of ${incident.id}: ${error.message}`,
            hint: 'run `incident-replay boundary` on the file for details',
          },
        ],
      };
    }
  }
  const result = generateReport(replay, await template, { ...describe, ...(boundaryMaps ? { boundaryMaps } : {}) });
  return result.ok ? { report: result.report, replay } : { diagnostics: result.diagnostics };
}

/**
 * Maps already computed in this process, by the incident's content: a map is a pure function of
 * the incident, so `watch` and repeated builds in one process (the tests) replay each grid once.
 * A few entries only; the oldest goes first.
 */
const computedMaps = new Map<string, Promise<BoundaryMapResult[]>>();

/** Every boundary map of the incident at its declared grid, on one worker thread per core. */
function computeBoundaryMaps(incident: Incident, file: string, cacheDir?: string, onProgress?: Progressed): Promise<BoundaryMapResult[]> {
  // A kind module is code the incident's content does not pin (`watch` sees it edited): not kept.
  if (incident.model?.module !== undefined) return computeBoundaryMapsAfresh(incident, file, onProgress);
  const key = JSON.stringify(incident);
  let maps = computedMaps.get(key);
  if (!maps) {
    maps = cacheDir === undefined ? computeBoundaryMapsAfresh(incident, file, onProgress) : cachedBoundaryMaps(incident, file, cacheDir, onProgress);
    computedMaps.set(key, maps);
    // A failure is reported, not kept: the next build tries again.
    maps.catch(() => computedMaps.delete(key));
    if (computedMaps.size > 8) computedMaps.delete(computedMaps.keys().next().value!);
  }
  return maps;
}

/**
 * From the disk cache the sensitivity run uses (keyed by the file's bytes and the code), else
 * computed and stored: a build of unchanged files in CI does not replay the grids again.
 */
async function cachedBoundaryMaps(incident: Incident, file: string, cacheDir: string, onProgress?: Progressed): Promise<BoundaryMapResult[]> {
  const { sensitivityCacheKey, readCachedSensitivity, writeCachedSensitivity } = await import('../analysis/sensitivity-cache.js');
  const key = await sensitivityCacheKey({ analysis: 'boundary-maps', incidentBytes: await readFile(file), samples: 0, seed: 0 });
  const cached = await readCachedSensitivity<BoundaryMapResult[]>(cacheDir, key, 'boundary-maps');
  if (cached) return cached;
  // Stored and returned as plain JSON, so a fresh result renders the same bytes as a cached one.
  const maps = JSON.parse(JSON.stringify(await computeBoundaryMapsAfresh(incident, file, onProgress))) as BoundaryMapResult[];
  await writeCachedSensitivity(cacheDir, key, maps, 'boundary-maps');
  return maps;
}

async function computeBoundaryMapsAfresh(incident: Incident, file: string, onProgress?: Progressed): Promise<BoundaryMapResult[]> {
  const { kindForIncident } = await import('../replay/replay-incident.js');
  const { boundaryMapsOf } = await import('../analysis/boundary-map.js');
  const { resolveKindModule } = await import('../model/load-kind-module.js');
  const kind = await kindForIncident(incident, file);
  const module = incident.model?.module;
  return boundaryMapsOf(incident, kind, {
    workers: availableParallelism(),
    ...(module !== undefined ? { kindModule: resolveKindModule(module, file) } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
}

/** The sensitivity run of a report, or why there is none; a run that stops is reported in the section, not as a failed build. */
async function sensitivityFor(incident: Incident, absolute: string, options: BuildOptions, io: Io): Promise<ReportSensitivity> {
  const samples = options.sensitivity?.samples ?? 0;
  if (samples <= 0) return { status: 'not-run', reason: 'skipped' };
  const [{ cachedSensitivity }, { SensitivityError }] = await Promise.all([
    import('../analysis/cached-sensitivity.js'),
    import('../analysis/sensitivity-error.js'),
  ]);
  try {
    const result = await cachedSensitivity(incident, absolute, {
      samples,
      seed: options.sensitivity?.seed ?? 1,
      workers: options.sensitivity?.workers,
      ...(io.cacheDir !== undefined ? { cacheDir: io.cacheDir } : {}),
      ...(io.progress ? { onProgress: progressTo(io.progress, `${incident.id}: sensitivity: sampled worlds`) } : {}),
    });
    return result ? { status: 'run', result } : { status: 'not-run', reason: 'no-ranges' };
  } catch (error) {
    if (error instanceof SensitivityError) return { status: 'not-run', reason: 'failed', message: error.message };
    throw error;
  }
}

/** `--template brief` or `--template my.md`; an unknown name is a usage error (exit 2). */
export function commandLineTemplatePath(value: string, cwd: string): string {
  const resolved = templateOptionPath(value, cwd);
  if (!resolved.ok) throw new UserError(`--template ${value}: ${resolved.message}; ${resolved.hint}`, 2);
  return resolved.absolute;
}

/** The kind's primary series and the titles and units of its series. */
export async function describeKind(incident: Incident, file: string): Promise<ReportStateOptions> {
  const { kindForIncident } = await import('../replay/replay-incident.js');
  const kind = await kindForIncident(incident, file);
  const seriesInfo: NonNullable<ReportStateOptions['seriesInfo']> = {};
  for (const [name, spec] of Object.entries(kind.series)) seriesInfo[name] = { title: spec.title, unit: spec.unit, description: spec.description, impact: spec.impact, threshold: spec.threshold };
  return { primarySeries: kind.primarySeries, seriesInfo, ...(kind.mechanism ? { mechanism: kind.mechanism } : {}) };
}

/**
 * A full build replaces `out/` as a whole. Refuse when it holds anything a build does not write
 * (`--out .` by mistake, a hand-written file): that would be deleted.
 */
async function assertReplaceable(outDir: string, shown: string, withSite: boolean): Promise<void> {
  const entries = await readdir(outDir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    // The site is left alone by a build without --site, and replaced only if it is one.
    if (e.name === siteEntry && !withSite) continue;
    if (e.name === siteEntry && e.isDirectory()) {
      await assertSiteReplaceable(outDir, shown);
      continue;
    }
    const generated = e.isDirectory()
      ? await stat(path.join(outDir, e.name, 'README.md')).then(() => true, () => false)
      : e.name === 'README.md' || e.name === 'summary.json';
    if (!generated) {
      throw new UserError(
        `${shown}/ holds ${e.name}${e.isDirectory() ? '/' : ''}, which a build does not write; a build replaces ${shown}/ as a whole, so nothing was written. Remove it, or choose another --out`,
      );
    }
  }
}

/** `site` replaces out/site/: refuse when it is a directory this tool did not write (no `index.html` of ours). */
async function assertSiteReplaceable(outDir: string, shown: string): Promise<void> {
  const dir = path.join(outDir, siteEntry);
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : []));
  if (names === null || names.length === 0) return;
  const index = await readFile(path.join(dir, 'index.html'), 'utf8').catch(() => '');
  if (!index.includes('<meta name="generator" content="incident-replay')) {
    throw new UserError(
      `${shown}/${siteEntry}/ holds files the site generator did not write (no index.html of incident-replay); the site replaces ${shown}/${siteEntry}/ as a whole, so nothing was written. Move them, or choose another --out`,
    );
  }
}

function describeErrors(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const files = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file)).size;
  return `${errors} error${errors === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`;
}
