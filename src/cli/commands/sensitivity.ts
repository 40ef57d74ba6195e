import type { CommandModule } from './index.js';
import { wantsJson } from './wants-json.js';
import { allowModulesOption } from './allow-modules-option.js';

export const sensitivityCommand: CommandModule = {
  command: 'sensitivity <incident>',
  describe: 'How far each scenario’s benefit holds over the plausible ranges of the assumed parameters',
  builder: (y) =>
    allowModulesOption(y)
      .positional('incident', { type: 'string', describe: 'Incident file, or the id of one in incidents/', demandOption: true })
      .option('samples', { type: 'number', default: 64, describe: 'Latin hypercube samples of the ranged parameters' })
      .option('seed', { type: 'number', default: 1, describe: 'Seed of the sample design' })
      .option('step', { type: 'string', describe: 'Time step, e.g. `1m`, `5m` (default: the model’s `step`, or 1m)' })
      .option('workers', { type: 'number', describe: 'Worker threads for the sampled worlds (default: this thread); same output either way' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the result as JSON (same as --format json)' })
      .option('format', { choices: ['text', 'json'] as const, requiresArg: true, describe: 'text (tables) or json (same as --json)' })
      .option('stats', { type: 'boolean', hidden: true })
      .example('$0 sensitivity aws-ebs-2011-04-21', 'each scenario’s benefit over 64 plausible worlds')
      .example('$0 sensitivity incidents/x.yaml --samples 256 --json', 'machine-readable, more samples'),
  handler: async (args, io) => {
    const started = performance.now();
    const [{ runSensitivity }, { writeStats }] = await Promise.all([import('../../analysis/run-sensitivity.js'), import('../../report/write-stats.js')]);
    const code = await runSensitivity(
      {
        incident: args.incident as string,
        samples: args.samples as number,
        seed: args.seed as number,
        step: args.step as string | undefined,
        json: wantsJson(args),
        workers: args.workers as number | undefined,
      },
      io,
    );
    if (args.stats) writeStats(io, started);
    return code;
  },
};
