// node-crashes: storage nodes that crash under the load of a search, each crash taking its
// replicas and its space with it. A per-attempt crash probability makes the expected crashes
// per minute grow with the search attempts; in Monte Carlo runs whole nodes crash, each live
// node independently.
//
// From the April 2011 EBS summary (aws.amazon.com/message/65648):
// - "There was also a race condition in the code on the EBS nodes that, with a very low
//   probability, caused them to fail when they were concurrently closing a large number of
//   requests for replication ... during this re-mirroring storm, the volume of connection
//   attempts was extremely high, so it began triggering this issue more frequently."
// - "Nodes began to fail as a result of the bug, resulting in more volumes left needing to
//   re-mirror." A crashed node's replicas of healthy volumes leave those volumes searching;
//   its replicas that were the last live copy of a volume already searching leave that volume
//   with no copy to re-mirror from ("the remaining volumes which had suffered machine
//   failure"): restorable from a snapshot, by forensics, or lost.
// - "When a node fails, the EBS cluster does not reuse the failed node until every data
//   replica is successfully re-mirrored": its free and used space leave the pool with it.
import type { ComponentType, StepApi } from '../compose/component.js';
import { takeInProportion } from './replica-search.js';

interface State {
  /** The search stopped (or became throttled negotiation): no more attempts, no crashes. */
  stopped: boolean;
}

function crash(api: StepApi, nodes: number): void {
  if (nodes <= 0) return;
  const v = api.values;
  const port = api.port;
  const flow = api.flow;
  const p = api.p;
  const share = nodes / v[port.liveNodes!]!;
  api.move(port.freeSpace!, port.spaceLost!, v[port.freeSpace!]! * share, flow.spaceLost!);
  api.move(port.usedSpace!, port.spaceLost!, v[port.usedSpace!]! * share, flow.spaceLost!);
  api.move(port.liveNodes!, port.crashedNodes!, nodes, flow.crashed!);
  const replicas = nodes * p.replicasPerNode!;
  const lastCopyShare = p.lastCopyShare! / 100;
  const searching = v[port.searching!]! + v[port.searchingAlso!]!;
  const lastCopies = Math.min(searching, replicas * lastCopyShare);
  takeInProportion(
    api,
    port.searching!,
    port.searchingAlso!,
    lastCopies,
    flow.lastCopyLost!,
    port.noCopySnapshot!,
    p.snapshotShare! / 100,
    port.lost!,
    p.unrecoverableShare! / 100,
    port.noCopyForensic!,
  );
  const newlyStuck = Math.min(v[port.healthy!]!, replicas * (1 - lastCopyShare));
  api.move(port.healthy!, port.crashSearching!, newlyStuck, flow.stuckByCrash!);
  api.move(port.madeStuckFrom!, port.madeStuck!, newlyStuck, flow.tally!);
}

export const nodeCrashes: ComponentType<State> = {
  type: 'node-crashes',
  description:
    'Storage nodes crash under the search load (a tiny crash probability per connection attempt); each crash takes its space, leaves the healthy volumes it held a replica of searching, and the searching volumes it held the last copy of with no copy.',
  equations:
    'expected crashes per step = (searching + searchingAlso)·attemptsPerMin·dt·crashesPerBillionAttempts·1e−9 (Monte Carlo: Binomial(liveNodes, expected/liveNodes)); ' +
    'per crashed node: its share of free and used space → spaceLost; R = replicasPerNode; min(searching, R·lastCopyShare) → noCopySnapshot (snapshotShare), lost (unrecoverableShare of the rest), noCopyForensic; ' +
    'min(healthy, R·(1 − lastCopyShare)) → crashSearching',
  parameters: {
    attemptsPerMin: { unit: 'attempts/minute', description: 'connection attempts a searching volume makes per minute', min: 0 },
    crashesPerBillionAttempts: { unit: 'crashes per 1e9 attempts', description: 'crash probability per attempt, ×1e9', min: 0 },
    replicasPerNode: { unit: 'replicas', description: 'replicas a node holds', min: 0 },
    lastCopyShare: { unit: 'percent', description: 'share of a crashed node’s replicas that were the last live copy of a searching volume', min: 0, max: 100 },
    snapshotShare: { unit: 'percent', description: 'volumes left with no live copy that have a snapshot', default: 0, min: 0, max: 100 },
    unrecoverableShare: { unit: 'percent', description: 'volumes with no copy and no snapshot that forensics cannot restore', default: 0, min: 0, max: 100 },
  },
  stocks: {
    liveNodes: { unit: 'nodes', access: 'write', description: 'nodes in service' },
    crashedNodes: { unit: 'nodes', access: 'write', description: 'nodes lost to crashes (not reused)' },
    searching: { unit: 'volumes', access: 'write', description: 'volumes searching, whose attempts can crash nodes' },
    searchingAlso: { unit: 'volumes', access: 'write', optional: true, description: 'more searching volumes (another origin)' },
    crashSearching: { unit: 'volumes', access: 'write', description: 'where healthy volumes that lost a replica to a crash go to search' },
    healthy: { unit: 'volumes', access: 'write', description: 'healthy volumes' },
    noCopySnapshot: { unit: 'volumes', access: 'write', description: 'volumes with no live copy and a snapshot' },
    noCopyForensic: { unit: 'volumes', access: 'write', description: 'volumes with no live copy and no snapshot, recoverable by forensics' },
    lost: { unit: 'volumes', access: 'write', description: 'volumes with no live copy that cannot be recovered' },
    freeSpace: { unit: 'replicas', access: 'write', description: 'free replica space' },
    usedSpace: { unit: 'replicas', access: 'write', description: 'replica space in use' },
    spaceLost: { unit: 'replicas', access: 'write', optional: true, role: 'sink', description: 'space of crashed nodes' },
    madeStuck: { unit: 'volumes made stuck', access: 'write', optional: true, description: 'healthy volumes made stuck by crashes, cumulative' },
    madeStuckFrom: { unit: 'volumes made stuck', access: 'write', optional: true, role: 'source', description: 'counter source of madeStuck' },
  },
  flows: {
    crashed: { unit: 'nodes', description: 'nodes crashed' },
    spaceLost: { unit: 'replicas', description: 'space lost with crashed nodes' },
    lastCopyLost: { unit: 'volumes', description: 'searching volumes left with no live copy' },
    stuckByCrash: { unit: 'volumes', description: 'healthy volumes made stuck by a crash' },
    tally: { unit: 'volumes made stuck', description: 'the same, added to the cumulative count' },
  },
  actions: {
    stop: { description: 'the search stops (or is throttled): no more attempts, no more crashes' },
  },

  init() {
    return { stopped: false };
  },

  apply(s, action) {
    if (action === 'stop') s.stopped = true;
  },

  step(s, api) {
    const v = api.values;
    const port = api.port;
    const live = v[port.liveNodes!]!;
    if (s.stopped || live <= 0) return;
    const attempts = (v[port.searching!]! + v[port.searchingAlso!]!) * api.p.attemptsPerMin! * api.dt;
    const expected = attempts * api.p.crashesPerBillionAttempts! * 1e-9;
    if (expected <= 0) return;
    // Whole nodes crash in Monte Carlo runs: each live node independently, with the per-node probability.
    const nodes = api.random ? api.random.binomial('crash', live, Math.min(1, expected / live)) : Math.min(live, expected);
    crash(api, nodes);
  },
};
