import type { CommandModule } from './index.js';
import { allowModulesOption } from './allow-modules-option.js';

export const fitCommand: CommandModule = {
  command: 'fit <incident>',
  describe: 'Tune assumed model parameters to the published figures; prints YAML to paste into the file',
  builder: (y) =>
    allowModulesOption(y)
      .positional('incident', { type: 'string', describe: 'Incident file, or the id of one in incidents/', demandOption: true })
      .option('params', {
        type: 'string',
        demandOption: true,
        describe: 'Comma-separated names of assumed parameters to tune, e.g. `capacity,timeout`',
      })
      .option('step', { type: 'string', describe: 'Time step, e.g. `1m`, `5m` (default: the model’s `step`, or 1m)' })
      .option('max-iterations', { type: 'number', describe: 'Nelder–Mead iterations (default: 200 per parameter)' })
      .example('$0 fit incidents/x.yaml --params capacity,timeout', 'fit two parameters'),
  handler: async (args, io) => {
    const { runFit } = await import('../../analysis/run-fit.js');
    const params = String(args.params)
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    return runFit(
      {
        incident: args.incident as string,
        params,
        step: args.step as string | undefined,
        maxIterations: args['max-iterations'] as number | undefined,
      },
      io,
    );
  },
};
