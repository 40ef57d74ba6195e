// Ranking by robust benefit: items measured on the series they address, ranked by the median and
// then the 10th percentile of the reduction over the plausible worlds at the 0.1 % printed, ties
// named with their reason and ordered by the "enough" margin, and the wording of how far a
// benefit holds. The sensitivity result is built by hand, so each case is exact.
import { describe, it, expect } from 'vitest';
import { fixtureIncident, fixtureReplay } from './fixtures/replay-fixture.js';
import { fixtureState } from './render-fixture.js';
import { rankActionItems } from '../../src/report/rank-action-items.js';
import { describeRobustness, robustnessOf } from '../../src/report/robust-benefit.js';
import type { ScenarioSensitivity, SensitivityResult, Spread } from '../../src/analysis/sensitivity.js';
import type { EnoughSummary } from '../../src/analysis/summarise-enough.js';
import { renderTemplate } from '../../src/report/template/render-template.js';
import { parseTemplate } from '../../src/report/template/parse-template.js';
import { toMarkdown } from '../../src/report/to-markdown.js';

const spreadOf = (xs: number[]): Spread => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => {
    const h = (s.length - 1) * p;
    const lo = Math.floor(h);
    return lo + 1 < s.length ? s[lo]! + (h - lo) * (s[lo + 1]! - s[lo]!) : s[lo]!;
  };
  return { p10: q(0.1), median: q(0.5), p90: q(0.9), min: s[0]!, max: s[s.length - 1]! };
};

function scenario(id: string, byWorld: Record<string, number[]>, extra: Partial<ScenarioSensitivity> = {}): ScenarioSensitivity {
  const bySeries = Object.entries(byWorld).map(([series, xs]) => ({
    series,
    unit: 'percent',
    areaChangePercent: spreadOf(xs),
    peakChangePercent: spreadOf(xs),
    areaChangePercentByWorld: xs,
    atFileValues: { areaChangePercent: xs[0]!, peakChangePercent: xs[0]! },
  }));
  const first = bySeries[0]!;
  return {
    id,
    title: id,
    series: first.series,
    unit: 'percent',
    areaChangePercent: first.areaChangePercent,
    areaChange: first.areaChangePercent,
    peakChangePercent: first.peakChangePercent,
    peakChange: first.peakChangePercent,
    atFileValues: first.atFileValues,
    drivers: [],
    bySeries,
    enough: null,
    ...extra,
  };
}

const enough = (margin: number): EnoughSummary => ({
  parameter: 'spareCapacity', unit: 'percent', series: 'stuck', metric: 'peak', below: 1, defaultGoal: true, from: 5, to: 20, bound: 1000,
  integer: false, direction: 'up', worlds: 4, found: 4, already: 0, notMonotone: 0, notReached: 0,
  threshold: { p05: 20 - (15 * margin) / 100, median: 20 - (15 * margin) / 100, p95: 20 - (15 * margin) / 100, worst: 20 - (15 * margin) / 100 },
  atFileValues: { status: 'found', threshold: 10 }, notMonotoneExample: null, margin,
});

/** The fixture with one scenario per id (copies of `spare-capacity`) and one action item each. */
function stateWith(scenarios: ScenarioSensitivity[], items: { id: string; scenario: string; series?: string }[]) {
  const incident = { ...fixtureIncident, actionItems: items.map((i) => ({ text: `${i.id}.`, ...i })) };
  const replay = fixtureReplay({ incident });
  for (const s of scenarios) {
    if (replay.scenarios.some((r) => r.id === s.id)) continue;
    const copy = structuredClone(replay.scenarios[1]!);
    copy.id = s.id;
    copy.title = s.id;
    replay.scenarios.push(copy);
  }
  const state = fixtureState(replay);
  const result: SensitivityResult = { incident: incident.id, series: 'stuck', unit: 'percent', samples: 8, seed: 1, kept: 4, figures: 3, parameters: [], scenarios };
  state.sensitivity = { status: 'run', result };
  return state;
}

