// A tiny model kind for tests, so the kind-dependent checks (actions, series, parameters) are
// tested against a kind that does not change while the real kinds are being written.
import { registerKind } from '../../src/model/registry.js';
import type { ModelKind } from '../../src/model/types.js';

export const testQueue: ModelKind<{ backlog: number }> = {
  id: 'test-queue',
  description: 'A queue drained by workers (test kind).',
  parameters: {
    workers: { unit: 'count', description: 'workers draining the queue' },
    arrivalShare: { unit: 'percent', description: 'arrivals as a share of full capacity' },
  },
  series: {
    backlog: { title: 'Backlog', unit: 'percent', description: 'queue fill' },
    served: { title: 'Served', unit: 'count', description: 'messages served per minute' },
  },
  primarySeries: 'backlog',
  actions: {
    drain: { description: 'drain the backlog faster', args: { rate: { description: 'speed-up factor', required: true } } },
    pause: { description: 'stop arrivals' },
  },
  init: () => ({ backlog: 0 }),
  apply: () => {},
  step: (s, ctx) => {
    s.backlog = Math.max(0, s.backlog + ctx.params.arrivalShare! - ctx.params.workers!);
  },
  observe: (s, _ctx, out) => {
    out.backlog = s.backlog;
    out.served = 0;
  },
};

registerKind(testQueue);
