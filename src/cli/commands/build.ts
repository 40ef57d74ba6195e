import type { CommandModule } from './index.js';
import { allowModulesOption } from './allow-modules-option.js';

export const buildCommand: CommandModule = {
  command: 'build [paths..]',
  describe: 'Replay every incident and write out/: one report per incident, out/README.md and out/summary.json',
  builder: (y) =>
    allowModulesOption(y)
      .positional('paths', { type: 'string', array: true, describe: 'Incident files or directories (default: incidents/)' })
      .option('out', { type: 'string', default: 'out', describe: 'Output directory (replaced as a whole by a full build)' })
      .option('check', {
        type: 'boolean',
        default: false,
        describe: 'Write nothing; exit 1 and list what is stale if out/ differs from what a build would write',
      })
      .option('shard', {
        type: 'string',
        describe: 'Build slice i of n (e.g. 2/3) for CI matrices; shard 1/n also writes the index and summary.json',
      })
      .option('seeds', { type: 'number', default: 0, describe: 'Monte Carlo seeds (0: deterministic); adds 10–90% bands' })
      .option('template', { type: 'string', describe: 'One template for every incident: a built-in name (brief, default) or a path' })
      .option('stats', { type: 'boolean', hidden: true })
      .example('$0 build', 'write out/ from incidents/')
      .example('$0 build --check', 'in CI: fail when the committed out/ is stale')
      .example('$0 build --shard 2/3', 'the second of three CI jobs'),
  handler: async (args, io) => {
    const started = performance.now();
    const [{ runBuild, parseShard }, { parseSeeds }, { writeStats }] = await Promise.all([
      import('../../report/build.js'),
      import('../../report/parse-seeds.js'),
      import('../../report/write-stats.js'),
    ]);
    const code = await runBuild(
      {
        mode: 'build',
        paths: (args.paths as string[] | undefined) ?? [],
        out: args.out as string,
        check: args.check === true,
        shard: args.shard === undefined ? undefined : parseShard(String(args.shard)),
        seeds: parseSeeds(args.seeds),
        template: args.template as string | undefined,
      },
      io,
    );
    if (args.stats) writeStats(io, started);
    return code;
  },
};
