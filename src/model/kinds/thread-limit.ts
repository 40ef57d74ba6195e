// `thread-limit`: a front-end fleet in which every server keeps one OS thread per peer, so a
// capacity addition can take every server past the operating system's thread limit at once.
// Calibrated on the Amazon Kinesis event of 25 November 2020 (incidents/aws-kinesis-2020-11-25.yaml).
//
// A composition of two library components (the equations and the AWS summary's words are in
// each component's file): `fleet-membership` (servers in cells and discovery lag classes, the
// capacity addition and its rollback, one thread per known peer against the limit) and
// `restart-queue` (the operators' throttled restart, bootstrapping, health checks).
//
// Every server is in exactly one stock: `useful` (serving), `overLimit` (past the thread limit:
// its cache construction fails; it still routes on the shard-map it built before for
// `shardMapLifetimeMinutes`, counted in the gauge `routingPastLimit`, then the map is useless
// until a restart: see stale-shard-maps.ts), `bootstrapping` (restarted, not
// serving yet), `removed` (taken out of the fleet, the added capacity rolled back). Added
// servers not yet brought up are `pending`, those the rollback cancels `cancelled`.
import type { Composition } from '../compose/composition.js';
import { compileComposition } from '../compose/compile-composition.js';
import { componentTypes } from '../compose/component-types.js';

const fleet = 'useful + overLimit + bootstrapping';

