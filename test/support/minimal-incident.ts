// The smallest valid incident around a model, for tests that exercise planning and replay
// without a file on disk. Override any field by passing it.
import type { Incident } from '../../src/incident/schema.js';

export function minimalIncident(overrides: Partial<Incident> & { model: Incident['model'] }): Incident {
  return {
    id: 'test-incident',
    title: 'Test incident',
    summary: 'A test.',
    service: 'test',
    region: 'test-1',
    timezone: 'UTC',
    severity: 'sev3',
    sources: [{ id: 'test', title: 'Test source' }],
    timeline: [{ at: '2024-01-01 00:00', phase: 'trigger', text: 'Start.', source: 'test', quote: 'Start.' }],
    ...overrides,
  };
}
