// PLACEHOLDER: replaced by the real command.
import type { CommandModule } from './index.js';

export const buildCommand: CommandModule = {
  command: 'build',
  describe: '(not implemented yet)',
  builder: (y) => y,
  handler: async (_args, io) => {
    io.stderr.write('incident-replay: `build` is not implemented yet\n');
    return 1;
  },
};
