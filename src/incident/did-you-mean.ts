// "Did you mean …?" for a misspelt name: the closest candidate, if it is close enough to be a
// plausible typo rather than a different name altogether.
import { closest, distance } from 'fastest-levenshtein';

export function didYouMean(value: string, candidates: readonly string[]): string | undefined {
  // A value of hundreds of characters is no misspelling, and Levenshtein on it costs seconds.
  if (candidates.length === 0 || value.length > 100) return undefined;
  const best = closest(value, [...candidates]);
  // A third of the length tolerates a transposition in short names without matching unrelated ones.
  const limit = Math.max(2, Math.floor(value.length / 3));
  return distance(value.toLowerCase(), best.toLowerCase()) <= limit ? best : undefined;
}

/** `` `a`, `b`, `c` `` for messages, shortened after `max` names. */
export function listNames(names: readonly string[], max = 12): string {
  const shown = names.slice(0, max).map((n) => `\`${n}\``);
  return names.length > max ? `${shown.join(', ')}, … (${names.length - max} more)` : shown.join(', ');
}
