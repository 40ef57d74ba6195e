// Time since the incident's start, as engineers write it in timelines: `T+0:03`, `T+1d 11:43`,
// and `T-6d 14:00` for a precursor before the start.

export function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const totalMinutes = Math.round(Math.abs(ms) / 60_000);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  const clock = `${hours}:${String(minutes).padStart(2, '0')}`;
  return days > 0 ? `T${sign}${days}d ${clock.padStart(5, '0')}` : `T${sign}${clock}`;
}
