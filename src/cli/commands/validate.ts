import path from 'node:path';
import type { CommandModule } from './index.js';
import { allowModulesOption } from './allow-modules-option.js';
import { diagnosticFormats, type DiagnosticFormat } from '../../incident/format-diagnostics.js';

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
        choices: diagnosticFormats,
        default: 'text',
        requiresArg: true,
        describe: 'text lines, JSON, GitHub workflow commands (annotations) or SARIF 2.1.0 (code scanning)',
      })
      .option('json', { type: 'boolean', describe: 'Same as --format json' })
      .option('output', { alias: 'o', type: 'string', requiresArg: true, describe: 'Write the diagnostics to this file; print only the summary' })
      .option('max-warnings', {
        type: 'number',
        requiresArg: true,
        describe: 'Exit 1 when there are more warnings than this (errors always fail)',
      })
      .check((argv) => {
        const max = argv['max-warnings'];
        if (max !== undefined && !(Number.isInteger(max) && (max as number) >= 0)) throw new Error('--max-warnings takes a whole number, 0 or more');
        return true;
      })
      .option('cache', {
        type: 'boolean',
        default: true,
        describe: 'Reuse the results of unchanged files (in node_modules/.cache/incident-replay); --no-cache to check afresh',
      })
      .example('$0 validate', 'check every file in incidents/')
      .example('$0 validate incidents/x.yaml', 'check one file')
      .example('$0 validate --format json', 'diagnostics as JSON')
      .example('$0 validate --format github --max-warnings 0', 'in a GitHub workflow: annotations, and fail on any warning')
      .example('$0 validate --format sarif -o validate.sarif', 'for code scanning (upload-sarif)'),
  handler: async (args, io) => {
    const [{ runValidate }, { findConfig, fromConfig }] = await Promise.all([import('../../incident/validate.js'), import('../config-file.js')]);
    const config = await findConfig(io.cwd);
    const given = (args.paths as string[] | undefined) ?? [];
    const paths = given.length > 0 || config?.incidents === undefined ? given : [path.relative(io.cwd, fromConfig(config, config.incidents)) || '.'];
    return runValidate(
      {
        paths,
        rules: config?.rules,
        configFile: config?.file,
        format: args.json === true ? 'json' : (args.format as DiagnosticFormat),
        output: args.output as string | undefined,
        maxWarnings: (args['max-warnings'] as number | undefined) ?? config?.maxWarnings,
        cacheDir: args.cache === false ? undefined : io.cacheDir,
      },
      io,
    );
  },
};
