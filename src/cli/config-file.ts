// The project's configuration: `incident-replay.config.json`, `.yaml` / `.yml`, or an
// `"incident-replay"` key in package.json, found by lilconfig from the working directory up.
// It sets defaults a team shares (directories, template, warnings allowed, rule severities);
// options on the command line win. What it can never do, because a pull request can edit it as
// easily as an incident file: grant trust to code (`--allow-modules` and its variable are the
// runner's alone), or weaken an error. A rule can be raised to an error, and a warning lowered or
// switched off, but an error stays an error: every check that guards the machine (paths out of
// the project, unbounded reads, untrusted modules, unknown YAML tags) reports errors.
import { lilconfigSync, type LoaderSync } from 'lilconfig';
import { createRequire } from 'node:module';
import path from 'node:path';
import { UserError } from './io.js';
import { projectMarkers, resolveDataPath } from '../incident/project-path.js';
import type { RuleSetting } from '../incident/rule-severities.js';

export const configModuleName = 'incident-replay';
/** Where lilconfig looks, in order; the same files mark the project's directory for data paths. */
export const configFiles = projectMarkers;


export interface ProjectConfig {
  /** The file it was read from (absolute), for messages. */
  file: string;
  /** Where incident files are (default `incidents`), relative to the config file. */
  incidents?: string;
  /** The output directory (default `out`), relative to the config file. */
  out?: string;
  /** A template for every report: a built-in name or a path relative to the config file. */
  template?: string;
  /** `validate` fails with more warnings than this. */
  maxWarnings?: number;
  /** Severity per rule id. */
  rules?: Record<string, RuleSetting>;
}

// `yaml` is loaded only for a YAML config.
const loadYaml: LoaderSync = (_file, content) => (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(content);
// The asynchronous search's JSON loader (the synchronous one would `require` the file, with
// other error messages and Node's module cache).
const loadJson: LoaderSync = (_file, content) => JSON.parse(content.replace(/^\uFEFF/, ''));

/** The config that applies in `cwd`, or undefined when there is none. */
export async function findConfig(cwd: string): Promise<ProjectConfig | undefined> {
  let result;
  try {
    // The synchronous search: the asynchronous one waits on the thread pool for each of the
    // places it tries in each directory up to the root, one after the other, which on a busy
    // machine costs a command more wall time than the search's own work.
    result = lilconfigSync(configModuleName, {
      searchPlaces: configFiles,
      loaders: { '.json': loadJson, '.yaml': loadYaml, '.yml': loadYaml },
      stopDir: path.parse(cwd).root,
    }).search(cwd);
  } catch (error) {
    throw new UserError(`cannot read the incident-replay config: ${(error as Error).message}`);
  }
  if (!result || result.isEmpty || result.config === undefined) return undefined;
  const config = parseConfig(result.config, result.filepath);
  // A pull request can edit the config as easily as an incident file: its paths are data paths,
  // held inside the project like the paths incident files name (no absolute path, no `..` out,
  // no symbolic link out). A built-in template's bare name is not a path.
  for (const key of ['incidents', 'out', 'template'] as const) {
    const value = config[key];
    if (value === undefined || (key === 'template' && !/[\\/.]/.test(value))) continue;
    const resolved = resolveDataPath(value, config.file);
    if (!resolved.ok) throw new UserError(`${path.basename(config.file)}: \`${key}\` ${resolved.message.replace('in an incident file', 'in the config')} (${resolved.hint.replace('the incident file', 'the config file')})`);
  }
  return config;
}

const settings: readonly RuleSetting[] = ['error', 'warning', 'off'];
const known = ['incidents', 'out', 'template', 'maxWarnings', 'rules'];

/** Check the shape by hand: a config is tiny, and reading it must not load the incident schema. */
export function parseConfig(raw: unknown, file: string): ProjectConfig {
  const shown = path.basename(file);
  const fail = (what: string) => {
    throw new UserError(`${shown}: ${what}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('expected a mapping of settings (incidents, out, template, maxWarnings, rules)');
  const config: ProjectConfig = { file };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    switch (key) {
      case 'incidents':
      case 'out':
      case 'template':
        if (typeof value !== 'string' || value === '') fail(`\`${key}\` must be a non-empty string (a path relative to ${shown})`);
        config[key] = value as string;
        break;
      case 'maxWarnings':
        if (!Number.isInteger(value) || (value as number) < 0) fail('`maxWarnings` must be a whole number, 0 or more');
        config.maxWarnings = value as number;
        break;
      case 'rules': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('`rules` must map rule ids to error, warning or off');
        const rules: Record<string, RuleSetting> = {};
        for (const [rule, setting] of Object.entries(value as Record<string, unknown>)) {
          if (!settings.includes(setting as RuleSetting)) fail(`rule \`${rule}\`: expected error, warning or off, not ${JSON.stringify(setting)}`);
          rules[rule] = setting as RuleSetting;
        }
        config.rules = rules;
        break;
      }
      case 'allowModules':
      case 'allow-modules':
        fail('a config cannot allow modules: a pull request could edit it; pass --allow-modules or set INCIDENT_REPLAY_ALLOW_MODULES=1 in the job that runs the command');
        break;
      default:
        fail(`unknown setting \`${key}\`; expected one of ${known.join(', ')}`);
    }
  }
  return config;
}

/** A config path made absolute against the config file's directory. */
export function fromConfig(config: ProjectConfig, relative: string): string {
  return path.resolve(path.dirname(config.file), relative);
}
