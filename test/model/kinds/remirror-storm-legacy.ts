// remirror-storm: an EBS cluster whose volumes all need a new replica at once, after the
// April 2011 us-east-1 event (aws.amazon.com/message/65648). Each mechanism below sits next to
// the sentence of the AWS summary it comes from. Every number is a parameter of the incident
// file; none is hidden here.
//
// Volumes are counted in explicit states and only move between them, so the total is conserved
// at every step (see `invariants`):
//   healthy         replicated, usable
//   isolated        every replica cut off by the partition
//   searchingStorm  needs a new replica after the partition, looking for free space
//   searchingCrash  needs a new replica because a node holding one crashed
//   waiting         re-mirrored, but its instance waits for the control plane to elect a copy
//   noCopySnapshot  last live copy was on a crashed node; a snapshot exists
//   noCopyForensic  last live copy was on a crashed node; no snapshot, recoverable by forensics
//   lost            last live copy was on a crashed node; not recoverable
// Everything but `healthy` is "stuck" from the instance's point of view.
import type { ModelKind, StepContext } from '../../../src/model/types.js';
import { ReplayError } from '../../../src/model/engine.js';
import {
  addCapacity,
  createCapacityPool,
  drawFromPool,
  freeCapacity,
  releaseToPool,
  removeCapacity,
  type CapacityPool,
} from '../../../src/model/components/capacity-pool.js';
import {
  admitHeldCalls,
  createCallsHeldUntilTimeout,
  type CallsHeldUntilTimeout,
} from '../../../src/model/components/calls-held-until-timeout.js';
import { sharedPoolAllocation, type SharedPoolAllocation } from '../../../src/model/components/shared-pool-allocation.js';
import { instanceStuckPercent } from '../../../src/model/components/instance-stuck-percent.js';

export interface RemirrorStormVolumes {
  healthy: number;
  isolated: number;
  searchingStorm: number;
  searchingCrash: number;
  waiting: number;
  noCopySnapshot: number;
  noCopyForensic: number;
  lost: number;
}

export const volumeStates = [
  'healthy',
  'isolated',
  'searchingStorm',
  'searchingCrash',
  'waiting',
  'noCopySnapshot',
  'noCopyForensic',
  'lost',
] as const satisfies readonly (keyof RemirrorStormVolumes)[];

/** How nodes look for space: `free` node-to-node search (normal, and the storm), `stopped`, or `throttled` negotiation with new servers. */
export type SearchMode = 'free' | 'stopped' | 'throttled';
/** How the degraded cluster reaches the regional control plane. */
export type LinkMode = 'full' | 'off' | 'throttled' | 'dedicated';

export interface RemirrorStormState {
  /** Total volumes at the start: the conserved quantity. */
  total: number;
  volumes: RemirrorStormVolumes;
  /** Free replica space, in volumes' worth of replicas. */
  space: CapacityPool;
  liveNodes: number;
  crashedNodes: number;
  /** Replicas each node held at the start. */
  replicasPerNode: number;
  /** Volumes made newly stuck by race-condition crashes, cumulative. */
  crashStuckTotal: number;
  searchMode: SearchMode;
  link: LinkMode;
  createVolumeEnabled: boolean;
  addingCapacity: boolean;
  snapshotRestores: boolean;
  forensicRestores: boolean;
  /** CreateVolume calls to the degraded zone holding control-plane threads until their timeout. */
  hanging: CallsHeldUntilTimeout;
  /** Bumped by every action and step: `observe` and the next `step` share one control-plane computation. */
  revision: number;
  controlPlaneCache: { revision: number; t: number; value: ControlPlaneNow } | null;
}

const p = (ctx: StepContext, name: string): number => ctx.params[name]!;

const searching = (v: RemirrorStormVolumes): number => v.searchingStorm + v.searchingCrash;
const noCopy = (v: RemirrorStormVolumes): number => v.noCopySnapshot + v.noCopyForensic + v.lost;
const stuck = (v: RemirrorStormVolumes): number => v.isolated + searching(v) + v.waiting + noCopy(v);

