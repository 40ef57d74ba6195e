// What `build`, `report` and `site` do once their options are parsed: the project's defaults
// for paths, output and template, one `runBuild`, and the hidden `--stats` line. Each command
// adds only the options that are its own.
import type { Io } from '../io.js';
import type { BuildOptions } from '../../report/build.js';
import { sensitivityFromArgs } from './sensitivity-options.js';
import { wantsJson } from './wants-json.js';

type Args = Record<string, unknown>;

export async function runBuildCommand(
  args: Args,
  io: Io,
  paths: string[] | undefined,
  options: Omit<BuildOptions, 'paths' | 'out' | 'template' | 'seeds' | 'sensitivity' | 'format'>,
): Promise<number> {
  const started = performance.now();
  const [{ runBuild }, { parseSeeds }, { writeStats }, { projectDefaults }] = await Promise.all([
    import('../../report/build.js'),
    import('../../report/parse-seeds.js'),
    import('../../report/write-stats.js'),
    import('../project-defaults.js'),
  ]);
  const defaults = await projectDefaults(io, {
    paths,
    out: args.out as string | undefined,
    template: args.template as string | undefined,
  });
  const code = await runBuild(
    {
      ...options,
      // `--format json` or its alias `--json` (`site` has neither: text).
      format: wantsJson(args) ? 'json' : 'text',
      paths: defaults.paths,
      out: defaults.out,
      template: defaults.template,
      seeds: parseSeeds(args.seeds),
      sensitivity: sensitivityFromArgs(args),
    },
    io,
  );
  if (args.stats) writeStats(io, started);
  return code;
}
