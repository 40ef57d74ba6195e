import type { CommandModule } from './index.js';
import { allowModulesOption } from './allow-modules-option.js';

export const watchCommand: CommandModule = {
  command: 'watch [paths..]',
  describe: 'Rebuild the report of each incident file when it is saved; print diagnostics and keep watching',
  builder: (y) =>
    allowModulesOption(y)
      .positional('paths', { type: 'string', array: true, describe: 'Incident files or directories (default: incidents/)' })
      .option('out', { type: 'string', describe: 'Output directory (default: out/, or `out` in the project config)' })
      .option('template', { type: 'string', describe: 'One template for every incident: a built-in name (brief, default) or a path' })
      .option('seeds', { type: 'number', default: 0, describe: 'Monte Carlo seeds (0: deterministic)' })
      .option('site', { type: 'boolean', default: false, describe: 'Rewrite the static site (out/site/) after each change too' })
      .example('$0 watch', 'rebuild out/<id>/ whenever a file in incidents/ changes')
      .example('$0 watch --site', 'and out/site/, to reload in the browser'),
  handler: async (args, io) => {
    const [{ runWatch }, { parseSeeds }, { projectDefaults }] = await Promise.all([
      import('../../report/watch.js'),
      import('../../report/parse-seeds.js'),
      import('../project-defaults.js'),
    ]);
    const defaults = await projectDefaults(io, {
      paths: args.paths as string[] | undefined,
      out: args.out as string | undefined,
      template: args.template as string | undefined,
    });
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      return await runWatch(
        {
          paths: defaults.paths,
          out: defaults.out,
          template: defaults.template,
          seeds: parseSeeds(args.seeds),
          site: args.site === true,
          signal: stop.signal,
        },
        io,
      );
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};
