// Ticks of the time axis at round local times (every 1, 2, 3, 6 or 12 hours, or at local
// midnight every 1 or 2 days), at most `maxTicks` of them. Chart.js would otherwise count its
// steps from the first sample (00:47, 09:47, …); computed here, the ticks are part of the
// chart's JSON and the same on every machine.
import { localTimeParts, zoneAbbreviation } from '../format/format-local-time.js';

const hour = 3_600_000;
const stepsHours = [1, 2, 3, 6, 12, 24, 48, 96, 168];

export interface TimeTicks {
  ticks: number[];
  /** Hours between ticks. */
  stepHours: number;
}

export function timeTicks(startMs: number, endMs: number, zone: string, maxTicks = 10): TimeTicks {
  const spanHours = (endMs - startMs) / hour;
  const stepHours = stepsHours.find((s) => spanHours / s <= maxTicks - 1) ?? stepsHours[stepsHours.length - 1]!;
  const ticks: number[] = [];
  // Whole local hours: walk whole UTC minutes to the first local `:00`, then hour by hour
  // (a zone's offset is a whole number of minutes, so this also works for +05:30).
  let t = Math.ceil(startMs / 60_000) * 60_000;
  while (localTimeParts(t, zone).time.slice(3) !== '00' && t <= endMs) t += 60_000;
  let days = 0;
  for (; t <= endMs; t += hour) {
    const h = Number(localTimeParts(t, zone).time.slice(0, 2));
    if (stepHours < 24) {
      if (h % stepHours === 0) ticks.push(t);
    } else if (h === 0) {
      if (days % (stepHours / 24) === 0) ticks.push(t);
      days++;
    }
  }
  return { ticks, stepHours };
}

/**
 * The ticks a chart's time axis shows: as `timeTicks`, without one at the very end, whose label
 * would overhang the chart's right padding so that Chart.js narrowed the plot to make room (the
 * label layout assumes the plot area it estimates, plot-area.ts).
 */
export function axisTicks(startMs: number, endMs: number, zone: string): TimeTicks {
  const { ticks, stepHours } = timeTicks(startMs, endMs, zone);
  return { ticks: ticks.filter((t) => t < endMs - (endMs - startMs) * 0.04), stepHours };
}

/**
 * The time axis of every chart over the replay: from `startMs` to `endMs` in the incident's zone
 * (the zone goes to the date adapter through the chart's JSON), ticks only at the labels
 * `axisTicks` computed, titled with the zone's abbreviation and name.
 */
export function timeAxis(startMs: number, endMs: number, zone: string, stepHours: number) {
  return {
    type: 'time' as const,
    adapters: { date: { zone } },
    min: startMs,
    max: endMs,
    time: { unit: stepHours >= 24 ? ('day' as const) : ('hour' as const) },
    ticks: { source: 'labels' as const, maxRotation: 0, autoSkip: false },
    title: { display: true, text: `Time (${zoneAbbreviation(startMs, zone)}, ${zone})` },
  };
}
