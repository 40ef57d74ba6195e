import { describe, it, expect } from 'vitest';
import { eventLines, layOutEventLabels } from '../../../src/report/charts/event-lines.js';
import { fixtureIncident, fixtureReplay } from '../fixtures/replay-fixture.js';
import { fixtureState } from '../render-fixture.js';

describe('eventLines', () => {
  it('titles lines from the events (label, else text), merged with a key moment at the same time', () => {
    const incident = structuredClone(fixtureIncident);
    incident.timeline.push({ id: 'later-fix', at: '2011-04-21 06:00', phase: 'mitigation', label: 'Fix deployed', text: 'A long text that is not shown.', source: 'aws-summary', quote: 'x', effects: [{ action: 'disable-create-volume' }] });
    const state = fixtureState(fixtureReplay({ incident }));
    const lines = eventLines(state, Date.parse('2011-04-21T07:00:00Z'), Date.parse('2011-04-21T19:00:00Z'));
    // Resolved (12:04) is after the window.
    expect(lines.map((l) => l.label)).toEqual(['Start', 'Detected', 'Mitigated · CreateVolume disabled in the zone', 'Fix deployed']);
    expect(lines.map((l) => l.label).join()).not.toContain('later-fix');
  });
});

describe('layOutEventLabels', () => {
  it('stacks titles that would touch, and sizes the band above the plot to the rows used', () => {
    const at = (f: number) => ({ at: f * 1000, label: 'Some event title', moment: false });
    const { rows, band } = layOutEventLabels([at(0.1), at(0.12), at(0.5)], 0, 1000, 980);
    expect(rows).toEqual([0, 1, 0]);
    expect(band).toBeGreaterThan(2 * 19);
    expect(layOutEventLabels([], 0, 1, 980)).toEqual({ rows: [], band: 0 });
  });

  it('places the key moments first and leaves out event titles that find no free row', () => {
    const lines = Array.from({ length: 8 }, (_, i) => ({ at: 100 + i, label: `Event number ${i}`, moment: i === 7 }));
    const { rows } = layOutEventLabels(lines, 0, 1000, 980);
    expect(rows[7]).toBe(0);
    expect(rows.filter((r) => r === -1)).toHaveLength(3);
    expect(new Set(rows.filter((r) => r >= 0)).size).toBe(5);
  });
});
