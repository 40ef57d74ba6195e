import { describe, it, expect } from 'vitest';
import type { Composition } from '../../../src/model/compose/composition.js';
import { runComposition } from '../../support/run-composition.js';

// Open clients whose attempts go through a path to a service: disabling the path fails every
// attempt at once (refused), a throttle passes its share.
const routed: Composition = {
  id: 'routed',
  description: 'clients, a path, a service',
  parameters: {},
  stocks: {
    sent: { unit: 'requests' },
    incoming: { unit: 'requests' },
    capacity: { unit: 'requests/min' },
    succeeded: { unit: 'requests' },
    failed: { unit: 'requests' },
  },
  components: {
    scaling: { type: 'capacity', parameters: { capacity: 1000 }, stocks: { capacity: 'capacity' } },
    clients: { type: 'open-clients', parameters: { load: 100 }, stocks: { incoming: 'sent', succeeded: 'succeeded', failed: 'failed' } },
    route: { type: 'path', stocks: { input: 'sent', output: 'incoming', refused: 'failed' } },
    service: { type: 'service-queue', parameters: { timeout: 1 }, stocks: { incoming: 'incoming', capacity: 'capacity', succeeded: 'succeeded', failed: 'failed' } },
  },
  series: {
    passed: { expr: 'route.passed', title: 'passed', unit: 'requests/min', description: 'through the path' },
    refused: { expr: 'route.refused', title: 'refused', unit: 'requests/min', description: 'refused by the path' },
  },
  primarySeries: 'refused',
};

describe('path', () => {
  it('passes everything when enabled, nothing when disabled, its share when throttled', () => {
    const r = runComposition(routed, {
      actions: [[5, 'route.disable'], [10, 'route.enable'], [15, 'route.throttle', { share: 0.25 }]],
      minutes: 20,
    });
    expect(r.series.passed![3]).toBeCloseTo(100, 9);
    expect(r.series.refused![7]).toBeCloseTo(100, 9);
    expect(r.series.passed![12]).toBeCloseTo(100, 9);
    expect(r.series.passed![18]).toBeCloseTo(25, 9);
    expect(r.series.refused![18]).toBeCloseTo(75, 9);
  });
});
