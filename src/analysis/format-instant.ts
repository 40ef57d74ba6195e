// Instants as ISO 8601 strings with the incident zone's offset at that instant
// (`2011-04-21T00:47:00-07:00`): readable in the zone the postmortem uses, and exact.
import { TZDate } from '@date-fns/tz';
import { formatISO } from 'date-fns/formatISO';
import { utcZone } from '../incident/time.js';

export function formatInstant(epochMs: number, zone: string): string {
  // In UTC the text is the ISO form JavaScript writes itself, without the milliseconds (which
  // formatISO drops), as long as the year has four digits: no time zone data is consulted
  // (incident/time.ts, `utcZone`).
  if (zone === utcZone) {
    const iso = new Date(epochMs).toISOString();
    if (iso.length === 24) return `${iso.slice(0, 19)}Z`;
  }
  return formatISO(new TZDate(epochMs, zone));
}
