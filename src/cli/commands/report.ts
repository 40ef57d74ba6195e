// PLACEHOLDER: replaced by the real command.
import type { CommandModule } from './index.js';

export const reportCommand: CommandModule = {
  command: 'report',
  describe: '(not implemented yet)',
  builder: (y) => y,
  handler: async (_args, io) => {
    io.stderr.write('incident-replay: `report` is not implemented yet\n');
    return 1;
  },
};
