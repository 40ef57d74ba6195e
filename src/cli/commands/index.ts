// The command table. Each command module declares its options and lazily imports the function
// that does the work, so `validate` does not pay for loading the chart renderer.
import type { Argv } from 'yargs';
import type { Io } from '../io.js';
import { validateCommand } from './validate.js';
import { newCommand } from './new.js';
import { schemaCommand } from './schema.js';
import { simulateCommand } from './simulate.js';
import { fitCommand } from './fit.js';
import { sensitivityCommand } from './sensitivity.js';
import { boundaryCommand } from './boundary.js';
import { reportCommand } from './report.js';
import { buildCommand } from './build.js';
import { siteCommand } from './site.js';
import { watchCommand } from './watch.js';
import { importCommand } from './import.js';
import { componentsCommand } from './components.js';

export interface CommandModule {
  command: string | string[];
  describe: string;
  builder: (yargs: Argv) => Argv;
  handler: (args: Record<string, unknown>, io: Io) => Promise<number>;
}

export const commands: CommandModule[] = [
  validateCommand,
  newCommand,
  schemaCommand,
  simulateCommand,
  fitCommand,
  sensitivityCommand,
  boundaryCommand,
  reportCommand,
  buildCommand,
  siteCommand,
  watchCommand,
  importCommand,
  componentsCommand,
];
