// PLACEHOLDER: replaced by the real command.
import type { CommandModule } from './index.js';

export const fitCommand: CommandModule = {
  command: 'fit',
  describe: '(not implemented yet)',
  builder: (y) => y,
  handler: async (_args, io) => {
    io.stderr.write('incident-replay: `fit` is not implemented yet\n');
    return 1;
  },
};
