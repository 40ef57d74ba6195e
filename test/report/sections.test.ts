import { describe, it, expect } from 'vitest';
import { sections } from '../../src/report/sections/index.js';
import { rankActionItems } from '../../src/report/sections/action-items.js';
import { renderFixture, fixtureState } from './render-fixture.js';
import { expectGolden } from './golden.js';
import { fixtureIncident, fixtureReplay } from './fixtures/replay-fixture.js';

/** The markdown with its wrapped prose lines joined again, for assertions on whole sentences. */
const flat = (markdown: string) => markdown.replace(/([^\n])\n(?!\n|\|) */g, '$1 ');

describe('report sections (golden markdown of each block section)', () => {
  const blocks = Object.entries(sections).filter(([, s]) => s.kind === 'block');
  for (const [name] of blocks) {
    it(`::${name}`, () => {
      const { markdown, diagnostics } = renderFixture(`::${name}\n`);
      expect(diagnostics).toEqual([]);
      expectGolden(`section-${name}.md`, markdown);
    });
  }

  it('every block section of the registry has a golden test and is used by the default template', async () => {
    const { readFile } = await import('node:fs/promises');
    const template = await readFile(new URL('../../templates/default.md', import.meta.url), 'utf8');
    for (const [name, s] of blocks) expect(template, `templates/default.md uses ::${name}`).toMatch(new RegExp(`^::${name}\\b`, 'm'));
    expect(sections.value?.kind).toBe('inline');
  });
});

describe('timeline', () => {
  it('prints local time with the zone abbreviation, T+ from the start, phase and a numbered source', () => {
    const { markdown } = renderFixture('::timeline\n');
    expect(markdown).toContain('| 2011-04-21 00:47 PDT         | T-0:03  | trigger    |');
    // Approximate times are marked; windows within a day repeat only the clock.
    // A lone `~` cannot open strikethrough, so it is written without a `\~` escape.
    expect(markdown).toContain('| ~2011-04-21 00:50 PDT');
    expect(markdown).toContain('2011-04-21 02:40 PDT – 02:50');
    expect(markdown).toContain('| T+11:14 | resolved   | Cluster stabilized.');
    expect(markdown).toMatch(/\| \[1\] +\| published\[\^ev-5\] +\|\n/);
  });
});

describe('moments', () => {
  it('gives time to detect, mitigate and resolve from the start', () => {
    const { markdown } = renderFixture('::moments\n');
    expect(markdown).toContain('20 min (time to detect)');
    expect(markdown).toContain('1 h 50 min (time to mitigate)');
    expect(markdown).toContain('11 h 14 min (time to resolve, the impact duration)');
  });

  it('says which moments the record lacks', () => {
    const replay = fixtureReplay();
    delete replay.moments.mitigated;
    delete replay.durations.mitigate;
    const { markdown } = renderFixture('::moments\n', replay);
    // Shown as not published, never filled in.
    expect(markdown).toMatch(/\| Mitigated \| not published +\| +\| +\| not published\[\^m-mitigated\] +\|/);
    expect(markdown).toContain('Not published: mitigated');
  });
});

describe('observed', () => {
  it('marks figures within tolerance ✓ and the others ✗, and counts them', () => {
    const { markdown } = renderFixture('::observed\n');
    expect(markdown).toContain('within tolerance of 2 of 3 figures of the record (2 published as numbers');
    expect(markdown).toMatch(/\| stuck-late +\| Stuck volumes +\| 2011-04-21 10:47 PDT \| +9% \| published\[\^obs-stuck-late\] +\| +8% \| +-1 \| +±0\.5 \| +✗ +\|/);
    expect(markdown).toMatch(/\| errors-peak .*\| +\+5 \| +±10 \| +✓ +\|/);
  });
});

