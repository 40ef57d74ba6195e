import { describe, it, expect } from 'vitest';
import { clauseAt, guessPhase } from '../../src/import/guess-phase.js';

describe('guessPhase', () => {
  it.each([
    ['A network change was performed', 'trigger'],
    ['The new build was deployed to all hosts', 'trigger'],
    ['Errors began to climb', 'trigger'],
    ['The outage was caused by a bad config', 'trigger'],
    ['The first alarm was triggered', 'detection'],
    ['On-call engineers were alerted', 'detection'],
    ['A customer noticed slow pages', 'detection'],
    ['Monitoring detected the spike', 'detection'],
    ['The team identified the bad router', 'diagnosis'],
    ['The root cause was a thread limit', 'diagnosis'],
    ['Engineers determined that memory was not the cause', 'diagnosis'],
    ['New requests were disabled', 'mitigation'],
    ['The change was rolled back', 'mitigation'],
    ['Traffic was throttled', 'mitigation'],
    ['The added capacity was removed', 'mitigation'],
    ['API access was restored', 'recovery'],
    ['Error rates recovered', 'recovery'],
    ['Latencies returned to normal', 'recovery'],
    ['Kinesis was fully restored', 'resolved'],
    ['The incident was resolved', 'resolved'],
    ['Error rates and latencies increased', 'impact'],
  ] as const)('%s → %s', (text, phase) => {
    expect(guessPhase(text).phase).toBe(phase);
  });

  it('does not take a counterfactual as what happened', () => {
    expect(guessPhase('This would have prevented the API impact')).toEqual({ phase: 'impact' });
  });

  it('falls back to the whole sentence when the clause has no cue', () => {
    expect(guessPhase('by noon', 'Latencies recovered by noon')).toEqual({ phase: 'recovery', cue: 'recovered' });
  });
});

describe('clauseAt', () => {
  it('returns the clause that holds an index', () => {
    const s = 'At 2:40 the team disabled requests, and by 2:50 latencies recovered.';
    expect(clauseAt(s, 3)).toBe('At 2:40 the team disabled requests');
    expect(clauseAt(s, s.indexOf('2:50'))).toBe('by 2:50 latencies recovered.');
  });
});
