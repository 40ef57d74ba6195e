// `--allow-modules`, on every command that may load a kind module named by `model.module`. The
// opt-in comes from whoever runs the command (this flag, or INCIDENT_REPLAY_ALLOW_MODULES=1 in
// the environment), never from a file in the tree; `wrap` in main.ts applies it.
import type { Argv } from 'yargs';
import { allowModulesEnv } from '../../model/module-trust.js';

export function allowModulesOption(y: Argv): Argv {
  return y.option('allow-modules', {
    type: 'boolean',
    default: false,
    describe: `Import the kind modules incident files name in \`model.module\` (code: only for files you trust; or set ${allowModulesEnv}=1)`,
  });
}
