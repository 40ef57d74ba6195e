// What a command that reads incident files and writes reports takes from the project's config
// when the command line does not say: the incident directory, the output directory, the template.
// Paths in the config are relative to the config file, so the same config works from any
// subdirectory; they are turned into paths relative to the working directory, as a user would
// type them, so messages keep pointing where the user looks.
import path from 'node:path';
import type { Io } from './io.js';
import { findConfig, fromConfig, type ProjectConfig } from './config-file.js';

export interface ProjectDefaults {
  paths: string[];
  out: string;
  template?: string;
  config?: ProjectConfig;
}

export async function projectDefaults(
  io: Io,
  given: { paths?: readonly string[]; out?: string; template?: string },
): Promise<ProjectDefaults> {
  const config = await findConfig(io.cwd);
  const relative = (p: string) => path.relative(io.cwd, fromConfig(config!, p)) || '.';
  const paths = given.paths && given.paths.length > 0 ? [...given.paths] : config?.incidents ? [relative(config.incidents)] : [];
  const out = given.out ?? (config?.out ? relative(config.out) : 'out');
  // A built-in template is a bare name (`brief`); anything else is a path from the config file.
  const configTemplate = config?.template === undefined ? undefined : /[\\/.]/.test(config.template) ? relative(config.template) : config.template;
  return { paths, out, template: given.template ?? configTemplate, ...(config ? { config } : {}) };
}
