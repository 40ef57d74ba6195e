// remirror-storm: an EBS cluster whose volumes all need a new replica at once, after the
// April 2011 us-east-1 event (aws.amazon.com/message/65648). Every number is a parameter of the
// incident file; none is hidden here.
//
// A composition of library components (each mechanism, its equations and the sentence of the
// AWS summary it comes from are in the component's file):
//   partition        replica-partition   the traffic shift cuts nodes off; volumes with a connected copy search
//   crashes          node-crashes        the race condition crashes nodes under the search load
//   search           replica-search      searching volumes take the free replica space there is;
//                                        space released while searching; new capacity at a rate
//   snapshotRestores restore-at-rate     volumes with no live copy restored from snapshots
//   forensicRestores restore-at-rate     and by forensics (the unrecoverable ones stay in `lost`)
//   controlPlane     zone-control-plane  the regional thread pool: CreateVolume calls held until their
//                                        timeout, negotiations of crash-origin volumes, elections
//
// Volumes are counted in eight stocks and only move between them, so the engine's conservation
// check covers them (as it covers the replica space and the nodes):
//   healthy         replicated, usable
//   isolated        every replica cut off by the partition
//   searchingStorm  needs a new replica after the partition, looking for free space
//   searchingCrash  needs a new replica because a node holding one crashed
//   waiting         re-mirrored, but its instance waits for the control plane to elect a copy
//   noCopySnapshot  last live copy was on a crashed node; a snapshot exists
//   noCopyForensic  last live copy was on a crashed node; no snapshot, recoverable by forensics
//   lost            last live copy was on a crashed node; not recoverable
// Everything but `healthy` is "stuck" from the instance's point of view.
//
// Step order (the list of components): crashes first, from the state the step starts from;
// then the search; then the restores; the control plane last, electing and admitting calls with
// the allocation of the state the step started from and recomputing it for the series.
import type { Composition } from '../compose/composition.js';
import { compileComposition } from '../compose/compile-composition.js';
import { componentTypes } from '../compose/component-types.js';

const volumes = { unit: 'volumes' } as const;

