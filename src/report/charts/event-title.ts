// The short title of a timeline event on a chart: its `label:` when the file gives one, else the
// first clause of its text cut at a word, so a chart reads "Capacity added", not an id such as
// `add-capacity` that only the file's author knows.
import type { TimelineEvent } from '../../incident/schema.js';

export const maxTitleLength = 36;

export function eventTitle(event: Pick<TimelineEvent, 'text' | 'label'>): string {
  if (event.label) return event.label;
  return shortTitle(event.text);
}

/** The first clause of `text`, without a leading article, at most `maxTitleLength` characters. */
export function shortTitle(text: string, max = maxTitleLength): string {
  const clause = text.split(/[;:.]\s|,\s|\s[—–-]\s/u)[0]!.trim().replace(/\.$/u, '');
  const bare = clause.replace(/^(the|a|an)\s+/iu, '');
  const title = bare.charAt(0).toUpperCase() + bare.slice(1);
  if (title.length <= max) return title;
  const cut = title.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
