import { describe, it, expect } from 'vitest';
import { renderFixture } from './render-fixture.js';
import { fixtureIncident, fixtureReplay } from './fixtures/replay-fixture.js';
import { formatDiagnostic } from '../../src/incident/diagnostic.js';

describe('template directives', () => {
  it('keeps hand-written prose as written and fills the directives', () => {
    const { markdown, diagnostics } = renderFixture('# Report\n\nHand-written: at 12:00 the team met.\n\n::summary\n');
    expect(diagnostics).toEqual([]);
    expect(markdown).toBe(
      '# Report\n\nHand-written: at 12:00 the team met.\n\nA network change cut storage nodes off from their replicas; re-mirroring exhausted free capacity.\n',
    );
  });

  it('reports an unknown directive at the template line and column, with a suggestion', () => {
    const { diagnostics } = renderFixture('# Report\n\nSome prose.\n\n::timelin\n', undefined, 'templates/mine.md');
    expect(diagnostics).toHaveLength(1);
    expect(formatDiagnostic(diagnostics[0]!)).toBe(
      'templates/mine.md:5:1  error  unknown directive `::timelin`, expected one of: summary, impact, customer-impact, timeline, detection, moments, factors, lessons, communication, observed, chart, secondary-charts, mechanism-chart, counterfactual-caveat, counterfactuals, action-items, sensitivity, boundary-map, parameters, assumptions, sources, value  template/unknown-directive\n    hint: did you mean `::timeline`?',
    );
  });

  it('reports an unknown attribute, a bad value and a missing one', () => {
    const { diagnostics } = renderFixture(
      '::chart{serie=stuck}\n\n::secondary-charts{which=some}\n\nTitle: :value{}\n',
      undefined,
      't.md',
    );
    expect(diagnostics.map((d) => [d.line, d.column, d.rule])).toEqual([
      [1, 1, 'template/unknown-attribute'],
      [3, 1, 'template/attribute-value'],
      [5, 8, 'template/missing-attribute'],
    ]);
    expect(diagnostics[0]!.hint).toBe('did you mean `series`?');
  });

  it('reports data the template asks for that the replay lacks (`::chart{series=nope}`)', () => {
    const { diagnostics } = renderFixture('Text.\n\n::chart{series=nope}\n', undefined, 't.md');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: 't.md', line: 3, column: 1, rule: 'template/missing-data' });
    expect(diagnostics[0]!.message).toBe('`::chart`: no series `nope` in the replay of example-storm-2011-04-21');
    expect(diagnostics[0]!.hint).toBe('use one of: stuck, apiErrors');
  });

  it('reports a block section written inline and an inline one written as a block', () => {
    const { diagnostics } = renderFixture('See :timeline{} here.\n\n::value{name=title}\n');
    expect(diagnostics.map((d) => d.rule)).toEqual(['template/block-inline', 'template/inline-block']);
  });

  it('reports an unknown value name, and a value the incident lacks', () => {
    const { diagnostics } = renderFixture(':value{name=ttle}\n');
    expect(diagnostics[0]!.hint).toBe('did you mean `name=title`?');
    const replay = fixtureReplay();
    delete (replay.incident as { severity?: string }).severity;
    const missing = renderFixture('Severity :value{name=severity}.\n', replay).diagnostics;
    expect(missing[0]!.message).toBe('`:value`: the incident has no `severity`');
  });

  it('says a moment the record does not give is not published, as the moments table does', () => {
    const replay = fixtureReplay();
    replay.moments = { start: replay.moments.start };
    replay.durations = {};
    const { markdown, diagnostics } = renderFixture('Resolved :value{name=resolved} (:value{name=duration}).\n', replay);
    expect(diagnostics).toEqual([]);
    expect(markdown).toContain('Resolved not published (not published).');
  });
});

describe('escaping of incident text', () => {
  it('keeps pipes inside their cell and HTML as text', () => {
    const incident = structuredClone(fixtureIncident);
    incident.timeline[0]!.text = 'Shift | traffic <script>alert(1)</script> *now*';
    incident.summary = '<img src=x onerror=alert(1)> [link](javascript:alert(1))';
    const { markdown } = renderFixture('::summary\n\n::timeline\n', fixtureReplay({ incident }));
    expect(markdown).toContain('Shift \\| traffic \\<script>alert(1)\\</script> \\*now\\*');
    expect(markdown).toContain('\\<img src=x onerror=alert(1)> \\[link]\\(javascript:alert(1))');
    // Every row of the timeline table still has exactly its six cells.
    const rows = markdown.split('\n').filter((l) => l.startsWith('| '));
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|').length - 2).toBe(6);
  });
});