export const remirrorStormComposition: Composition = {
  id: 'remirror-storm',
  description:
    'An EBS cluster after a network partition: every cut-off volume needs a new replica at once, free space runs out, ' +
    'volumes that find none stay stuck and keep searching, a race condition crashes nodes under the search load, and ' +
    'the regional control plane is starved by calls to the degraded zone.',
  parameters: {
    volumes: { unit: 'volumes', description: 'Volumes in the degraded cluster.', min: 0, max: 1e9 },
    nodes: { unit: 'nodes', description: 'Storage nodes in the degraded cluster.', min: 0, max: 1e6 },
    replicasPerVolume: { unit: 'replicas', description: 'Replicas each volume keeps.', min: 1, max: 16 },
    isolatedNodes: { unit: 'percent', description: 'Nodes the partition cuts off, % of the cluster.', min: 0, max: 100 },
    spareCapacity: { unit: 'percent', description: 'Free replica space at the start, in % of the volumes.', min: 0, max: 1000 },
    reconnectPrevious: {
      unit: 'percent',
      description: 'Cut-off volumes that reconnect to their previous replica when the network returns instead of searching, %.',
      min: 0, max: 100,
    },
    searchAttemptsPerMin: { unit: 'attempts/minute', description: 'Connection attempts a searching volume makes per minute.', min: 0, max: 1e9 },
    raceCrashesPerBillionAttempts: { unit: 'crashes per 1e9 attempts', description: 'Race-condition crash probability per attempt, ×1e9.', min: 0, max: 1e9 },
    lastCopyShare: { unit: 'percent', description: 'Share of a crashed node’s replicas that were the last live copy of a searching volume.', min: 0, max: 100 },
    spaceReleasedPerHour: { unit: 'percent/hour', description: 'Replica space freed while the storm’s search runs, % of the volumes per hour.', min: 0, max: 1e6 },
    electionNeeded: { unit: 'percent', description: 'Re-mirrored volumes whose instance needs the control plane to elect a writable copy.', min: 0, max: 100 },
    throttledReleasePerHour: { unit: '1/hour', description: 'Share of waiting volumes elected per hour through the coarse throttles.', min: 0, max: 1e6 },
    dedicatedReleasePerHour: { unit: '1/hour', description: 'Share of waiting volumes elected per hour through the dedicated control plane.', min: 0, max: 1e6 },
    newCapacityPerHour: { unit: 'percent/hour', description: 'New replica space installed per hour, % of the volumes.', min: 0, max: 1e6 },
    controlPlaneThreads: { unit: 'threads', description: 'Threads of the regional control-plane pool.', min: 1, max: 1e7 },
    otherZonesThreads: { unit: 'threads', description: 'Threads the healthy zones’ API requests need.', min: 0, max: 1e7 },
    createVolumeCallsPerMin: { unit: 'calls/minute', description: 'CreateVolume calls to the degraded zone per minute.', min: 0, max: 1e9 },
    createVolumeTimeout: { unit: 'minutes', description: 'How long a hanging CreateVolume call holds its thread (at most, with a spread).', min: 0, max: 1e6 },
    // The exact timeout unless the file spreads it: the default is the old structure, not a calibration.
    createVolumeTimeoutSpread: {
      unit: 'percent',
      description: 'Share of the timeout below it over which hanging CreateVolume calls give up (hold times uniform over it; 0: all exactly the timeout).',
      default: 0,
      min: 0,
      max: 100,
    },
    negotiationRetriesPerMin: { unit: 'attempts/minute', description: 'Negotiation attempts per minute of a volume whose replica holder crashed.', min: 0, max: 1e9 },
    negotiationThreadMinutes: { unit: 'minutes', description: 'Thread time one negotiation attempt takes.', min: 0, max: 1e6 },
    degradedZoneShare: { unit: 'percent', description: 'Most of the pool one zone may hold (100: no zone awareness).', min: 0, max: 100 },
    snapshotShare: { unit: 'percent', description: 'Volumes left with no live copy that had a snapshot.', min: 0, max: 100 },
    unrecoverableShare: { unit: 'percent', description: 'Volumes with no copy and no snapshot that forensics cannot restore.', min: 0, max: 100 },
    snapshotRestorePerHour: { unit: 'percent/hour', description: 'Snapshot restores per hour, % of the volumes.', min: 0, max: 1e6 },
    forensicRestorePerHour: { unit: 'percent/hour', description: 'Forensic restores per hour, % of the volumes.', min: 0, max: 1e6 },
    volumesPerRdsInstance: { unit: 'volumes', description: 'EBS volumes a single-AZ RDS instance uses.', min: 0, max: 1e9 },
  },

  stocks: {
    healthy: { ...volumes, description: 'replicated, usable', initial: 'max(0, volumes)' },
    isolated: { ...volumes, description: 'every replica cut off by the partition' },
    searchingStorm: { ...volumes, description: 'needs a new replica after the partition, looking for free space' },
    searchingCrash: { ...volumes, description: 'needs a new replica because a node holding one crashed' },
    waiting: { ...volumes, description: 're-mirrored, waiting for the control plane to elect a writable copy' },
    noCopySnapshot: { ...volumes, description: 'last live copy on a crashed node; a snapshot exists' },
    noCopyForensic: { ...volumes, description: 'last live copy on a crashed node; no snapshot, recoverable by forensics' },
    lost: { ...volumes, description: 'last live copy on a crashed node; not recoverable' },
    freeSpace: { unit: 'replicas', description: 'free replica space', initial: 'max(0, volumes) * spareCapacity / 100' },
    usedSpace: { unit: 'replicas', description: 'replica space in use', initial: 'max(0, volumes) * max(0, replicasPerVolume)' },
    liveNodes: { unit: 'nodes', description: 'storage nodes in service', initial: 'max(0, round(nodes))' },
    crashedNodes: { unit: 'nodes', description: 'nodes lost to the race condition (not reused until their replicas are re-mirrored)' },
  },
  components: {
    partition: {
      type: 'replica-partition',
      parameters: { volumes: 'volumes', isolatedNodes: 'isolatedNodes', replicasPerVolume: 'replicasPerVolume', reconnectPrevious: 'reconnectPrevious' },
      stocks: { healthy: 'healthy', isolated: 'isolated', searching: 'searchingStorm' },
    },
    crashes: {
      type: 'node-crashes',
      parameters: {
        attemptsPerMin: 'searchAttemptsPerMin',
        crashesPerBillionAttempts: 'raceCrashesPerBillionAttempts',
        // Replicas each node held at the start: every replica of every volume, over the nodes.
        replicasPerNode: 'max(0, volumes) * max(0, replicasPerVolume) / max(0, round(nodes))',
        lastCopyShare: 'lastCopyShare',
        snapshotShare: 'snapshotShare',
        unrecoverableShare: 'unrecoverableShare',
      },
      stocks: {
        liveNodes: 'liveNodes',
        crashedNodes: 'crashedNodes',
        searching: 'searchingStorm',
        searchingAlso: 'searchingCrash',
        crashSearching: 'searchingCrash',
        healthy: 'healthy',
        noCopySnapshot: 'noCopySnapshot',
        noCopyForensic: 'noCopyForensic',
        lost: 'lost',
        freeSpace: 'freeSpace',
        usedSpace: 'usedSpace',
      },
    },
    search: {
      type: 'replica-search',
      parameters: {
        volumes: 'volumes',
        spareCapacity: 'spareCapacity',
        spaceReleasedPerHour: 'spaceReleasedPerHour',
        newCapacityPerHour: 'newCapacityPerHour',
        electionNeeded: 'electionNeeded',
      },
      stocks: { searching: 'searchingStorm', searchingAlso: 'searchingCrash', healthy: 'healthy', waiting: 'waiting', freeSpace: 'freeSpace', usedSpace: 'usedSpace' },
    },
    snapshotRestores: {
      type: 'restore-at-rate',
      parameters: { base: 'volumes', percentPerHour: 'snapshotRestorePerHour' },
      stocks: { from: 'noCopySnapshot', to: 'healthy' },
    },
    forensicRestores: {
      type: 'restore-at-rate',
      parameters: { base: 'volumes', percentPerHour: 'forensicRestorePerHour' },
      stocks: { from: 'noCopyForensic', to: 'healthy' },
    },
    controlPlane: {
      type: 'zone-control-plane',
      parameters: {
        threads: 'controlPlaneThreads',
        otherZonesThreads: 'otherZonesThreads',
        callsPerMin: 'createVolumeCallsPerMin',
        callTimeout: 'createVolumeTimeout',
        callTimeoutSpread: 'createVolumeTimeoutSpread',
        negotiationRetriesPerMin: 'negotiationRetriesPerMin',
        negotiationThreadMinutes: 'negotiationThreadMinutes',
        degradedZoneShare: 'degradedZoneShare',
        throttledReleasePerHour: 'throttledReleasePerHour',
        dedicatedReleasePerHour: 'dedicatedReleasePerHour',
      },
      stocks: {
        searching: 'searchingStorm',
        searchingAlso: 'searchingCrash',
        crashSearching: 'searchingCrash',
        noCopySnapshot: 'noCopySnapshot',
        noCopyForensic: 'noCopyForensic',
        lost: 'lost',
        freeSpace: 'freeSpace',
        waiting: 'waiting',
        healthy: 'healthy',
      },
    },
  },
  series: {
    stuck: {
      expr: '100 * (isolated + (searchingStorm + searchingCrash) + waiting + (noCopySnapshot + noCopyForensic + lost)) / volumes',
      title: 'Stuck volumes',
      unit: 'percent',
      description: 'Volumes of the zone whose instance cannot do I/O (instance view), % of the zone’s volumes.',
      threshold: 1,
      recoveryLevel: 1,
    },
    notRemirrored: {
      expr: '100 * (isolated + (searchingStorm + searchingCrash) + waiting + (noCopySnapshot + noCopyForensic + lost) - waiting) / volumes',
      title: 'Volumes not yet re-mirrored',
      unit: 'percent',
      description: 'Volumes without a full set of replicas (stuck volumes minus those re-mirrored and waiting for the control plane).',
      threshold: 1,
    },
    crashStuck: {
      expr: '100 * crashes.madeStuck / volumes',
      title: 'Volumes made stuck by node crashes (cumulative)',
      unit: 'percent',
      description: 'Healthy volumes that became stuck because a node holding a replica crashed, cumulative, % of the zone’s volumes.',
    },
    apiErrors: {
      expr: 'if(otherZonesThreads > 0, 100 * (1 - controlPlane.otherServed / otherZonesThreads), 0)',
      title: 'Region-wide EBS API errors',
      unit: 'percent',
      description: 'Requests of the other zones the regional control plane fails for want of a thread.',
      impact: true,
      threshold: 1,
      recoveryLevel: 1,
    },
    controlPlaneLoad: {
      expr: '100 * (controlPlane.held + (otherZonesThreads + controlPlane.degradedAsked)) / controlPlaneThreads',
      title: 'Control-plane load',
      unit: 'percent',
      description: 'Threads held and asked for, % of the regional pool (above 100: requests fail).',
      threshold: 100,
    },
    freeCapacity: {
      expr: '100 * freeSpace / volumes',
      title: 'Free replica space',
      unit: 'percent',
      description: 'Free replica space in the degraded cluster, in % of the zone’s volumes.',
      worse: 'lower',
    },
    crashedNodes: {
      expr: 'crashedNodes',
      title: 'Crashed nodes',
      unit: 'nodes',
      description: 'Nodes lost to the race condition (not reused until their replicas are re-mirrored).',
    },
    // From volumes to the instances that use them: an instance that needs all of its k volumes is
    // stuck when any one of them is. If volumes are stuck independently with probability s, the
    // instance is stuck with probability 1 − (1 − s)^k. The April 2011 summary explains the RDS
    // figures this way: "a 'stuck' I/O on any volume for a single-AZ database instance can make it
    // inoperable". Independence is an assumption: volumes of one instance placed on the same nodes
    // would be stuck together, and the instance figure would be closer to the volume figure.
    rdsStuck: {
      expr: '100 * (1 - (1 - clamp(100 * (isolated + (searchingStorm + searchingCrash) + waiting + (noCopySnapshot + noCopyForensic + lost)) / volumes / 100, 0, 1)) ^ max(0, volumesPerRdsInstance))',
      title: 'Stuck single-AZ RDS instances',
      unit: 'percent',
      description: 'Single-AZ RDS instances with at least one stuck volume, assuming volumes are stuck independently.',
      impact: true,
      threshold: 5,
      recoveryLevel: 5,
    },
  },
  primarySeries: 'stuck',
  // The storm: free replica space runs out, so searching nodes keep asking the control plane,
  // whose thread pool fills (load past 100%) and fails requests for the whole region.
  mechanism: {
    title: 'Free replica space and control-plane load',
    description:
      'Searching nodes use up the free replica space; with none left they keep negotiating with the control plane, whose threads are held past 100% of the pool, and requests of every zone fail.',
    series: ['freeCapacity'],
    right: ['controlPlaneLoad'],
  },
  // Within the minute of an action the cluster settles: what re-mirrors at once does, and the
  // control plane elects what it can, so the series show the action's effect at its own minute.
  actions: {
    partition: {
      description: 'The traffic shift cuts `isolatedNodes` % of the nodes off both networks.',
      targets: ['partition.cut', 'search.remirror', 'controlPlane.settle'],
    },
    'rollback-partition': {
      description: 'The network returns: cut-off volumes reconnect or search for space.',
      targets: ['partition.rollback', 'search.remirror', 'controlPlane.settle'],
    },
    'disable-create-volume': { description: 'New CreateVolume calls to the degraded zone are refused at once.', targets: ['controlPlane.disable-calls'] },
    'enable-create-volume': { description: 'CreateVolume calls to the degraded zone are accepted again.', targets: ['controlPlane.enable-calls'] },
    'disable-control-plane-link': { description: 'No communication between the degraded cluster and the control plane.', targets: ['controlPlane.disconnect'] },
    'throttle-control-plane-link': {
      description: 'State changes propagate through coarse throttles (`throttledReleasePerHour`).',
      targets: ['controlPlane.throttle'],
    },
    'open-dedicated-control-plane': {
      description: 'A control plane partitioned to the zone works the backlog (`dedicatedReleasePerHour`).',
      targets: ['controlPlane.dedicated'],
    },
    'enable-control-plane-link': {
      description: 'Full access to the regional control plane again.',
      targets: ['controlPlane.connect', 'search.remirror', 'controlPlane.settle'],
    },
    'stop-futile-search': {
      description: 'Nodes stop contacting other nodes for space: no more search attempts, no re-mirroring.',
      targets: ['search.stop', 'crashes.stop'],
    },
    'add-capacity': {
      description:
        'New servers are installed (`newCapacityPerHour`) until the backlog and the buffer fit, and re-mirroring resumes through throttled negotiation.',
      targets: ['search.add-capacity', 'crashes.stop'],
    },
    'start-snapshot-restores': {
      description: 'Volumes with no live copy are restored from snapshots (`snapshotRestorePerHour`).',
      targets: ['snapshotRestores.start'],
    },
    'start-forensic-restores': {
      description: 'Volumes with no copy and no snapshot are restored by forensics (`forensicRestorePerHour`).',
      targets: ['forensicRestores.start'],
    },
  },
};

export const remirrorStorm = compileComposition(remirrorStormComposition, componentTypes);
