import type { CommandModule } from './index.js';
import { allowModulesOption } from './allow-modules-option.js';
import { sensitivityOptions } from './sensitivity-options.js';
import { runBuildCommand } from './run-build-command.js';

export const buildCommand: CommandModule = {
  command: 'build [paths..]',
  describe: 'Replay every incident and write out/: one report per incident, out/README.md and out/summary.json',
  builder: (y) =>
    sensitivityOptions(allowModulesOption(y))
      .positional('paths', { type: 'string', array: true, describe: 'Incident files or directories (default: incidents/)' })
      .option('out', { type: 'string', describe: 'Output directory (replaced as a whole by a full build) (default: out/, or `out` in the project config)' })
      .option('check', {
        type: 'boolean',
        default: false,
        describe: 'Write nothing; exit 1 and list what is stale if out/ differs from what a build would write',
      })
      .option('fail-on-miss', {
        type: 'boolean',
        default: false,
        describe: 'Exit 1 when an actual replay misses a published figure beyond its tolerance (after writing out/; with --check, after listing)',
      })
      .option('shard', {
        type: 'string',
        describe: 'Build slice i of n (e.g. 2/3) for CI matrices; shard 1/n also writes the index and summary.json',
      })
      .option('site', {
        type: 'boolean',
        default: false,
        describe: 'Write the static site (out/site/) too, in the same swap; without it a build leaves out/site/ as it is',
      })
      .option('seeds', { type: 'number', default: 0, describe: 'Monte Carlo seeds (0: deterministic); adds 10–90% bands' })
      .option('template', { type: 'string', describe: 'One template for every incident: a built-in name (brief, default) or a path' })
      .option('format', {
        choices: ['text', 'json'] as const,
        default: 'text',
        requiresArg: true,
        describe: 'text lines as it goes, or one JSON object at the end (diagnostics, files written, stale files, missed figures)',
      })
      .option('json', { type: 'boolean', describe: 'Same as --format json' })
      .option('stats', { type: 'boolean', hidden: true })
      .example('$0 build', 'write out/ from incidents/')
      .example('$0 build --check', 'in CI: fail when the committed out/ is stale')
      .example('$0 build --shard 2/3', 'the second of three CI jobs')
      .example('$0 build --check --fail-on-miss', 'in CI: also fail when a replay misses a published figure')
      .example('$0 build --site', 'the reports and the static site out/site/'),
  handler: async (args, io) => {
    const { parseShard } = await import('../../report/build.js');
    return runBuildCommand(args, io, args.paths as string[] | undefined, {
      mode: 'build',
      check: args.check === true,
      site: args.site === true,
      failOnMiss: args['fail-on-miss'] === true,
      shard: args.shard === undefined ? undefined : parseShard(String(args.shard)),
    });
  },
};
