import { describe, it, expect } from 'vitest';
import { eventTitle, shortTitle } from '../../../src/report/charts/event-title.js';

describe('eventTitle', () => {
  it('uses the event’s label when it has one', () => {
    expect(eventTitle({ label: 'Capacity added', text: 'Significant new capacity starts being added; the backlog is worked through.' })).toBe('Capacity added');
  });

  it('otherwise takes the first clause of the text, without a leading article', () => {
    expect(eventTitle({ text: 'The traffic shift is rolled back; the cut-off nodes all search the cluster.' })).toBe('Traffic shift is rolled back');
    expect(shortTitle('CreateVolume disabled in the zone.')).toBe('CreateVolume disabled in the zone');
  });

  it('cuts a long clause at a word, with an ellipsis', () => {
    const title = shortTitle('Communication between the degraded cluster and the control plane is disabled');
    expect(title).toBe('Communication between the degraded…');
    expect(title.length).toBeLessThanOrEqual(36);
  });
});