/** Volumes that lost a replica holder to a crash and are not re-mirrored or restored: their negotiations retry. */
const crashOrigin = (v: RemirrorStormVolumes): number => v.searchingCrash + noCopy(v);

interface ControlPlaneNow {
  allocation: SharedPoolAllocation;
  /** New CreateVolume calls this step that will hang until their timeout. */
  hangingCalls: number;
  /** Threads the degraded zone's re-mirror negotiations ask for this step. */
  negotiationThreads: number;
}

/**
 * The regional control plane at this step, from the state: used both to observe and to step,
 * so the series show an action's effect at the action's own minute. Computed once per state
 * revision and minute (observe and the step after it see the same state).
 */
function controlPlaneNow(s: RemirrorStormState, ctx: StepContext): ControlPlaneNow {
  const cache = s.controlPlaneCache;
  if (cache && cache.revision === s.revision && cache.t === ctx.t) return cache.value;
  const value = computeControlPlane(s, ctx);
  s.controlPlaneCache = { revision: s.revision, t: ctx.t, value };
  return value;
}

function computeControlPlane(s: RemirrorStormState, ctx: StepContext): ControlPlaneNow {
  const v = s.volumes;
  // "When the EBS cluster in the affected Availability Zone entered the re-mirroring storm and
  // exhausted its available capacity, the cluster became unable to service 'create volume' API
  // requests." A new volume competes for free space with the volumes searching for it: the
  // share of calls that hang is the searching volumes' share of (searching + free space).
  const want = searching(v);
  const free = freeCapacity(s.space);
  const hangShare = s.createVolumeEnabled && s.link === 'full' && want > 0 ? want / (want + free) : 0;
  const hangingCalls = p(ctx, 'createVolumeCallsPerMin') * hangShare * ctx.dt;
  // "When data for a volume needs to be re-mirrored, a negotiation must take place between the
  // EC2 instance, the EBS nodes with the volume data, and the EBS control plane ... As more EBS
  // nodes continued to fail because of the race condition described above, the volume of such
  // negotiations with the EBS control plane increased. Because data was not being successfully
  // re-mirrored, the number of these calls increased as the system retried and new requests
  // came in." Each volume whose replica holder crashed retries its negotiation until it is
  // re-mirrored or restored; throttled or dedicated links keep this load off the regional pool.
  // Assumed: the volumes still searching after the partition keep their primary, so their
  // search loads the cluster (see crashesThisStep), not the control plane; the summary ties
  // the growth of the negotiations to the crashes.
  const negotiationThreads =
    s.link === 'full'
      ? crashOrigin(v) * p(ctx, 'negotiationRetriesPerMin') * p(ctx, 'negotiationThreadMinutes')
      : 0;
  const allocation = sharedPoolAllocation({
    threads: p(ctx, 'controlPlaneThreads'),
    heldByDegraded: s.hanging.held,
    otherDemand: p(ctx, 'otherZonesThreads'),
    degradedDemand: hangingCalls + negotiationThreads,
    degradedShare: p(ctx, 'degradedZoneShare') / 100,
  });
  return { allocation, hangingCalls, negotiationThreads };
}

/** Move `amount` out of the searching states, in proportion to their sizes. */
function takeSearching(v: RemirrorStormVolumes, amount: number): void {
  const total = searching(v);
  if (total <= 0 || amount <= 0) return;
  const take = Math.min(amount, total);
  const fromStorm = take * (v.searchingStorm / total);
  v.searchingStorm = Math.max(0, v.searchingStorm - fromStorm);
  v.searchingCrash = Math.max(0, v.searchingCrash - (take - fromStorm));
}

/**
 * Searching volumes take the free space there is. "In a normally functioning cluster, finding a
 * location for the new replica occurs in milliseconds": within a step, re-mirroring is bounded
 * by free space, not by time. A re-mirrored volume whose instance must have a writable copy
 * elected waits for the control plane; the others are usable at once.
 */