export const threadLimitComposition: Composition = {
  id: 'thread-limit',
  description:
    'A front-end fleet where each server keeps one OS thread per peer it knows; servers learn of new peers within a discovery delay, fail to build their shard-map past the thread limit, and come back only through a rate-limited restart.',
  parameters: {
    fleetSize: { unit: 'servers', description: 'Front-end servers before the addition.', min: 0, max: 100000 },
    baseThreads: { unit: 'threads', description: 'OS threads a server uses besides one per known peer.', min: 0, max: 1e7 },
    threadLimit: { unit: 'threads', description: 'Maximum threads per server allowed by the OS configuration.', min: 0, max: 1e7 },
    addedServers: { unit: 'servers', description: 'Servers brought up by `add-capacity`.', min: 0, max: 100000 },
    additionMinutes: { unit: 'minutes', description: 'Time over which `add-capacity` brings them up.', min: 0, max: 1e6 },
    discoveryDelayMinutes: { unit: 'minutes', description: 'Longest time a server takes to learn of a membership change.', min: 0, max: 1e6 },
    removalMinutes: { unit: 'minutes', description: 'Time over which `remove-capacity` takes the added servers out.', min: 0, max: 1e6 },
    restartRate: { unit: 'servers/hour', description: 'Rate at which the operators restart over-limit servers.', min: 0, max: 1e9 },
    bootMinutes: { unit: 'minutes', description: 'Time from a restart until the server can take traffic.', min: 0, max: 1e6 },
    maxBootstrapping: {
      unit: 'servers',
      description: 'Servers that can bootstrap at once before the slowest fail their health checks.',
      min: 0, max: 100000,
    },
    demandShare: {
      unit: 'fraction',
      description: 'Share of the pre-addition fleet’s capacity that the demand needs (per cell).',
      min: 0, max: 10,
    },
    // 0 unless the file gives one: a crossing fails at once, the structure before maps were modelled.
    shardMapLifetimeMinutes: {
      unit: 'minutes',
      description: 'How long a server past the thread limit still routes on the shard-map it built before crossing it.',
      default: 0,
      min: 0,
      // A ring of this many minutes per cell is kept: a day bounds its memory at any step.
      max: 1440,
    },
    // One fleet unless the file partitions it: the default is the structure, not a calibration.
    cells: { unit: 'cells', description: 'Independent front-end cells the fleet is split into (1: one fleet).', default: 1 },
  },
  stocks: {
    useful: { unit: 'servers', description: 'servers that can route requests' },
    overLimit: { unit: 'servers', description: 'servers past the thread limit: a stale, then useless, shard-map until restarted' },
    bootstrapping: { unit: 'servers', description: 'restarted servers not serving yet' },
    restarted: { unit: 'servers', description: 'servers whose restart completed this step, before the fleet readmits them' },
    unhealthy: { unit: 'servers', description: 'bootstrapping servers the health checks took out this step, back to the restart queue' },
    pending: { unit: 'servers', description: 'servers asked for by `add-capacity`, not brought up yet' },
    reserve: { unit: 'servers', role: 'source', description: 'where the fleet’s servers come from' },
    cancelled: { unit: 'servers', role: 'sink', description: 'pending servers the rollback cancelled' },
    removed: { unit: 'servers', role: 'sink', description: 'servers taken out of the fleet' },
    threadsInUse: { unit: 'threads', description: 'threads the fleet’s servers hold' },
    os: { unit: 'threads', role: 'source', description: 'where threads come from and go back to' },
    demand: { unit: 'server-demand', description: 'the demand, in servers needed to carry it' },
    unserved: { unit: 'server-demand', description: 'the demand the useful servers of each cell cannot carry, summed' },
    routingPastLimit: { unit: 'server-demand', description: 'the demand carried by servers past the limit on their last shard-map' },
    requests: { unit: 'server-demand', role: 'source', description: 'where demand comes from' },
    restarts: { unit: 'restarts', role: 'source', description: 'where the restart counters count from' },
    restartsCompleted: { unit: 'restarts', description: 'restarts completed since the start' },
    restartsRejected: { unit: 'restarts', description: 'bootstrapping servers marked unhealthy since the start' },
  },
  components: {
    // First in the step: the restart takes from `overLimit` as the last step left it.
    restart: {
      type: 'restart-queue',
      parameters: { rate: 'restartRate', bootMinutes: 'bootMinutes', maxBooting: 'maxBootstrapping' },
      stocks: {
        waiting: 'overLimit',
        booting: 'bootstrapping',
        ready: 'restarted',
        rejected: 'unhealthy',
        completed: 'restartsCompleted',
        markedUnhealthy: 'restartsRejected',
        events: 'restarts',
      },
    },
    fleet: {
      type: 'fleet-membership',
      parameters: {
        members: 'fleetSize',
        cells: 'cells',
        baseThreads: 'baseThreads',
        threadLimit: 'threadLimit',
        discoveryDelay: 'discoveryDelayMinutes',
        added: 'addedServers',
        additionMinutes: 'additionMinutes',
        removalMinutes: 'removalMinutes',
        demandShare: 'demandShare',
        mapLifetime: 'shardMapLifetimeMinutes',
      },
      stocks: {
        useful: 'useful',
        failed: 'overLimit',
        restarted: 'restarted',
        rejected: 'unhealthy',
        reserve: 'reserve',
        pending: 'pending',
        cancelled: 'cancelled',
        removed: 'removed',
        threads: 'threadsInUse',
        os: 'os',
        demand: 'demand',
        unserved: 'unserved',
        routing: 'routingPastLimit',
        requests: 'requests',
      },
    },
  },
  series: {
    errors: {
      // Σ over cells of (cell's share of the fleet) × (cell's demand not carried / its demand).
      expr: '100 * (unserved / demand)',
      title: 'Request errors',
      unit: 'percent',
      description: 'Share of requests the useful servers cannot serve, weighted over cells.',
      // Any error rate above a point is impact, and recovery means back under it: the default
      // (a tenth of the peak) would call 10% errors recovered.
      threshold: 1,
      recoveryLevel: 1,
    },
    useful: {
      // Servers within the limit, and those past it still routing on the map they built before.
      expr: `100 * ((useful + routingPastLimit) / (${fleet}))`,
      title: 'Useful servers',
      unit: 'percent',
      description: 'Share of the servers in the fleet that can route requests (within the thread limit, or past it on a shard-map not yet stale).',
      worse: 'lower',
      impact: true,
    },
    withinLimit: {
      expr: `100 * (useful / (${fleet}))`,
      title: 'Servers within the thread limit',
      unit: 'percent',
      description: 'Share of the servers in the fleet whose threads fit under the limit (and that are not restarting).',
      worse: 'lower',
    },
    threads: {
      expr: `if(${fleet} > 0, threadsInUse / (${fleet}), max(baseThreads, 0))`,
      title: 'Threads needed per server',
      unit: 'threads',
      description: 'Mean over the fleet of base threads plus one per known peer.',
    },
    threadLimit: { expr: 'max(threadLimit, 0)', title: 'Thread limit', unit: 'threads', description: 'The OS limit, for the chart to draw against `threads`.' },
    overLimit: { expr: 'overLimit', title: 'Over-limit servers', unit: 'servers', description: 'Servers holding a useless shard-map.' },
    bootstrapping: { expr: 'bootstrapping', title: 'Bootstrapping servers', unit: 'servers', description: 'Restarted servers not serving yet.' },
    restarted: { expr: 'restartsCompleted', title: 'Restarted servers', unit: 'servers', description: 'Restarts completed since the start.' },
    markedUnhealthy: {
      expr: 'restartsRejected',
      title: 'Marked unhealthy',
      unit: 'servers',
      description: 'Bootstrapping servers taken out by health checks since the start.',
    },
    fleet: { expr: fleet, title: 'Fleet size', unit: 'servers', description: 'Servers in the fleet (not removed).' },
  },
  primarySeries: 'errors',
  // Each server needs a thread per peer: new capacity takes every server past the OS limit.
  mechanism: {
    title: 'Threads per server against the OS limit',
    description: 'Every front-end server needs a thread for each server of the fleet; when the fleet grows past the OS thread limit, servers fail to build their shard-map and stop serving.',
    series: ['threads', 'threadLimit'],
    right: ['useful'],
  },
  actions: {
    'add-capacity': {
      description: 'Bring up `addedServers` new servers in one cell over `additionMinutes`.',
      targets: ['fleet.add'],
    },
    'remove-capacity': {
      description:
        'Roll back the added capacity: cancel servers not brought up yet and take out the ones that joined over `removalMinutes`.',
      targets: ['fleet.remove-added'],
    },
    'restart-fleet': {
      description:
        'Restart over-limit servers at `restartRate`; each bootstraps for `bootMinutes` and learns the fleet at its size then.',
      targets: ['restart.start'],
    },
  },
};

export const threadLimit = compileComposition(threadLimitComposition, componentTypes);
