// Instants printed as wall time in the incident's zone with the zone's abbreviation
// (`2011-04-21 00:47 PDT`), so a reader compares them with the postmortem's own times.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

export interface LocalTimeParts {
  date: string;
  time: string;
  zone: string;
}

export function localTimeParts(epochMs: number, zone: string): LocalTimeParts {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(zone).formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    zone: parts.timeZoneName ?? zone,
  };
}

/** `2011-04-21 00:47 PDT`. */
export function formatLocalTime(epochMs: number, zone: string): string {
  const p = localTimeParts(epochMs, zone);
  return `${p.date} ${p.time} ${p.zone}`;
}

/** The zone's abbreviation at an instant (`PDT`, `PST`; `GMT+1` where the zone has none in English). */
export function zoneAbbreviation(epochMs: number, zone: string): string {
  return localTimeParts(epochMs, zone).zone;
}