function remirror(s: RemirrorStormState, ctx: StepContext): void {
  if (s.searchMode === 'stopped') return;
  const v = s.volumes;
  const done = drawFromPool(s.space, searching(v));
  if (done <= 0) return;
  takeSearching(v, done);
  const needElection = done * (p(ctx, 'electionNeeded') / 100);
  v.waiting += needElection;
  v.healthy += done - needElection;
}

/**
 * Re-mirrored volumes get their writable copy elected by the control plane. "While the restored
 * volumes were fully replicated, not all of them immediately became 'unstuck' from the
 * perspective of the attached EC2 instances because some were blocked waiting for the EBS
 * control plane to be contactable." With the full link an election takes milliseconds when it
 * gets a thread; through throttles the backlog drains at a rate per hour.
 */
function elect(s: RemirrorStormState, ctx: StepContext, servedFraction: number): void {
  const v = s.volumes;
  let share = 0;
  if (s.link === 'full') share = servedFraction;
  else if (s.link === 'throttled') share = 1 - Math.exp((-p(ctx, 'throttledReleasePerHour') / 60) * ctx.dt);
  else if (s.link === 'dedicated') share = 1 - Math.exp((-p(ctx, 'dedicatedReleasePerHour') / 60) * ctx.dt);
  const released = v.waiting * Math.min(1, Math.max(0, share));
  v.waiting -= released;
  v.healthy += released;
}

/** Re-mirror and elect at once, as an action changes the cluster within the minute. */
function settle(s: RemirrorStormState, ctx: StepContext): void {
  remirror(s, ctx);
  elect(s, ctx, controlPlaneNow(s, ctx).allocation.degradedServedFraction);
}

/**
 * "There was also a race condition in the code on the EBS nodes that, with a very low
 * probability, caused them to fail when they were concurrently closing a large number of
 * requests for replication ... during this re-mirroring storm, the volume of connection
 * attempts was extremely high, so it began triggering this issue more frequently." Each
 * connection attempt of a searching volume carries a tiny crash probability, so the expected
 * crashes per minute grow with the attempts.
 */
function crashesThisStep(s: RemirrorStormState, ctx: StepContext): number {
  if (s.searchMode !== 'free' || s.liveNodes <= 0) return 0;
  const attempts = searching(s.volumes) * p(ctx, 'searchAttemptsPerMin') * ctx.dt;
  const expected = attempts * p(ctx, 'raceCrashesPerBillionAttempts') * 1e-9;
  if (expected <= 0) return 0;
  if (ctx.random) {
    // Whole nodes crash: each live node independently, with the per-node probability.
    return ctx.random.binomial('crash', s.liveNodes, Math.min(1, expected / s.liveNodes));
  }
  return Math.min(s.liveNodes, expected);
}

/**
 * "Nodes began to fail as a result of the bug, resulting in more volumes left needing to
 * re-mirror." A crashed node's replicas of healthy volumes leave those volumes searching; its
 * replicas that were the last live copy of a volume already searching leave that volume with
 * no copy to re-mirror from ("the remaining volumes which had suffered machine failure").
 * "When a node fails, the EBS cluster does not reuse the failed node until every data replica
 * is successfully re-mirrored": its free space leaves the pool with it.
 */
function crash(s: RemirrorStormState, ctx: StepContext, nodes: number): void {
  if (nodes <= 0) return;
  const v = s.volumes;
  const share = nodes / s.liveNodes;
  removeCapacity(s.space, s.space.capacity * share);
  releaseToPool(s.space, s.space.used * share);
  s.liveNodes -= nodes;
  s.crashedNodes += nodes;
  const replicas = nodes * s.replicasPerNode;
  const lastCopyShare = p(ctx, 'lastCopyShare') / 100;
  const lastCopies = Math.min(searching(v), replicas * lastCopyShare);
  takeSearching(v, lastCopies);
  const withSnapshot = lastCopies * (p(ctx, 'snapshotShare') / 100);
  const lostForGood = (lastCopies - withSnapshot) * (p(ctx, 'unrecoverableShare') / 100);
  v.noCopySnapshot += withSnapshot;
  v.lost += lostForGood;
  v.noCopyForensic += lastCopies - withSnapshot - lostForGood;
  const newlyStuck = Math.min(v.healthy, replicas * (1 - lastCopyShare));
  v.healthy -= newlyStuck;
  v.searchingCrash += newlyStuck;
  s.crashStuckTotal += newlyStuck;
}

