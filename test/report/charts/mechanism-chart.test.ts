import { describe, it, expect } from 'vitest';
import { mechanismChart } from '../../../src/report/charts/mechanism-chart.js';
import { createReportState } from '../../../src/report/report-state.js';
import { stableJson } from '../../../src/report/stable-json.js';
import { fixtureReplay, fixtureSeriesInfo } from '../fixtures/replay-fixture.js';
import { expectGolden } from '../golden.js';

const state = () =>
  createReportState(fixtureReplay(), {
    primarySeries: 'stuck',
    seriesInfo: { ...fixtureSeriesInfo, apiErrors: { ...fixtureSeriesInfo.apiErrors, threshold: 30 } },
    mechanism: { title: 'Stuck volumes drive API errors', description: 'Stuck volumes keep asking the control plane.', series: ['stuck'], right: ['apiErrors'] },
  });

describe('mechanismChart', () => {
  it('draws the series the kind names, a second axis for the right ones (golden)', () => {
    expectGolden('chart-mechanism.json', stableJson(mechanismChart(state())));
  });

  it('is built from the declaration, not from the incident: the series, the axes, the threshold', () => {
    const config = mechanismChart(state());
    expect(config.data.datasets.map((d) => [d.label, (d as { yAxisID?: string }).yAxisID])).toEqual([
      ['Stuck volumes (%, left axis)', 'y'],
      ['API error rate (%, right axis)', 'y1'],
      ['API error rate: impact above 30%', 'y1'],
    ]);
    expect(Object.keys(config.options!.scales!)).toEqual(['x', 'y', 'y1']);
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });

  it('needs a mechanism', () => {
    expect(() => mechanismChart(createReportState(fixtureReplay()))).toThrow(/mechanism/);
  });
});
