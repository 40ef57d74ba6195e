// Render a template text against the fixture replay, as the build does, without files.
import { createReportState, type ReportState } from '../../src/report/report-state.js';
import { parseTemplate } from '../../src/report/template/parse-template.js';
import { renderTemplate } from '../../src/report/template/render-template.js';
import { toMarkdown } from '../../src/report/to-markdown.js';
import type { IncidentReplay } from '../../src/replay/types.js';
import { fixtureReplay, fixtureSeriesInfo } from './fixtures/replay-fixture.js';

export function fixtureState(replay: IncidentReplay = fixtureReplay()): ReportState {
  return createReportState(replay, { primarySeries: 'stuck', seriesInfo: fixtureSeriesInfo });
}

export function renderFixture(templateText: string, replay?: IncidentReplay, file = 'template.md') {
  const state = fixtureState(replay);
  const { tree, diagnostics } = renderTemplate(parseTemplate(templateText, file), state);
  return { markdown: toMarkdown(tree), diagnostics, state };
}
