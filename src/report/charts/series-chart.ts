// The chart of one series as a Chart.js configuration: plain data (no functions), built by a
// pure function, saved as JSON beside the images and compared in golden tests. It shows the
// actual replay, every counterfactual (dashed), the Monte Carlo 10–90% band when run with seeds,
// the published figures as labelled points, and the key moments and model-changing events as
// vertical lines, on a time axis in the incident's zone.
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { ReportState } from '../report-state.js';
import { instantOfTime } from '../report-state.js';
import type { ScenarioReplay } from '../../replay/types.js';
import { downsampleIndices } from './downsample.js';
import { timeTicks } from './time-ticks.js';
import { labelRows } from './label-rows.js';
import { observedLegendLabel, observedPointStyle } from './observed-point-style.js';
import { actualColour, counterfactualColour, eventColour, observedColour, withAlpha } from './palette.js';
import { formatQuantity, unitLabel } from '../format/format-number.js';
import { zoneAbbreviation } from '../format/format-local-time.js';
import { seriesTitle, seriesUnit } from '../sections/series-title.js';

/** Points per curve (min and max of 200 buckets): plenty for a 1,100 px wide chart, and keeps the JSON small. */
export const maxPointsPerCurve = 400;

export interface ChartPoint {
  x: number;
  y: number | null;
}

export type SeriesChartConfiguration = ChartConfiguration<'line' | 'scatter', ChartPoint[], number>;

export function seriesChart(state: ReportState, series: string): SeriesChartConfiguration {
  const [actual, ...scenarios] = state.replay.scenarios;
  if (!actual) throw new Error('a replay has at least the actual scenario');
  const title = seriesTitle(state, series);
  const unit = seriesUnit(state, series);
  const datasets: ChartDataset<'line' | 'scatter', ChartPoint[]>[] = [];

  const band = actual.bands?.[series];
  if (band) {
    // The band is two curves with the area between them filled; the lower one has no legend
    // entry (the renderer hides empty labels).
    datasets.push({
      type: 'line',
      label: '',
      data: points(actual, band.p10),
      borderWidth: 0,
      pointRadius: 0,
      fill: false,
      backgroundColor: withAlpha(actualColour, 0.18),
      borderColor: withAlpha(actualColour, 0),
    });
    datasets.push({
      type: 'line',
      label: `Replay, 10–90% of ${state.replay.seeds} seeds`,
      data: points(actual, band.p90),
      borderWidth: 0,
      pointRadius: 0,
      fill: '-1',
      backgroundColor: withAlpha(actualColour, 0.18),
      borderColor: withAlpha(actualColour, 0),
    });
  }
  datasets.push({
    type: 'line',
    label: state.replay.seeds > 0 ? 'Replay of what happened (median)' : 'Replay of what happened',
    data: points(actual, actual.series.series[series]!),
    borderColor: actualColour,
    backgroundColor: actualColour,
    borderWidth: 2.5,
    pointRadius: 0,
    fill: false,
  });
  scenarios.forEach((s, i) => {
    const values = s.series.series[series];
    if (!values) return;
    datasets.push({
      type: 'line',
      label: `Counterfactual: ${s.title}`,
      data: points(s, values),
      borderColor: counterfactualColour(i),
      backgroundColor: counterfactualColour(i),
      borderWidth: 2,
      borderDash: [6, 4],
      pointRadius: 0,
      fill: false,
    });
  });

  const observed = state.replay.observed.filter((o) => o.series === series);
  if (observed.length > 0) {
    const styles = observed.map((o) => observedPointStyle(o.provenance));
    datasets.push({
      type: 'scatter',
      label: observedLegendLabel(observed.map((o) => o.provenance)),
      data: observed.map((o) => ({ x: Date.parse(o.at), y: round(o.observed) })),
      borderColor: styles.map((s) => s.borderColor),
      backgroundColor: styles.map((s) => s.backgroundColor),
      borderWidth: styles.map((s) => s.borderWidth),
      pointStyle: 'rectRot',
      pointRadius: 6,
    });
  }

  const annotations: Record<string, unknown> = {};
  const from = actual.series.startMs;
  const span = endOf(actual) - from || 1;
  const figureLabel = (o: (typeof observed)[number]) =>
    `${o.id ? `${o.id}: ` : ''}${formatQuantity(o.observed, o.unit)}${o.within ? '' : ' (missed)'}`;
  const alignOf = (at: number) => (at > 0.85 ? 'end' : at < 0.15 ? 'start' : 'center');
  // Where a figure sits on the plot, roughly: the y axis starts at zero and `grace` adds half of
  // the top value above it; the plot is about 330 px high.
  const axisTop = 1.5 * Math.max(peakOf(actual.series.series[series]!), ...observed.map((o) => o.observed)) || 1;
  const figureRows = labelRows(
    observed.map((o) => {
      const at = (Date.parse(o.at) - from) / span;
      return { position: at, align: alignOf(at), text: figureLabel(o), y: 330 * (1 - o.observed / axisTop) - 18 };
    }),
    // Regular DejaVu Sans 11 px, stacked upwards from above their points.
    { plotWidth: 980, charWidth: 6.5, padding: 8, rowHeight: 16, direction: -1, maxRows: 4 },
  );
  observed.forEach((o, i) => {
    const at = (Date.parse(o.at) - from) / span;
    annotations[`figure-${i + 1}`] = {
      type: 'label',
      xValue: Date.parse(o.at),
      // Near an edge the label sits on the inner side of its point, so it is not cut off.
      position: { x: alignOf(at), y: 'center' },
      yValue: round(o.observed),
      // Above its point, one row higher for each label of a nearby figure it would cover.
      yAdjust: -18 - figureRows[i]! * 16,
      content: figureLabel(o),
      // Drawn over the event labels: the figures are what the chart is checked against.
      z: 1,
      font: { size: 11 },
      color: observedColour,
      backgroundColor: 'rgba(255, 255, 255, 0.8)',
    };
  });
  const lines = eventLines(state, actual);
  const rows = labelRows(lines.map((l) => ({ position: (l.at - from) / span, text: l.label })));
  lines.forEach((line, i) => {
    annotations[`event-${i + 1}`] = {
      type: 'line',
      xMin: line.at,
      xMax: line.at,
      borderColor: eventColour,
      borderWidth: line.moment ? 1.5 : 1,
      borderDash: line.moment ? [] : [2, 3],
      label: {
        display: true,
        content: line.label,
        position: 'end',
        // One row down for each label of a nearby event it would otherwise cover.
        yAdjust: rows[i]! * 21,
        font: { size: 11 },
        color: '#ffffff',
        backgroundColor: 'rgba(60, 60, 60, 0.85)',
      },
    };
  });

  const zoneName = zoneAbbreviation(actual.series.startMs, state.zone);
  const { ticks, stepHours } = timeTicks(actual.series.startMs, endOf(actual), state.zone);
  return {
    type: 'line',
    // With `ticks.source: 'labels'`, the labels are the ticks of the time axis.
    data: { labels: ticks, datasets },
    options: {
      // Tick labels are formatted with Intl in this locale; left out, the process locale
      // (`LANG=ar_EG` gives Arabic digits) would change the images from machine to machine.
      locale: 'en-US',
      devicePixelRatio: 1,
      layout: { padding: { left: 8, right: 40 } },
      plugins: {
        title: { display: true, text: `${state.replay.incident.title}: ${title}`, font: { size: 16, weight: 'bold' } },
        subtitle: {
          display: true,
          text: scenarios.length > 0 ? 'Replay of what happened (solid) and counterfactuals (dashed)' : 'Replay of what happened',
          padding: { bottom: 8 },
        },
        legend: { position: 'bottom' },
        // Labels of figures near the edges may reach past the plot area.
        annotation: { clip: false, annotations },
        // The plugin's types re-export extension-less paths that `module: NodeNext` cannot resolve,
        // so Chart.js does not know the `annotation` key: the plugin options are untyped here.
      } as never,
      scales: {
        x: {
          type: 'time',
          adapters: { date: { zone: state.zone } },
          min: actual.series.startMs,
          max: endOf(actual),
          time: { unit: stepHours >= 24 ? 'day' : 'hour' },
          ticks: { source: 'labels', maxRotation: 0, autoSkip: false },
          title: { display: true, text: `Time (${zoneName}, ${state.zone})` },
        },
        y: {
          beginAtZero: true,
          // Room above the curves for the labels of the events.
          grace: '50%',
          title: { display: true, text: `${title} (${unitLabel(unit)})` },
        },
      },
    },
  };
}