/** Volumes per hour at `percentPerHour` of the zone's volumes, for one step. */
const perStep = (s: RemirrorStormState, ctx: StepContext, percentPerHour: number): number =>
  (s.total * percentPerHour * ctx.dt) / 100 / 60;

function restore(s: RemirrorStormState, ctx: StepContext): void {
  const v = s.volumes;
  // "The team had snapshotted these volumes to S3 backups early in the event ... began
  // processing batches through the night": a steady rate, once API access is back.
  if (s.snapshotRestores) {
    const n = Math.min(v.noCopySnapshot, perStep(s, ctx, p(ctx, 'snapshotRestorePerHour')));
    v.noCopySnapshot -= n;
    v.healthy += n;
  }
  // "The team began forensics on the remaining volumes which had suffered machine failure and
  // for which we had not been able to take a snapshot. At 3:00 PM PDT, the team began restoring
  // these." The unrecoverable ones stay in `lost`.
  if (s.forensicRestores) {
    const n = Math.min(v.noCopyForensic, perStep(s, ctx, p(ctx, 'forensicRestorePerHour')));
    v.noCopyForensic -= n;
    v.healthy += n;
  }
}

const percent = (s: RemirrorStormState, n: number): number => (s.total > 0 ? (100 * n) / s.total : 0);

function applyAction(s: RemirrorStormState, action: string, ctx: StepContext): void {
  const v = s.volumes;
  switch (action) {
    case 'partition': {
      // "Many EBS nodes in the affected Availability Zone were completely isolated from other
      // EBS nodes in its cluster." With replicas placed independently, a volume is affected
      // when any replica is on a cut-off node; when all are, it is cut off entirely. The rest
      // still have a connected copy, whose node "assumes the other node failed" and searches.
      const f = Math.min(1, Math.max(0, p(ctx, 'isolatedNodes') / 100));
      const r = Math.max(1, p(ctx, 'replicasPerVolume'));
      const affected = Math.min(v.healthy, s.total * (1 - Math.pow(1 - f, r)));
      const cutOff = Math.min(affected, s.total * Math.pow(f, r));
      v.healthy -= affected;
      v.isolated += cutOff;
      v.searchingStorm += affected - cutOff;
      settle(s, ctx);
      return;
    }
    case 'rollback-partition': {
      // "When the incorrect traffic shift was rolled back and network connectivity was
      // restored, these nodes rapidly began searching the EBS cluster for available server
      // space where they could re-mirror data." The remediation ("focus on re-establishing
      // connectivity with previous replicas") is `reconnectPrevious`: 0 in April 2011.
      const back = p(ctx, 'reconnectPrevious') / 100;
      const reconnectIsolated = v.isolated * back;
      const reconnectSearching = v.searchingStorm * back;
      v.healthy += reconnectIsolated + reconnectSearching;
      v.searchingStorm += v.isolated - reconnectIsolated - reconnectSearching;
      v.isolated = 0;
      settle(s, ctx);
      return;
    }
    case 'disable-create-volume':
      s.createVolumeEnabled = false;
      return;
    case 'enable-create-volume':
      s.createVolumeEnabled = true;
      return;
    case 'disable-control-plane-link':
      s.link = 'off';
      return;
    case 'throttle-control-plane-link':
      s.link = 'throttled';
      return;
    case 'open-dedicated-control-plane':
      s.link = 'dedicated';
      return;
    case 'enable-control-plane-link':
      s.link = 'full';
      settle(s, ctx);
      return;
    case 'stop-futile-search':
      s.searchMode = 'stopped';
      return;
    case 'add-capacity':
      s.addingCapacity = true;
      s.searchMode = 'throttled';
      return;
    case 'start-snapshot-restores':
      s.snapshotRestores = true;
      return;
    case 'start-forensic-restores':
      s.forensicRestores = true;
      return;
    default:
      throw new ReplayError(`remirror-storm has no action \`${action}\`; known: ${Object.keys(legacyRemirrorStorm.actions).join(', ')}`);
  }
}

