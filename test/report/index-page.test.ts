// The index names one best counterfactual per incident; when others give the same gain it says
// so, rather than suggest that one scenario beat the rest.
import { describe, expect, it } from 'vitest';
import { indexPage } from '../../src/report/index-page.js';
import { incidentSummary, type IncidentSummary } from '../../src/report/incident-summary.js';
import { toMarkdown } from '../../src/report/to-markdown.js';
import { fixtureState } from './render-fixture.js';

function withGains(summary: IncidentSummary, areas: number[]): IncidentSummary {
  const [actual] = summary.scenarios;
  const scenarios = [actual!, ...areas.map((area, i) => ({ ...actual!, id: `s${i}`, title: `Scenario ${i}`, impactReduction: { area, percent: 100 * area } }))];
  return { ...summary, scenarios, bestCounterfactual: { id: 's0', title: 'Scenario 0', impactReduction: scenarios[1]!.impactReduction! } };
}

describe('indexPage', () => {
  const summary = incidentSummary(fixtureState());

  it('says how many other scenarios tie with the best one', () => {
    expect(toMarkdown(indexPage([withGains(summary, [1, 1, 0.5, 1])]))).toContain('Scenario 0 (tied with 2 more)');
  });

  it('names the best scenario alone when no other gives the same gain', () => {
    const markdown = toMarkdown(indexPage([withGains(summary, [1, 0.5])]));
    expect(markdown).toContain('Scenario 0');
    expect(markdown).not.toContain('tied with');
  });
});
