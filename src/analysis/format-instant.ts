// Instants as ISO 8601 strings with the incident zone's offset at that instant
// (`2011-04-21T00:47:00-07:00`): readable in the zone the postmortem uses, and exact.
import { TZDate } from '@date-fns/tz';
import { formatISO } from 'date-fns/formatISO';

export function formatInstant(epochMs: number, zone: string): string {
  return formatISO(new TZDate(epochMs, zone));
}
