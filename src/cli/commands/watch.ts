// PLACEHOLDER: replaced by the real command.
import type { CommandModule } from './index.js';

export const watchCommand: CommandModule = {
  command: 'watch',
  describe: '(not implemented yet)',
  builder: (y) => y,
  handler: async (_args, io) => {
    io.stderr.write('incident-replay: `watch` is not implemented yet\n');
    return 1;
  },
};
