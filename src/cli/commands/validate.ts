import type { CommandModule } from './index.js';

export const validateCommand: CommandModule = {
  command: 'validate [paths..]',
  describe: 'Check incident files against the schema and the semantic rules',
  builder: (y) =>
    y
      .positional('paths', {
        type: 'string',
        array: true,
        describe: 'Incident files or directories (default: incidents/)',
      })
      .option('format', {
        choices: ['text', 'json'] as const,
        default: 'text',
        describe: 'Print diagnostics as text lines or as JSON',
      })
      .example('$0 validate', 'check every file in incidents/')
      .example('$0 validate incidents/aws-ebs-2011-04-21.yaml', 'check one file'),
  handler: async (args, io) => {
    const { runValidate } = await import('../../incident/validate.js');
    return runValidate(
      { paths: (args.paths as string[] | undefined) ?? [], format: args.format as 'text' | 'json' },
      io,
    );
  },
};
