import { describe, it, expect } from 'vitest';
import { createReportState } from '../../../src/report/report-state.js';
import { parseTemplate } from '../../../src/report/template/parse-template.js';
import { renderTemplate } from '../../../src/report/template/render-template.js';
import { toMarkdown } from '../../../src/report/to-markdown.js';
import { generateReport } from '../../../src/report/generate-report.js';
import type { BoundaryMapResult } from '../../../src/analysis/boundary-map.js';
import { fixtureReplay, fixtureSeriesInfo } from '../fixtures/replay-fixture.js';
import { boundaryMapFixture } from '../boundary-map-fixture.js';
import type { ReportSensitivity } from '../../../src/report/report-sensitivity.js';

const declared = { id: 'buffer-vs-isolation', x: { parameter: 'spareCapacity' }, y: { parameter: 'isolatedNodes' } };

function render(template: string, maps?: BoundaryMapResult[], declare = true, sensitivity?: ReportSensitivity) {
  const replay = fixtureReplay();
  if (declare) replay.incident = { ...replay.incident, boundaryMaps: [declared] };
  const state = createReportState(replay, {
    primarySeries: 'stuck',
    seriesInfo: fixtureSeriesInfo,
    ...(maps ? { boundaryMaps: maps } : {}),
    ...(sensitivity ? { sensitivity } : {}),
  });
  const { tree, diagnostics } = renderTemplate(parseTemplate(template, 't.md'), state);
  // Prose is wrapped at 100 columns: the assertions compare words, not line breaks.
  return { markdown: toMarkdown(tree).replace(/[ \t]*\n(?!\n|$)[ \t]*/g, ' '), diagnostics, state, replay };
}

describe('::boundary-map', () => {
  it('the map as an image with its links, and the margin and scenarios in words', () => {
    const { markdown, diagnostics, state } = render('::boundary-map\n', [boundaryMapFixture()]);
    expect(diagnostics).toEqual([]);
    expect(markdown).toContain('**Spare capacity against isolated nodes**: Why `spareCapacity` matters.');
    expect(markdown).toContain('![Boundary map: peak stuck volumes (%) over spareCapacity and isolatedNodes');
    expect(markdown).toContain('(charts/boundary-buffer-vs-isolation.png)');
    expect(markdown).toContain('[SVG](charts/boundary-buffer-vs-isolation.svg)');
    expect(markdown).toContain(
      "The actual system (spareCapacity 5%, isolatedNodes 9%) sat beyond the boundary, with a peak of 13% against a boundary at 2%: 50% of the map's span from the edge, the nearest point without impact being spareCapacity 15%, isolatedNodes 9%; at the same isolatedNodes, the boundary lies at spareCapacity 15%.",
    );
    expect(markdown).toContain('Scenario `spare-capacity` (spareCapacity 20%, isolatedNodes 9%) sits inside the boundary, with a peak of 0.8%.');
    expect(markdown).toContain(
      "Scenario `everything` (spareCapacity 40%, isolatedNodes 9%) lies off the map, and would sit inside the boundary, with a peak of 0.1% (it also changes raceCrashes, which the map holds at the file's values; its timeline changes are not part of the map).",
    );
    expect([...state.charts.values()]).toEqual([{ name: 'boundary-buffer-vs-isolation', boundaryMap: 'buffer-vs-isolation' }]);
  });

  it('a report asks for the chart of the map', () => {
    const replay = fixtureReplay();
    replay.incident = { ...replay.incident, boundaryMaps: [declared] };
    const result = generateReport(replay, parseTemplate('::boundary-map\n', 't.md'), { primarySeries: 'stuck', seriesInfo: fixtureSeriesInfo, boundaryMaps: [boundaryMapFixture()] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.report.charts.map((c) => [c.name, c.series])).toEqual([['boundary-buffer-vs-isolation', 'boundary:buffer-vs-isolation']]);
    expect(JSON.parse(result.report.charts[0]!.json).data.datasets[0].type).toBe('matrix');
  });

  it('says so when the incident declares no map; errors at the directive when maps were not computed or the id is unknown', () => {
    expect(render('::boundary-map\n', undefined, false).markdown).toBe('The incident file declares no boundary map (`boundaryMaps:`).\n');
    // Skipped with the sensitivity run (`--no-sensitivity`): the report says so.
    const skipped = render('\n::boundary-map\n');
    expect(skipped.diagnostics).toEqual([]);
    expect(skipped.markdown).toContain('was not computed in this build: they are computed with the sensitivity run, which was skipped (`--no-sensitivity`).');
    // Asked for, and missing for another reason: an error at the directive.
    const missing = render('\n::boundary-map\n', undefined, true, { status: 'not-run', reason: 'failed', message: 'boom' });
    expect(missing.diagnostics.map((d) => [d.line, d.message])).toEqual([[2, expect.stringContaining('were not computed')]]);
    const unknown = render('::boundary-map{id=nope}\n', [boundaryMapFixture()]);
    expect(unknown.diagnostics[0]!.message).toContain('no boundary map `nope`');
    expect(unknown.diagnostics[0]!.hint).toBe('use one of: buffer-vs-isolation');
  });
});