describe('counterfactuals', () => {
  it('compares each scenario with the actual replay and states the parameters it changes', () => {
    const { markdown } = renderFixture('::counterfactuals\n');
    // Actual area: trapezoids of 0,6,10,12,13,12.5,12,11,10,9,8,7 = 107; spare: 23.5; (107 − 23.5) / 107 = 78%.
    expect(markdown).toMatch(/\| More spare capacity +\| +5% \| +23\.5 %·h \| +8 h \| +-78% \|/);
    expect(flat(markdown)).toContain('With `spareCapacity` = 20% (actual: 5%, assumed), the replay peaks at 5% (actual 13%, -8 pp)');
    expect(markdown).toContain('78% less than the actual replay');
  });

  it('is an error for a series the replay does not have', () => {
    const { diagnostics } = renderFixture('::counterfactuals{series=nope}\n');
    expect(diagnostics[0]?.message).toContain('no series `nope`');
  });
});

describe('action items', () => {
  it('ranks items by the impact reduction of their scenario; unquantified ones last', () => {
    const ranked = rankActionItems(fixtureState());
    expect(ranked.map((r) => r.item.id)).toEqual(['capacity', 'audit']);
    expect(ranked[0]!.reduction!.area).toBeCloseTo(83.5, 9);
  });

  it('puts the bigger benefit first whatever the file order', () => {
    const incident = {
      ...fixtureIncident,
      actionItems: [
        { id: 'small', text: 'Small.', scenario: 'small' },
        { id: 'big', text: 'Big.', scenario: 'spare-capacity' },
      ],
    };
    const replay = fixtureReplay({ incident });
    const small = structuredClone(replay.scenarios[1]!);
    small.id = 'small';
    small.metrics.stuck!.impactArea = 100;
    replay.scenarios.push(small);
    expect(rankActionItems(fixtureState(replay)).map((r) => r.item.id)).toEqual(['big', 'small']);
  });
});

describe('parameters', () => {
  it('calls out the assumed parameters by name', () => {
    const { markdown } = renderFixture('::parameters\n');
    expect(markdown).toContain('| `spareCapacity` |     5 | percent | **assumed** |');
    expect(renderFixture('::assumptions\n').markdown).toContain('**1 of 3 parameters is assumed**: `spareCapacity`.');
  });
});

describe('value', () => {
  it('puts single values into prose and headings', () => {
    const { markdown, diagnostics } = renderFixture('# :value{name=title}\n\nPeak :value{name=peak}, lasting :value{name=duration}.\n');
    expect(diagnostics).toEqual([]);
    expect(markdown).toBe('# Example storage storm\n\nPeak 13%, lasting 11 h 14 min.\n');
  });
});

describe('series where lower is worse', () => {
  it('speak of the lowest value and the shortfall', () => {
    const replay = fixtureReplay();
    for (const s of replay.scenarios) Object.assign(s.metrics.apiErrors!, { worse: 'lower', baseline: 50 });
    const { markdown } = renderFixture('::counterfactuals{series=apiErrors}\n', replay);
    expect(markdown).toContain('| Scenario            | Lowest API error rate |');
    expect(markdown).toContain('the replay falls to 20%');
    expect(markdown).toContain('integral of the shortfall of API error rate');
  });
});

describe('scenario wording', () => {
  it('names the timeline changes of a scenario, and keeps `code spans` of incident prose as code', () => {
    const incident = structuredClone(fixtureIncident);
    incident.scenarios = [
      {
        id: 'spare-capacity',
        title: 'Earlier mitigation',
        rationale: 'Moves `alarm` earlier; <b>not</b> HTML.',
        timeline: {
          remove: ['storm'],
          shift: [{ event: 'alarm', by: '-15m' }],
          add: [{ at: '2011-04-21 01:00', phase: 'mitigation', text: 'Throttle `CreateVolume`.' }],
        },
      },
    ];
    const replay = fixtureReplay({ incident });
    replay.scenarios[1]!.rationale = incident.scenarios[0]!.rationale;
    const { markdown } = renderFixture('::counterfactuals\n', replay);
    expect(flat(markdown)).toContain(
      'With `storm` removed from the timeline, `alarm` moved by -15m and an event added at 2011-04-21 01:00 PDT (Throttle `CreateVolume`.), the replay peaks at 5%',
    );
    expect(flat(markdown)).toContain('_Rationale and assumptions:_ Moves `alarm` earlier; \\<b>not\\</b> HTML.');
  });
});

