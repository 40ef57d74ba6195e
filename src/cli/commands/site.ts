import type { CommandModule } from './index.js';
import { allowModulesOption } from './allow-modules-option.js';
import { sensitivityOptions } from './sensitivity-options.js';
import { runBuildCommand } from './run-build-command.js';

export const siteCommand: CommandModule = {
  command: 'site [paths..]',
  describe: 'Write the static site, out/site/: an index of every incident and a page per report with interactive charts',
  builder: (y) =>
    sensitivityOptions(allowModulesOption(y))
      .positional('paths', { type: 'string', array: true, describe: 'Incident files or directories (default: incidents/)' })
      .option('out', { type: 'string', describe: 'Output directory; the site goes to its site/ (default: out/, or `out` in the project config)' })
      .option('seeds', { type: 'number', default: 0, describe: 'Monte Carlo seeds (0: deterministic); adds 10–90% bands to the charts' })
      .option('template', { type: 'string', describe: 'One template for every incident: a built-in name (brief, default) or a path' })
      .option('stats', { type: 'boolean', hidden: true })
      .example('$0 site', 'write out/site/ from incidents/; open out/site/index.html in a browser')
      .example('$0 site --seeds 200', 'with the Monte Carlo bands of 200 seeds'),
  handler: async (args, io) => runBuildCommand(args, io, args.paths as string[] | undefined, { mode: 'site' }),
};