describe('rankActionItems with the sensitivity run', () => {
  it('ranks by the median reduction, then by its 10th percentile, never by a digit that is not printed', () => {
    const state = stateWith(
      [
        scenario('wide', { stuck: [-90, -50, -50.02, -10] }),
        scenario('narrow', { stuck: [-50.01, -50.04, -49.98, -49.97] }),
        scenario('best', { stuck: [-95, -96, -97, -98] }),
      ],
      [
        { id: 'a', scenario: 'wide' },
        { id: 'b', scenario: 'narrow' },
        { id: 'c', scenario: 'best' },
      ],
    );
    const ranked = rankActionItems(state);
    // Same median to 0.1 % (−50.0); `narrow`'s pessimistic end (−50.0) beats `wide`'s (about −22).
    expect(ranked.map((r) => r.item.id)).toEqual(['c', 'b', 'a']);
    expect(ranked.every((r) => r.tie === undefined)).toBe(true);
  });

  it('calls equal benefits a tie with its reason, ordered by the "enough" margin', () => {
    // The same values, in other worlds: the same median and interval, not the same in each world.
    const state = stateWith(
      [
        scenario('spare-capacity', { stuck: [-100, -50, -100, -100] }, { enough: enough(20) }),
        scenario('limit', { stuck: [-50, -100, -100, -100] }, { enough: enough(80) }),
        scenario('other', { stuck: [-100, -100, -50, -100] }),
      ],
      [
        { id: 'capacity', scenario: 'spare-capacity' },
        { id: 'other', scenario: 'other' },
        { id: 'limit', scenario: 'limit' },
      ],
    );
    const ranked = rankActionItems(state);
    // Margins first (80 before 20), an item without one last.
    expect(ranked.map((r) => r.item.id)).toEqual(['limit', 'capacity', 'other']);
    expect(ranked[0]!.tie).toEqual({ with: ['capacity', 'other'], reason: 'the same median and 10–90 % interval over the plausible worlds, though not the same in each world' });
    const two = stateWith(
      [scenario('spare-capacity', { stuck: [-100, -100, -100, -100] }, { enough: enough(20) }), scenario('limit', { stuck: [-100, -100, -100, -100] }, { enough: enough(80) })],
      [
        { id: 'capacity', scenario: 'spare-capacity' },
        { id: 'limit', scenario: 'limit' },
      ],
    );
    expect(rankActionItems(two).map((r) => [r.item.id, r.tie?.reason])).toEqual([
      ['limit', 'each removes the whole impact in every plausible world'],
      ['capacity', 'each removes the whole impact in every plausible world'],
    ]);
    const { markdown } = render(two);
    expect(markdown).toContain('Tied with `capacity`: each removes the whole impact in every plausible world; ordered by how far each scenario goes past what was enough.');
  });

  it('measures an item on the series it addresses', () => {
    const state = stateWith(
      [scenario('spare-capacity', { stuck: [-10, -10, -10, -10], apiErrors: [-100, -100, -100, -100] })],
      [
        { id: 'stuck-item', scenario: 'spare-capacity' },
        { id: 'api-item', scenario: 'spare-capacity', series: 'apiErrors' },
      ],
    );
    const ranked = rankActionItems(state);
    expect(ranked.map((r) => [r.item.id, r.series, r.benefit?.areaChangePercent.median])).toEqual([
      ['api-item', 'apiErrors', -100],
      ['stuck-item', 'stuck', -10],
    ]);
    // Items of the same scenario are not a tie of two fixes.
    expect(ranked.every((r) => r.tie === undefined)).toBe(true);
  });

  it('says when a benefit holds in every plausible world, and when it hangs on one assumption', () => {
    const varied = scenario('v', { stuck: [-10, -40, -60, -90] }, { drivers: [{ name: 'isolatedNodes', prcc: -0.93 }, { name: 'spareCapacity', prcc: 0.12 }] });
    expect(describeRobustness(robustnessOf(varied, varied.bySeries[0]!))).toBe(
      'a benefit in every plausible world; it hangs on one assumption, `isolatedNodes` (partial rank correlation -0.93)',
    );
    const two = scenario('t', { stuck: [-10, -40, 5, -90] }, { drivers: [{ name: 'a', prcc: -0.8 }, { name: 'b', prcc: 0.6 }] });
    expect(describeRobustness(robustnessOf(two, two.bySeries[0]!))).toBe('a benefit in 3 of 4 plausible worlds only');
    const same = scenario('s', { stuck: [-100, -100, -100, -100] });
    expect(describeRobustness(robustnessOf(same, same.bySeries[0]!))).toBe('the same benefit in every plausible world');
  });
});

function render(state: ReturnType<typeof stateWith>) {
  const { tree, diagnostics } = renderTemplate(parseTemplate('::action-items\n\n::sensitivity\n', 't.md'), state);
  expect(diagnostics).toEqual([]);
  // Prose is wrapped at 100 columns: the assertions compare words, not line breaks.
  return { markdown: toMarkdown(tree).replace(/[ \t]*\n(?!\n|$)[ \t]*/g, ' ') };
}
