// The label layout works on an estimate of where Chart.js puts the plot; this holds the
// estimate against a real rendering, for the charts the report draws.
import { describe, it, expect } from 'vitest';
import { plotArea } from '../../../src/report/charts/plot-area.js';
import { seriesChart, chartCanvas } from '../../../src/report/charts/series-chart.js';
import { mechanismChart } from '../../../src/report/charts/mechanism-chart.js';
import { ChartRenderer } from '../../../src/report/charts/chart-renderer.js';
import { createReportState } from '../../../src/report/report-state.js';
import { fixtureReplay, fixtureSeriesInfo } from '../fixtures/replay-fixture.js';
import { fixtureState } from '../render-fixture.js';

type Config = ReturnType<typeof seriesChart>;

function estimate(config: Config) {
  const scales = config.options!.scales as Record<string, { min: number; max: number; ticks: { stepSize: number } }>;
  const ticks = (axis: string) => {
    const s = scales[axis]!;
    const out: string[] = [];
    for (let v = s.min; v <= s.max + 1e-9; v += s.ticks.stepSize) out.push(new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 }).format(Number(v.toPrecision(12))));
    return out;
  };
  const band = ((config.options!.plugins as { subtitle: { padding: { bottom: number } } }).subtitle.padding.bottom ?? 8) - 8;
  return plotArea({
    ...chartCanvas,
    legend: config.data.datasets.map((d) => d.label ?? ''),
    yTicks: ticks('y'),
    ...(scales['y1'] ? { y1Ticks: ticks('y1') } : {}),
    band,
  });
}

describe('plotArea', () => {
  const renderer = new ChartRenderer();
  const mechanismState = createReportState(fixtureReplay(), {
    primarySeries: 'stuck',
    seriesInfo: { ...fixtureSeriesInfo, apiErrors: { ...fixtureSeriesInfo.apiErrors, threshold: 30 } },
    mechanism: { title: 'Stuck volumes and API errors', description: 'x', series: ['stuck'], right: ['apiErrors'] },
  });
  const configs: [string, Config][] = [
    ['primary series', seriesChart(fixtureState(), 'stuck')],
    ['with a band and its legend entry', seriesChart(fixtureState(fixtureReplay({ seeds: 20 })), 'stuck')],
    ['zoomed', seriesChart(fixtureState(), 'apiErrors', { window: { from: Date.parse('2011-04-21T08:00:00Z'), to: Date.parse('2011-04-21T14:00:00Z') } })],
    ['mechanism, with a right axis', mechanismChart(mechanismState)],
  ];
  for (const [name, config] of configs) {
    it(`is within 2 px of the rendered plot area: ${name}`, () => {
      const measured = renderer.measurePlotArea(config);
      const estimated = estimate(config);
      for (const side of ['left', 'top', 'right', 'bottom'] as const) expect(Math.abs(estimated[side] - measured[side]), side).toBeLessThanOrEqual(2);
    });
  }

  it('wraps a long legend into rows as Chart.js does', () => {
    const replay = fixtureReplay();
    const spare = replay.scenarios[1]!;
    const titles = ['A capacity buffer larger than the storm’s demand', 'Retries that back off and reconnect to the previous replica', 'The race condition fixed', 'All of the above'];
    replay.scenarios.push(...titles.map((title, i) => ({ ...spare, id: `s${i}`, title })));
    const config = seriesChart(fixtureState(replay), 'stuck');
    const measured = renderer.measurePlotArea(config);
    expect(Math.abs(estimate(config).bottom - measured.bottom)).toBeLessThanOrEqual(2);
    expect(measured.bottom).toBeLessThan(renderer.measurePlotArea(seriesChart(fixtureState(), 'stuck')).bottom - 40);
  });
});
