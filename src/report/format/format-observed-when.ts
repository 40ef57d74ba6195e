// When an observed figure holds, as the observed table prints it. A figure over a window says how
// the replay is read over it; one whose time the record does not give (`aggregate: any`) says so,
// so no reader takes the window's end for a published time.
import { formatLocalTime, localTimeParts } from './format-local-time.js';

export function formatObservedWhen(o: { from?: string; at: string; aggregate?: string }, zone: string): string {
  const end = Date.parse(o.at);
  if (o.from === undefined) return formatLocalTime(end, zone);
  const start = Date.parse(o.from);
  const a = localTimeParts(start, zone);
  const b = localTimeParts(end, zone);
  const to = a.date === b.date && a.zone === b.zone ? b.time : formatLocalTime(end, zone);
  const span = `${formatLocalTime(start, zone)} and ${to}`;
  switch (o.aggregate) {
    case 'any':
      return `between ${span} (time not published)`;
    case 'max':
      return `highest between ${span}`;
    case 'min':
      return `lowest between ${span}`;
    case 'mean':
      return `mean between ${span}`;
    default:
      return `at the end of ${formatLocalTime(start, zone)} – ${to}`;
  }
}