function stepCluster(s: RemirrorStormState, ctx: StepContext): void {
  const v = s.volumes;
  const cp = controlPlaneNow(s, ctx);
  crash(s, ctx, crashesThisStep(s, ctx));
  if (s.searchMode === 'free' && searching(v) > 0) {
    // "However, volumes were also slowly re-mirroring as some capacity was made available
    // which allowed existing 'stuck' volumes to become 'unstuck'." The summary does not say
    // where that space came from; it is found only while nodes still search for it.
    releaseToPool(s.space, perStep(s, ctx, p(ctx, 'spaceReleasedPerHour')));
  }
  if (s.addingCapacity) {
    // "At about 02:00AM PDT on April 22nd, the team successfully started adding significant
    // amounts of new capacity and working through the replication backlog." Servers are
    // installed at a rate until there is space for the backlog and the cluster's buffer
    // (`spareCapacity`) again: "the team had to install a large amount of additional new
    // capacity to replace that capacity in the cluster".
    const target = searching(v) + (s.total * p(ctx, 'spareCapacity')) / 100;
    const short = Math.max(0, target - freeCapacity(s.space));
    addCapacity(s.space, Math.min(short, perStep(s, ctx, p(ctx, 'newCapacityPerHour'))));
  }
  remirror(s, ctx);
  elect(s, ctx, cp.allocation.degradedServedFraction);
  // "Because the EBS control plane (and the create volume API in particular) was configured
  // with a long time-out period, these slow API calls began to back up and resulted in thread
  // starvation in the EBS control plane."
  const degradedAsked = cp.hangingCalls + cp.negotiationThreads;
  const admitted = degradedAsked > 0 ? cp.allocation.degradedServed * (cp.hangingCalls / degradedAsked) : 0;
  admitHeldCalls(s.hanging, admitted);
  restore(s, ctx);
}

