// Whether this run may import a kind module named by `model.module` in an incident file. Such a
// module is code arriving with the data (in CI, with a pull request), so loading it needs an
// opt-in from whoever runs the command: `--allow-modules` or INCIDENT_REPLAY_ALLOW_MODULES=1,
// never a file in the tree (a pull request can edit any file). The decision is scoped to one
// call tree (AsyncLocalStorage) rather than a global, so in-process runs (tests, watch) cannot
// leak it to one another; outside any scope, modules are not allowed.
import { AsyncLocalStorage } from 'node:async_hooks';

export const allowModulesEnv = 'INCIDENT_REPLAY_ALLOW_MODULES';

const scope = new AsyncLocalStorage<boolean>();

/** True inside `withModulesAllowed(true, …)`. */
export function modulesAllowed(): boolean {
  return scope.getStore() ?? false;
}

/** Run `fn` with kind modules allowed (or not) for everything it calls, awaits and starts. */
export function withModulesAllowed<T>(allowed: boolean, fn: () => T): T {
  return scope.run(allowed, fn);
}

/** The environment's opt-in: `1`, `true` or `yes` (any case). */
export function modulesAllowedByEnv(env: Readonly<Record<string, string | undefined>>): boolean {
  return /^(?:1|true|yes)$/i.test(env[allowModulesEnv]?.trim() ?? '');
}

export const moduleNotTrustedHint =
  `a kind module is code: run with --allow-modules (or ${allowModulesEnv}=1) if you trust this file and the module it names (see the README, “Trust: what an incident file can make a command do”)`;
