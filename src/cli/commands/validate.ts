import type { CommandModule } from './index.js';
import { allowModulesOption } from './allow-modules-option.js';

export const validateCommand: CommandModule = {
  command: 'validate [paths..]',
  describe: 'Check incident files against the schema and the semantic rules',
  builder: (y) =>
    allowModulesOption(y)
      .positional('paths', {
        type: 'string',
        array: true,
        describe: 'Incident files or directories (default: incidents/)',
      })
      .option('format', {
        choices: ['text', 'json'] as const,
        default: 'text',
        requiresArg: true,
        describe: 'Print diagnostics as text lines or as JSON',
      })
      .option('cache', {
        type: 'boolean',
        default: true,
        describe: 'Reuse the results of unchanged files (in node_modules/.cache/incident-replay); --no-cache to check afresh',
      })
      .example('$0 validate', 'check every file in incidents/')
      .example('$0 validate incidents/x.yaml', 'check one file')
      .example('$0 validate --format json', 'diagnostics as JSON'),
  handler: async (args, io) => {
    const { runValidate } = await import('../../incident/validate.js');
    return runValidate(
      {
        paths: (args.paths as string[] | undefined) ?? [],
        format: args.format as 'text' | 'json',
        cacheDir: args.cache === false ? undefined : io.cacheDir,
      },
      io,
    );
  },
};
