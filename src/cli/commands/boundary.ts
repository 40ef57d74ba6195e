import type { CommandModule } from './index.js';
import { wantsJson } from './wants-json.js';
import { allowModulesOption } from './allow-modules-option.js';

export const boundaryCommand: CommandModule = {
  command: 'boundary <incident>',
  describe: 'Boundary maps: the peak over a grid of two parameters, and how close to the edge the system sat',
  builder: (y) =>
    allowModulesOption(y)
      .positional('incident', { type: 'string', describe: 'Incident file, or the id of one in incidents/', demandOption: true })
      .option('map', { type: 'string', describe: 'Only the boundary map with this id (default: every map the file declares)' })
      .option('grid', { type: 'number', describe: 'Grid points per axis for every map (default: each map’s `grid`, or 40)' })
      .option('step', { type: 'string', describe: 'Time step, e.g. `1m`, `5m` (default: the model’s `step`, or 1m)' })
      .option('workers', { type: 'number', describe: 'Worker threads for the grid’s replays (default: one per core; 1: this thread); same output either way' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the maps as JSON (every peak, the boundary, the positions; same as --format json)' })
      .option('format', { choices: ['text', 'json'] as const, requiresArg: true, describe: 'text (each map drawn in characters) or json (same as --json)' })
      .example('$0 boundary aws-ebs-2011-04-21', 'each declared map, as text')
      .example('$0 boundary incidents/x.yaml --grid 20 --json', 'a coarser grid, machine-readable'),
  handler: async (args, io) => {
    const { runBoundary } = await import('../../report/run-boundary.js');
    return runBoundary(
      {
        incident: args.incident as string,
        map: args.map as string | undefined,
        grid: args.grid as number | undefined,
        step: args.step as string | undefined,
        workers: args.workers as number | undefined,
        json: wantsJson(args),
      },
      io,
    );
  },
};
