// replica-partition: the shares of volumes a partition isolates or leaves searching, in closed
// form for independently placed replicas, and the rollback's reconnections.
import { describe, expect, it } from 'vitest';
import type { Composition } from '../../../src/model/compose/composition.js';
import { runComposition } from '../../support/run-composition.js';

const model = (reconnectPrevious: number, replicas = 2): Composition => ({
  id: 'partition-test',
  description: 'a partition of 1000 volumes',
  parameters: { isolated: { unit: 'percent', description: 'nodes cut off', default: 10 } },
  stocks: {
    healthy: { unit: 'volumes', initial: 1000 },
    isolated: { unit: 'volumes' },
    searching: { unit: 'volumes' },
  },
  components: {
    partition: {
      type: 'replica-partition',
      parameters: { volumes: 1000, isolatedNodes: 'isolated', replicasPerVolume: replicas, reconnectPrevious },
      stocks: { healthy: 'healthy', isolated: 'isolated', searching: 'searching' },
    },
  },
  series: {
    healthy: { expr: 'healthy', title: 'healthy', unit: 'volumes', description: '' },
    isolated: { expr: 'isolated', title: 'isolated', unit: 'volumes', description: '' },
    searching: { expr: 'searching', title: 'searching', unit: 'volumes', description: '' },
  },
  primarySeries: 'healthy',
});

describe('replica-partition', () => {
  it('isolates f^r of the volumes and leaves 1 − (1 − f)^r − f^r searching (closed form)', () => {
    const r = runComposition(model(0), { actions: [[10, 'partition.cut'], [20, 'partition.rollback']], minutes: 30 });
    expect(r.series.isolated![9]).toBe(0);
    expect(r.series.isolated![10]).toBeCloseTo(1000 * 0.1 ** 2, 9);
    expect(r.series.searching![10]).toBeCloseTo(1000 * (1 - 0.9 ** 2 - 0.1 ** 2), 9);
    expect(r.series.healthy![10]).toBeCloseTo(1000 * 0.9 ** 2, 9);
    // Nothing moves between the cut and the rollback; then every isolated volume searches.
    expect(r.series.searching![19]).toBe(r.series.searching![10]);
    expect(r.series.isolated![20]).toBe(0);
    expect(r.series.searching![20]).toBeCloseTo(190, 9);
  });

  it('with three replicas, a volume is cut off only when all three are', () => {
    const r = runComposition(model(0, 3), { actions: [[1, 'partition.cut']], minutes: 2 });
    expect(r.series.isolated![1]).toBeCloseTo(1000 * 0.1 ** 3, 9);
    expect(r.series.searching![1]).toBeCloseTo(1000 * (1 - 0.9 ** 3 - 0.1 ** 3), 9);
  });

  it('reconnects `reconnectPrevious` of the isolated and searching volumes at the rollback', () => {
    const r = runComposition(model(50), { actions: [[1, 'partition.cut'], [2, 'partition.rollback']], minutes: 3 });
    // 10 isolated → 5 back, 5 searching; 180 searching → 90 back.
    expect(r.series.healthy![2]).toBeCloseTo(810 + 5 + 90, 9);
    expect(r.series.searching![2]).toBeCloseTo(95, 9);
    expect(r.series.isolated![2]).toBe(0);
  });

  it('cuts nothing when no node is cut off, everything when all are', () => {
    expect(runComposition(model(0), { params: { isolated: 0 }, actions: [[1, 'partition.cut']], minutes: 2 }).series.healthy![1]).toBe(1000);
    const all = runComposition(model(0), { params: { isolated: 100 }, actions: [[1, 'partition.cut']], minutes: 2 });
    expect(all.series.isolated![1]).toBe(1000);
    expect(all.series.healthy![1]).toBe(0);
  });
});
