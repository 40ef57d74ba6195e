// replica-partition: a network partition of a replicated store, counted in volumes. During the
// partition a volume with every replica on a cut-off node is isolated; a volume with some but
// not all replicas cut off still has a connected copy, whose node "assumes the other node
// failed" and searches for space for a new replica. When the network returns, a share of them
// reconnects to the previous replica; the rest search.
//
// From the April 2011 EBS summary (aws.amazon.com/message/65648): "many EBS nodes in the
// affected Availability Zone were completely isolated from other EBS nodes in its cluster",
// and "when the incorrect traffic shift was rolled back and network connectivity was restored,
// these nodes rapidly began searching the EBS cluster for available server space where they
// could re-mirror data." The remediation ("focus on re-establishing connectivity with previous
// replicas rather than futilely searching for new nodes") is `reconnectPrevious`.
import type { ComponentType } from '../compose/component.js';

export const replicaPartition: ComponentType<null> = {
  type: 'replica-partition',
  description:
    'A network partition of a replicated store: volumes with every replica cut off are isolated, volumes with some cut off search for a new replica; on rollback a share reconnects to the previous replica.',
  equations:
    'cut: f = isolatedNodes/100, r = replicasPerVolume; affected = min(healthy, V·(1 − (1 − f)^r)), isolated += min(affected, V·f^r), searching += the rest. ' +
    'rollback: b = reconnectPrevious/100; isolated·b and searching·b → healthy, isolated·(1 − b) → searching',
  parameters: {
    volumes: { unit: 'volumes', description: 'volumes of the store (the base of the shares)', min: 0 },
    isolatedNodes: { unit: 'percent', description: 'nodes the partition cuts off, % of the nodes', min: 0, max: 100 },
    replicasPerVolume: { unit: 'replicas', description: 'replicas each volume keeps, placed independently', default: 2, min: 1 },
    reconnectPrevious: {
      unit: 'percent',
      description: 'cut-off and searching volumes that reconnect to their previous replica when the network returns, %',
      default: 0,
      min: 0,
      max: 100,
    },
  },
  stocks: {
    healthy: { unit: 'volumes', access: 'write', description: 'volumes with every replica connected' },
    isolated: { unit: 'volumes', access: 'write', description: 'volumes with every replica cut off' },
    searching: { unit: 'volumes', access: 'write', description: 'volumes searching for space for a new replica' },
  },
  flows: {
    isolated: { unit: 'volumes', description: 'volumes cut off entirely by the partition' },
    lostReplica: { unit: 'volumes', description: 'volumes that lost a replica and started searching' },
    reconnected: { unit: 'volumes', description: 'volumes that reconnected to their previous replica' },
  },
  actions: {
    cut: { description: 'the partition cuts `isolatedNodes` % of the nodes off' },
    rollback: { description: 'the network returns: cut-off volumes reconnect (`reconnectPrevious`) or search' },
  },

  init() {
    return null;
  },

  step() {
    // Nothing moves between the partition and its rollback: the mechanism is in the actions.
  },

  apply(_s, action, _args, api) {
    const v = api.values;
    const port = api.port;
    const healthy = port.healthy!;
    const isolated = port.isolated!;
    const searching = port.searching!;
    if (action === 'cut') {
      // With replicas placed independently, a volume is affected when any replica is on a
      // cut-off node, and cut off entirely when all are.
      const total = Math.max(0, api.p.volumes!);
      const f = Math.min(1, Math.max(0, api.p.isolatedNodes! / 100));
      const r = Math.max(1, api.p.replicasPerVolume!);
      const affected = Math.min(v[healthy]!, total * (1 - Math.pow(1 - f, r)));
      const cutOff = Math.min(affected, total * Math.pow(f, r));
      api.move(healthy, isolated, cutOff, api.flow.isolated!);
      api.move(healthy, searching, affected - cutOff, api.flow.lostReplica!);
    } else if (action === 'rollback') {
      const back = api.p.reconnectPrevious! / 100;
      const reconnectIsolated = v[isolated]! * back;
      const reconnectSearching = v[searching]! * back;
      api.move(isolated, healthy, reconnectIsolated, api.flow.reconnected!);
      api.move(searching, healthy, reconnectSearching, api.flow.reconnected!);
      api.move(isolated, searching, v[isolated]!, api.flow.lostReplica!);
    }
  },
};
