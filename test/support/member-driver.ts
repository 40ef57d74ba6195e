// A component for tests only: moves members between two stocks when the timeline says so, so a
// component that reads a count of members (member-failover, alarm) can be driven by hand.
import type { ComponentType } from '../../src/model/compose/component.js';
import { numberArg } from '../../src/model/compose/component.js';

export const memberDriver: ComponentType<null> = {
  type: 'member-driver',
  description: 'Moves members between `up` and `down` on the timeline’s `fail` and `recover` actions (tests only).',
  parameters: { members: { unit: 'servers', description: 'members, all up at the start', min: 0 } },
  stocks: {
    up: { unit: 'servers', access: 'write', description: 'members up' },
    down: { unit: 'servers', access: 'write', description: 'members down' },
    pool: { unit: 'servers', access: 'write', optional: true, role: 'source', description: 'where the members come from' },
  },
  flows: { moved: { unit: 'servers', description: 'members moved' } },
  actions: {
    fail: { description: 'take members down', args: { n: { description: 'members', required: true, min: 0 } } },
    recover: { description: 'bring members up', args: { n: { description: 'members', required: true, min: 0 } } },
  },
  init(api) {
    api.move(api.port.pool!, api.port.up!, api.p.members!, api.flow.moved!);
    return null;
  },
  apply(_s, action, args, api) {
    const n = numberArg(args, 'n') ?? 0;
    if (action === 'fail') api.move(api.port.up!, api.port.down!, n, api.flow.moved!);
    else api.move(api.port.down!, api.port.up!, n, api.flow.moved!);
  },
  step() {},
};
