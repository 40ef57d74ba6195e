// The command table. Each command module declares its options and lazily imports the function
// that does the work, so `validate` does not pay for loading the chart renderer.
import type { Argv } from 'yargs';
import type { Io } from '../io.js';
import { validateCommand } from './validate.js';
import { schemaCommand } from './schema.js';

export interface CommandModule {
  command: string | string[];
  describe: string;
  builder: (yargs: Argv) => Argv;
  handler: (args: Record<string, unknown>, io: Io) => Promise<number>;
}

export const commands: CommandModule[] = [validateCommand, schemaCommand];