describe('series the model marks as an impact', () => {
  const impactState = (): ReturnType<typeof fixtureState> => {
    const state = fixtureState();
    state.seriesInfo.apiErrors = { ...state.seriesInfo.apiErrors!, impact: true };
    return state;
  };

  it('get a counterfactual table of their own after the primary one', async () => {
    const { renderTemplate } = await import('../../src/report/template/render-template.js');
    const { parseTemplate } = await import('../../src/report/template/parse-template.js');
    const { toMarkdown } = await import('../../src/report/to-markdown.js');
    const plain = toMarkdown(renderTemplate(parseTemplate('::counterfactuals\n', 't.md'), fixtureState()).tree);
    const marked = toMarkdown(renderTemplate(parseTemplate('::counterfactuals\n', 't.md'), impactState()).tree);
    expect(plain).not.toContain('The same scenarios on API error rate');
    expect(marked).toContain('The same scenarios on API error rate');
    expect(marked).toMatch(/\| Scenario +\| Peak API error rate +\| Impact area +\| Time above +\| Impact vs actual \|/);
  });

  it('are charted by ::secondary-charts even without published figures', () => {
    const replay = fixtureReplay();
    replay.observed = replay.observed.filter((o) => o.series !== 'apiErrors');
    const marked = fixtureState(replay);
    marked.seriesInfo.apiErrors = { ...marked.seriesInfo.apiErrors!, impact: true };
    const headings = sections['secondary-charts']!.render(marked, {}).filter((n) => n.type === 'heading');
    expect(headings).toHaveLength(1);
    expect(JSON.stringify(headings[0])).toContain('API error rate');
    // Without the mark and without a published figure of it, the series is not charted.
    const unmarked = sections['secondary-charts']!.render(fixtureState(replay), {});
    expect(unmarked.filter((n) => n.type === 'heading')).toHaveLength(0);
  });
});

describe('impact: the worst published figure of each series', () => {
  it('is the smallest for a series that is bad when it falls', () => {
    const replay = fixtureReplay();
    const base = replay.incident.observed!.find((o) => o.series === 'apiErrors')!;
    replay.incident = { ...replay.incident, observed: [...replay.incident.observed!, { ...base, id: 'errors-low', value: 20 }] };
    const high = sections.impact!.render(fixtureState(replay), {});
    expect(JSON.stringify(high)).toContain('API error rate: 40%');
    (replay.scenarios[0]!.metrics.apiErrors as { worse?: string }).worse = 'lower';
    // Lower is worse: impact is below the threshold, and the lowest figure is the largest impact.
    replay.scenarios[0]!.metrics.apiErrors!.threshold = 90;
    const low = JSON.stringify(sections.impact!.render(fixtureState(replay), {}));
    expect(low).toContain('(largest impact, the lowest figure): ');
    expect(low).toContain('API error rate: 20%');
  });

  it('leaves out a series whose published figures show no impact (errors back to 0 %)', () => {
    const replay = fixtureReplay();
    const base = replay.incident.observed!.find((o) => o.series === 'apiErrors')!;
    const others = replay.incident.observed!.filter((o) => o.series !== 'apiErrors');
    replay.incident = { ...replay.incident, observed: [...others, { ...base, id: 'errors-over', value: 0 }] };
    const text = JSON.stringify(sections.impact!.render(fixtureState(replay), {}));
    expect(text).not.toContain('API error rate: 0%');
    expect(text).not.toContain('largest figure');
  });
});
