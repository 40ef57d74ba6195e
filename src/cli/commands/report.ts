import type { CommandModule } from './index.js';
import { allowModulesOption } from './allow-modules-option.js';
import { sensitivityOptions } from './sensitivity-options.js';
import { runBuildCommand } from './run-build-command.js';

export const reportCommand: CommandModule = {
  command: 'report <incident>',
  describe: 'Replay one incident and write its report (markdown + charts) to out/<id>/',
  builder: (y) =>
    sensitivityOptions(allowModulesOption(y))
      .positional('incident', { type: 'string', describe: 'The incident file, or the id of one in incidents/', demandOption: true })
      .option('template', { type: 'string', describe: 'A built-in template by name (brief, default) or the path of a markdown template; default: the incident’s own, else default' })
      .option('out', { type: 'string', describe: 'Output directory (default: out/, or `out` in the project config)' })
      .option('seeds', { type: 'number', default: 0, describe: 'Monte Carlo seeds (0: deterministic); adds 10–90% bands' })
      .option('format', {
        choices: ['text', 'json'] as const,
        default: 'text',
        requiresArg: true,
        describe: 'text lines as it goes, or one JSON object at the end (diagnostics, files written, stale files, missed figures)',
      })
      .option('json', { type: 'boolean', describe: 'Same as --format json' })
      .option('stats', { type: 'boolean', hidden: true })
      .example('$0 report incidents/aws-ebs-2011-04-21.yaml', 'write out/aws-ebs-2011-04-21/README.md')
      .example('$0 report incidents/x.yaml --template brief', 'the one-page brief instead of the full report')
      .example('$0 report incidents/x.yaml --template my.md --seeds 200', 'another template, with Monte Carlo bands'),
  handler: async (args, io) =>
    runBuildCommand(args, io, [args.incident as string], { mode: 'report' }),
};