export const legacyRemirrorStorm: ModelKind<RemirrorStormState> = {
  id: 'remirror-storm',
  description:
    'An EBS cluster after a network partition: every cut-off volume needs a new replica at once, free space runs out, ' +
    'volumes that find none stay stuck and keep searching, a race condition crashes nodes under the search load, and ' +
    'the regional control plane is starved by calls to the degraded zone.',
  parameters: {
    volumes: { unit: 'volumes', description: 'Volumes in the degraded cluster.' },
    nodes: { unit: 'nodes', description: 'Storage nodes in the degraded cluster.' },
    replicasPerVolume: { unit: 'replicas', description: 'Replicas each volume keeps.' },
    isolatedNodes: { unit: 'percent', description: 'Nodes the partition cuts off, % of the cluster.' },
    spareCapacity: { unit: 'percent', description: 'Free replica space at the start, in % of the volumes.' },
    reconnectPrevious: {
      unit: 'percent',
      description: 'Cut-off volumes that reconnect to their previous replica when the network returns instead of searching, %.',
    },
    searchAttemptsPerMin: { unit: 'attempts/minute', description: 'Connection attempts a searching volume makes per minute.' },
    raceCrashesPerBillionAttempts: { unit: 'crashes per 1e9 attempts', description: 'Race-condition crash probability per attempt, ×1e9.' },
    lastCopyShare: { unit: 'percent', description: 'Share of a crashed node’s replicas that were the last live copy of a searching volume.' },
    spaceReleasedPerHour: { unit: 'percent/hour', description: 'Replica space freed while the storm’s search runs, % of the volumes per hour.' },
    electionNeeded: { unit: 'percent', description: 'Re-mirrored volumes whose instance needs the control plane to elect a writable copy.' },
    throttledReleasePerHour: { unit: '1/hour', description: 'Share of waiting volumes elected per hour through the coarse throttles.' },
    dedicatedReleasePerHour: { unit: '1/hour', description: 'Share of waiting volumes elected per hour through the dedicated control plane.' },
    newCapacityPerHour: { unit: 'percent/hour', description: 'New replica space installed per hour, % of the volumes.' },
    controlPlaneThreads: { unit: 'threads', description: 'Threads of the regional control-plane pool.' },
    otherZonesThreads: { unit: 'threads', description: 'Threads the healthy zones’ API requests need.' },
    createVolumeCallsPerMin: { unit: 'calls/minute', description: 'CreateVolume calls to the degraded zone per minute.' },
    createVolumeTimeout: { unit: 'minutes', description: 'How long a hanging CreateVolume call holds its thread.' },
    negotiationRetriesPerMin: { unit: 'attempts/minute', description: 'Negotiation attempts per minute of a volume whose replica holder crashed.' },
    negotiationThreadMinutes: { unit: 'minutes', description: 'Thread time one negotiation attempt takes.' },
    degradedZoneShare: { unit: 'percent', description: 'Most of the pool one zone may hold (100: no zone awareness).' },
    snapshotShare: { unit: 'percent', description: 'Volumes left with no live copy that had a snapshot.' },
    unrecoverableShare: { unit: 'percent', description: 'Volumes with no copy and no snapshot that forensics cannot restore.' },
    snapshotRestorePerHour: { unit: 'percent/hour', description: 'Snapshot restores per hour, % of the volumes.' },
    forensicRestorePerHour: { unit: 'percent/hour', description: 'Forensic restores per hour, % of the volumes.' },
    volumesPerRdsInstance: { unit: 'volumes', description: 'EBS volumes a single-AZ RDS instance uses.' },
  },
  series: {
    stuck: {
      title: 'Stuck volumes',
      unit: 'percent',
      description: 'Volumes of the zone whose instance cannot do I/O (instance view), % of the zone’s volumes.',
      threshold: 1,
      recoveryLevel: 1,
    },
    notRemirrored: {
      title: 'Volumes not yet re-mirrored',
      unit: 'percent',
      description: 'Volumes without a full set of replicas (stuck volumes minus those re-mirrored and waiting for the control plane).',
      threshold: 1,
    },
    crashStuck: {
      title: 'Volumes made stuck by node crashes (cumulative)',
      unit: 'percent',
      description: 'Healthy volumes that became stuck because a node holding a replica crashed, cumulative, % of the zone’s volumes.',
    },
    apiErrors: {
      title: 'Region-wide EBS API errors',
      unit: 'percent',
      description: 'Requests of the other zones the regional control plane fails for want of a thread.',
      impact: true,
      threshold: 1,
      recoveryLevel: 1,
    },
    controlPlaneLoad: {
      title: 'Control-plane load',
      unit: 'percent',
      description: 'Threads held and asked for, % of the regional pool (above 100: requests fail).',
      threshold: 100,
    },
    freeCapacity: {
      title: 'Free replica space',
      unit: 'percent',
      description: 'Free replica space in the degraded cluster, in % of the zone’s volumes.',
      worse: 'lower',
    },
    crashedNodes: {
      title: 'Crashed nodes',
      unit: 'nodes',
      description: 'Nodes lost to the race condition (not reused until their replicas are re-mirrored).',
    },
    rdsStuck: {
      title: 'Stuck single-AZ RDS instances',
      unit: 'percent',
      description: 'Single-AZ RDS instances with at least one stuck volume, assuming volumes are stuck independently.',
      impact: true,
      threshold: 5,
      recoveryLevel: 5,
    },
  },
  primarySeries: 'stuck',
  actions: {
    partition: { description: 'The traffic shift cuts `isolatedNodes` % of the nodes off both networks.' },
    'rollback-partition': { description: 'The network returns: cut-off volumes reconnect or search for space.' },
    'disable-create-volume': { description: 'New CreateVolume calls to the degraded zone are refused at once.' },
    'enable-create-volume': { description: 'CreateVolume calls to the degraded zone are accepted again.' },
    'disable-control-plane-link': { description: 'No communication between the degraded cluster and the control plane.' },
    'throttle-control-plane-link': { description: 'State changes propagate through coarse throttles (`throttledReleasePerHour`).' },
    'open-dedicated-control-plane': { description: 'A control plane partitioned to the zone works the backlog (`dedicatedReleasePerHour`).' },
    'enable-control-plane-link': { description: 'Full access to the regional control plane again.' },
    'stop-futile-search': { description: 'Nodes stop contacting other nodes for space: no more search attempts, no re-mirroring.' },
    'add-capacity': {
      description:
        'New servers are installed (`newCapacityPerHour`) until the backlog and the buffer fit, and re-mirroring resumes through throttled negotiation.',
    },
    'start-snapshot-restores': { description: 'Volumes with no live copy are restored from snapshots (`snapshotRestorePerHour`).' },
    'start-forensic-restores': { description: 'Volumes with no copy and no snapshot are restored by forensics (`forensicRestorePerHour`).' },
  },

  init(ctx) {
    const total = Math.max(0, p(ctx, 'volumes'));
    const replicas = total * Math.max(0, p(ctx, 'replicasPerVolume'));
    const nodes = Math.max(0, Math.round(p(ctx, 'nodes')));
    return {
      total,
      volumes: {
        healthy: total,
        isolated: 0,
        searchingStorm: 0,
        searchingCrash: 0,
        waiting: 0,
        noCopySnapshot: 0,
        noCopyForensic: 0,
        lost: 0,
      },
      space: createCapacityPool(replicas + (total * p(ctx, 'spareCapacity')) / 100, replicas),
      liveNodes: nodes,
      crashedNodes: 0,
      replicasPerNode: nodes > 0 ? replicas / nodes : 0,
      crashStuckTotal: 0,
      searchMode: 'free',
      link: 'full',
      createVolumeEnabled: true,
      addingCapacity: false,
      snapshotRestores: false,
      forensicRestores: false,
      hanging: createCallsHeldUntilTimeout(p(ctx, 'createVolumeTimeout'), ctx.dt),
      revision: 0,
      controlPlaneCache: null,
    };
  },

  apply(s, action, _args, ctx) {
    // Bumped before and after: a control plane computed during the action sees its changes.
    s.revision++;
    applyAction(s, action, ctx);
    s.revision++;
  },

  step(s, ctx) {
    stepCluster(s, ctx);
    s.revision++;
  },

  observe(s, ctx, out) {
    const v = s.volumes;
    const cp = controlPlaneNow(s, ctx).allocation;
    const stuckPercent = percent(s, stuck(v));
    out.stuck = stuckPercent;
    out.notRemirrored = percent(s, stuck(v) - v.waiting);
    out.crashStuck = percent(s, s.crashStuckTotal);
    out.apiErrors = cp.otherErrorPercent;
    out.controlPlaneLoad = cp.loadPercent;
    out.freeCapacity = percent(s, freeCapacity(s.space));
    out.crashedNodes = s.crashedNodes;
    out.rdsStuck = instanceStuckPercent(stuckPercent, p(ctx, 'volumesPerRdsInstance'));
  },

  invariants(s) {
    const problems: string[] = [];
    let sum = 0;
    for (const name of volumeStates) {
      const n = s.volumes[name];
      sum += n;
      if (!(n >= -1e-9 * Math.max(1, s.total))) problems.push(`${name} volumes are negative: ${n}`);
    }
    if (Math.abs(sum - s.total) > 1e-9 * Math.max(1, s.total)) {
      problems.push(`volumes not conserved: states sum to ${sum}, expected ${s.total}`);
    }
    if (s.liveNodes < -1e-9 || s.crashedNodes < -1e-9) problems.push(`negative node count: ${s.liveNodes} live, ${s.crashedNodes} crashed`);
    if (s.space.capacity < -1e-9 || s.space.used < -1e-9) problems.push(`negative replica space: ${s.space.capacity} capacity, ${s.space.used} used`);
    if (s.hanging.held < -1e-9) problems.push(`negative threads held: ${s.hanging.held}`);
    if (s.crashStuckTotal < -1e-9) problems.push(`negative crash-stuck total: ${s.crashStuckTotal}`);
    return problems;
  },
};
