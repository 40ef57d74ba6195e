import type { CommandModule } from './index.js';
import { wantsJson } from './wants-json.js';
import { allowModulesOption } from './allow-modules-option.js';

export const simulateCommand: CommandModule = {
  command: 'simulate <incident>',
  describe: 'Replay an incident (actual and counterfactual scenarios) and print the impact metrics',
  builder: (y) =>
    allowModulesOption(y)
      .positional('incident', { type: 'string', describe: 'Incident file, or the id of one in incidents/', demandOption: true })
      .option('scenario', { type: 'string', default: 'all', describe: 'Scenario id to replay besides `actual`, or `all`' })
      .option('seeds', { type: 'number', default: 0, describe: 'Monte Carlo seeds (0: deterministic expected values)' })
      .option('first-seed', { type: 'number', default: 1, describe: 'First Monte Carlo seed' })
      .option('step', { type: 'string', describe: 'Time step, e.g. `1m`, `5m` (default: the model’s `step`, or 1m)' })
      .option('workers', { type: 'number', describe: 'Monte Carlo worker threads (default: one per core; 1 runs in this thread)' })
      .option('quantiles', { type: 'string', describe: 'Monte Carlo quantiles to print with --json besides 0.1, 0.5 and 0.9, e.g. `0.05,0.99`' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the metrics, series and observed comparison as JSON' })
      .option('format', { choices: ['text', 'json'] as const, requiresArg: true, describe: 'text (a table) or json (same as --json)' })
      .option('fail-on-miss', {
        type: 'boolean',
        default: false,
        describe: 'Exit 1 when the actual replay misses a published figure beyond its tolerance',
      })
      .example('$0 simulate aws-ebs-2011-04-21', 'replay every scenario deterministically')
      .example('$0 simulate incidents/x.yaml --scenario spare-capacity --seeds 1000', 'median and 10–90% band of 1,000 seeds')
      .example('$0 simulate aws-ebs-2011-04-21 --json > replay.json', 'machine-readable output')
      .example('$0 simulate aws-ebs-2011-04-21 --seeds 1000 --quantiles 0.01,0.99 --json', 'the 1st and 99th percentiles too'),
  handler: async (args, io) => {
    // Monte Carlo threads start before the modules that read and check the incident load, so
    // their start-up runs beside all of that; `runSimulate` takes them over and stops them.
    const seeds = args.seeds as number;
    const workers = args.workers as number | undefined;
    const startedWorkers = Number.isInteger(seeds) && seeds > 0 ? (await import('../../model/monte-carlo-threads.js')).startMonteCarloWorkers(workers) : undefined;
    const { runSimulate } = await import('../../replay/run-simulate.js');
    return runSimulate(
      {
        incident: args.incident as string,
        scenario: args.scenario as string,
        seeds,
        firstSeed: args['first-seed'] as number,
        step: args.step as string | undefined,
        workers,
        quantiles: args.quantiles as string | undefined,
        json: wantsJson(args),
        failOnMiss: args['fail-on-miss'] === true,
        ...(startedWorkers ? { startedWorkers } : {}),
      },
      io,
    );
  },
};
