// The chart sections' extra panels: the zoomed panel under `::chart`, and `::mechanism-chart`.
import { describe, it, expect } from 'vitest';
import { toMarkdown } from '../../../src/report/to-markdown.js';
import { sections } from '../../../src/report/sections/index.js';
import { createReportState } from '../../../src/report/report-state.js';
import { fixtureReplay, fixtureSeriesInfo } from '../fixtures/replay-fixture.js';
import { fixtureState } from '../render-fixture.js';

const markdown = (nodes: ReturnType<(typeof sections)['chart']['render']>) => toMarkdown({ type: 'root', children: nodes as never });

/** The fixture with everything happening in its first three hours, so a zoomed panel helps. */
function earlyStorm() {
  const replay = fixtureReplay();
  const stuck = [0, 13, 12, 2, 0, 0, 0, 0, 0, 0, 0, 0];
  for (const s of replay.scenarios) s.series.series.stuck = Float64Array.from(stuck, (v) => (s.id === 'actual' ? v : v / 2));
  replay.observed = replay.observed.filter((o) => o.series !== 'stuck');
  return replay;
}

describe('::chart zoomed panel', () => {
  it('follows the chart when most happened in a few hours, and is asked for as a chart', () => {
    const state = fixtureState(earlyStorm());
    const md = markdown(sections.chart!.render(state, {}) as never);
    expect(md).toContain('![Stuck volumes (%) over time');
    expect(md).toContain('(charts/stuck-zoom.png)');
    const zoom = state.charts.get('stuck-zoom')!;
    expect(zoom.view).toBe('zoom');
    expect(state.charts.get('stuck')!.window).toEqual(zoom.window);
  });

  it('is left out with zoom=none, and when the action is spread over the replay', () => {
    const none = fixtureState(earlyStorm());
    expect(markdown(sections.chart!.render(none, { zoom: 'none' }) as never)).not.toContain('stuck-zoom');
    expect([...none.charts.keys()]).toEqual(['stuck']);
    const spread = fixtureState();
    sections.chart!.render(spread, {});
    expect([...spread.charts.keys()]).toEqual(['stuck']);
  });
});

describe('::mechanism-chart', () => {
  it('charts the mechanism the kind declares, under a heading with its account', () => {
    const state = createReportState(fixtureReplay(), {
      primarySeries: 'stuck',
      seriesInfo: fixtureSeriesInfo,
      mechanism: { title: 'Stuck volumes drive API errors', description: 'Stuck volumes keep asking the control plane.', series: ['stuck'], right: ['apiErrors'] },
    });
    const md = markdown(sections['mechanism-chart']!.render(state, {}) as never);
    expect(md).toContain('### Mechanism: Stuck volumes drive API errors');
    expect(md).toContain('Stuck volumes keep asking the control plane.');
    expect(md).toContain('(charts/mechanism.png)');
    expect(state.charts.get('mechanism')).toMatchObject({ view: 'mechanism' });
  });

  it('gives nothing for a kind without a mechanism', () => {
    const state = fixtureState();
    expect(sections['mechanism-chart']!.render(state, {})).toEqual([]);
    expect(state.charts.size).toBe(0);
  });
});
