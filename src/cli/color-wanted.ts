// Whether to colour the output, by the conventions other tools follow: NO_COLOR (no-color.org)
// turns colour off whatever else is set; FORCE_COLOR (force-color.org) turns it on even into a
// pipe or a CI log, except as `0` or `false`; otherwise colour is for a terminal, and not in CI
// logs (which keep escape codes as text), nor on a `dumb` terminal.
export function colorWanted(env: Record<string, string | undefined>, isTTY: boolean): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  return isTTY && !env.CI && env.TERM !== 'dumb';
}