function peakOf(values: ArrayLike<number>): number {
  let peak = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > peak) peak = values[i]!;
  return peak;
}

function endOf(s: ScenarioReplay): number {
  return s.series.startMs + (s.series.length - 1) * s.series.stepMinutes * 60_000;
}

function points(s: ScenarioReplay, values: ArrayLike<number>): ChartPoint[] {
  const step = s.series.stepMinutes * 60_000;
  return downsampleIndices(values, maxPointsPerCurve).map((i) => ({
    x: s.series.startMs + i * step,
    y: Number.isFinite(values[i]!) ? round(values[i]!) : null,
  }));
}

/** Six significant digits: more than a chart can show, few enough to keep JSON stable and small. */
function round(v: number): number {
  return v === 0 ? 0 : Number(v.toPrecision(6));
}

interface EventLine {
  at: number;
  label: string;
  moment: boolean;
}

const momentLabels = { start: 'Start', detected: 'Detected', mitigated: 'Mitigated', resolved: 'Resolved' } as const;

/** Key moments, and the events that change the model, that fall inside the replay. */
function eventLines(state: ReportState, actual: ScenarioReplay): EventLine[] {
  const from = actual.series.startMs;
  const to = endOf(actual);
  const lines: EventLine[] = [];
  for (const [name, label] of Object.entries(momentLabels)) {
    const iso = state.replay.moments[name as keyof typeof momentLabels];
    if (iso) lines.push({ at: Date.parse(iso), label, moment: true });
  }
  for (const event of state.replay.incident.timeline) {
    if (!event.effects || event.effects.length === 0) continue;
    const at = instantOfTime(state, event.at);
    if (lines.some((l) => l.at === at)) continue;
    lines.push({ at, label: event.id ?? shorten(event.text), moment: false });
  }
  return lines.filter((l) => l.at >= from && l.at <= to).sort((a, b) => a.at - b.at || a.label.localeCompare(b.label, 'en-US'));
}

function shorten(text: string): string {
  return text.length <= 32 ? text : `${text.slice(0, 31).trimEnd()}…`;
}

