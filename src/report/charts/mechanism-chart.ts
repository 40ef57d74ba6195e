// The chart of the mechanism the model says drove the incident: the series the kind names in
// `mechanism` (free replica space and control-plane load; threads per server against the
// limit; memory headroom), for the actual replay, on one time axis with the key events. A second
// value axis on the right carries the series of another unit or scale. A series with an impact
// threshold draws it as a dotted level, named in the legend. Plain data, like series-chart.ts.
import type { ReportState } from '../report-state.js';
import { okabeIto, withAlpha } from './palette.js';
import { unitLabel } from '../format/format-number.js';
import { axisTicks, timeAxis } from './time-ticks.js';
import { yRange } from './y-range.js';
import { eventLines, eventLinesOptions, layOutEventLabels } from './event-lines.js';
import { chartPadding, plotArea } from './plot-area.js';
import { chartCanvas, maxPointsPerCurve, type ChartPoint, type SeriesChartConfiguration } from './series-chart.js';
import { downsampleIndices } from './downsample.js';

const leftColours = [okabeIto.blue, okabeIto.vermillion, okabeIto.green];
const rightColours = [okabeIto.orange, okabeIto.purple, okabeIto.skyBlue];

export function mechanismChart(state: ReportState): SeriesChartConfiguration {
  const mechanism = state.mechanism;
  const actual = state.replay.scenarios[0];
  if (!mechanism || !actual) throw new Error('a mechanism chart needs the kind’s mechanism and the actual replay');
  const from = actual.series.startMs;
  const step = actual.series.stepMinutes * 60_000;
  const to = from + (actual.series.length - 1) * step;
  const sides = [
    { axis: 'y', names: mechanism.series, colours: leftColours },
    { axis: 'y1', names: mechanism.right ?? [], colours: rightColours },
  ] as const;

  const datasets: SeriesChartConfiguration['data']['datasets'] = [];
  const ranges = sides.map(({ axis, names, colours }) => {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    names.forEach((name, k) => {
      const values = actual.series.series[name];
      if (!values) return;
      for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) (lo = Math.min(lo, values[i]!)), (hi = Math.max(hi, values[i]!));
      const info = state.seriesInfo[name];
      datasets.push({
        type: 'line',
        label: `${info?.title ?? name} (${unitLabel(info?.unit ?? '')}${mechanism.right?.length ? `, ${axis === 'y' ? 'left' : 'right'} axis` : ''})`,
        data: downsampleIndices(values, maxPointsPerCurve).map((i) => ({ x: from + i * step, y: Number.isFinite(values[i]!) ? round(values[i]!) : null })),
        yAxisID: axis,
        borderColor: colours[k % colours.length]!,
        backgroundColor: colours[k % colours.length]!,
        borderWidth: 2.5,
        pointRadius: 0,
        pointStyle: 'line',
        fill: false,
      });
      const threshold = info?.threshold;
      if (threshold !== undefined) {
        hi = Math.max(hi, threshold);
        datasets.push({
          type: 'line',
          label: `${info?.title ?? name}: impact above ${round(threshold)}${info?.unit === 'percent' ? '%' : ` ${info?.unit ?? ''}`}`,
          data: [
            { x: from, y: threshold },
            { x: to, y: threshold },
          ] satisfies ChartPoint[],
          yAxisID: axis,
          borderColor: withAlpha(colours[k % colours.length]!, 0.9),
          backgroundColor: withAlpha(colours[k % colours.length]!, 0.9),
          borderWidth: 1.5,
          borderDash: [2, 3],
          pointRadius: 0,
          pointStyle: 'line',
          fill: false,
        });
      }
    });
    return names.length > 0 ? yRange(lo, hi, { zero: false }) : undefined;
  });
  const [left, right] = ranges;
  if (!left) throw new Error('a mechanism names at least one series for the left axis');

  // The key moments only: the mechanism is read against the course of the incident, and the
  // series charts carry the events that change the model.
  const lines = eventLines(state, from, to).filter((l) => l.moment);
  const legend = datasets.map((d) => d.label ?? '');
  const rough = plotArea({ ...chartCanvas, legend, yTicks: left.ticks, ...(right ? { y1Ticks: right.ticks } : {}), band: 0 });
  const layout = layOutEventLabels(lines, from, to, rough.right - rough.left);
  const axisTitle = (names: readonly string[]) => {
    const units = [...new Set(names.map((n) => unitLabel(state.seriesInfo[n]?.unit ?? '')))];
    return names.length === 1 ? `${state.seriesInfo[names[0]!]?.title ?? names[0]} (${units[0]})` : units.join(', ');
  };
  const { ticks, stepHours } = axisTicks(from, to, state.zone);
  return {
    type: 'line',
    data: { labels: ticks, datasets },
    options: {
      locale: 'en-US',
      devicePixelRatio: 1,
      layout: { padding: chartPadding },
      plugins: {
        title: { display: true, text: `${state.replay.incident.title}: ${mechanism.title}`, font: { size: 16, weight: 'bold' } },
        subtitle: { display: true, text: 'The mechanism in the replay of what happened', padding: { bottom: 8 + layout.band } },
        // Legend entries drawn as a stretch of the line itself, dashes included (a box would
        // show a dashed outline), the band as a filled box and the figures as their marker.
        legend: { position: 'bottom', labels: { usePointStyle: true, pointStyleWidth: 40 } },
        eventLines: eventLinesOptions(lines, layout),
      } as never,
      scales: {
        x: timeAxis(from, to, state.zone, stepHours),
        y: { position: 'left', min: left.min, max: left.max, ticks: { stepSize: left.stepSize }, title: { display: true, text: axisTitle(mechanism.series) } },
        ...(right
          ? {
              y1: {
                position: 'right',
                min: right.min,
                max: right.max,
                ticks: { stepSize: right.stepSize },
                // One grid is enough; the right axis's lines would cross the left one's.
                grid: { drawOnChartArea: false },
                title: { display: true, text: axisTitle(mechanism.right!) },
              },
            }
          : {}),
      },
    },
  };
}

function round(v: number): number {
  return v === 0 ? 0 : Number(v.toPrecision(6));
}
