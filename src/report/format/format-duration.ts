// A duration in minutes as people read it: `45 min`, `1 h 53 min`, `2 d 18 h 43 min`.

export function formatDuration(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const total = Math.round(Math.abs(minutes));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = total % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} d`);
  if (hours > 0) parts.push(`${hours} h`);
  if (mins > 0 || parts.length === 0) parts.push(`${mins} min`);
  return sign + parts.join(' ');
}

/** Hours as a duration (`hoursToRecover` and friends). */
export function formatHours(hours: number): string {
  return formatDuration(hours * 60);
}
