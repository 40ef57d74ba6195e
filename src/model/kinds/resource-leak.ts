// `resource-leak`: storage servers whose reporting agent leaks memory on every failed attempt to
// reach a collector that moved, until the servers cannot keep up and their volumes are stuck.
// Written for the EBS event of 22 October 2012 (incidents/aws-ebs-2012-10-22.yaml).
//
// A composition of three library components (the equations, and the sentences of the AWS
// summary each mechanism rests on, are in each component's file):
// `alarm` (the leak alarm that failed in 2012, and the answer to it when it works),
// `leaking-members` (each server's leak, its memory headroom, the per-process cap, restarts at a
// throttled rate) and `member-failover` (the volumes of degraded servers failing over to the
// spare servers' room while it lasts). Servers, volumes and spare room are stocks, so the engine
// checks that every server is in exactly one of clean / leaking / warned / degraded, and every
// volume in exactly one of serving / stuck / moving / moved, at every step.
import type { Composition } from '../compose/composition.js';
import { compileComposition } from '../compose/compile-composition.js';
import { componentTypes } from '../compose/component-types.js';
import { rampFactor } from '../components/leaking-members.js';

const kib = 1024 * 1024; // KB per GB

/** Memory lost per minute by one leaking server at the week’s mean load (% of its memory). */
export function leakPercentPerMinute(params: Readonly<Record<string, number>>): number {
  const perAttempt = params.leakPerAttempt! / (params.serverMemory! * kib);
  return 100 * perAttempt * params.attemptsPerMinute!;
}

/**
 * Attempt rate relative to the week’s mean at minute `t` of the replay: 1 until Monday’s load
 * starts to rise, then a linear rise to `mondayLoad` over `loadRiseHours`, then flat.
 */
export function loadFactor(params: Readonly<Record<string, number>>, t: number): number {
  return rampFactor({ rampFrom: params.loadRiseFrom!, rampHours: params.loadRiseHours!, rampTo: params.mondayLoad! }, t);
}

/** `leakPercentPerMinute` as an expression over the parameters (same operations, same order). */
const leakRate = '100 * (leakPerAttempt / (serverMemory * 1048576)) * attemptsPerMinute';
/** The zone's volumes. */
const volumes = '(max(0, round(servers)) * max(0, volumesPerServer))';

export const resourceLeakComposition: Composition = {
  id: 'resource-leak',
  description:
    'Storage servers whose agent leaks memory on each failed attempt to reach a collector; past their memory headroom they cannot keep up and their volumes are stuck until they fail over to spare servers (while room lasts) or the memory is reclaimed.',
  parameters: {
    servers: { unit: 'servers', description: 'Storage servers in the Availability Zone.', min: 0, max: 100000 },
    volumesPerServer: { unit: 'volumes', description: 'Volumes each storage server serves.', min: 0, max: 1e9 },
    spareServers: {
      unit: 'servers',
      description: 'Healthy servers’ room to take over volumes of degraded servers, in servers’ worth of volumes.',
      min: 0, max: 1e6,
    },
    affectedFraction: { unit: 'percent', description: 'Share of the storage servers that missed the DNS update and leak.', min: 0, max: 100 },
    memoryHeadroom: {
      unit: 'percent of memory',
      description: 'Memory a server can lose before it cannot keep up with request handling (mean over servers).',
      min: 0, max: 100,
    },
    headroomSpread: { unit: 'percent', description: 'Servers’ headroom spreads evenly over ±this share of the mean.', min: 0, max: 100 },
    serverMemory: { unit: 'GB', description: 'Memory of a storage server.', min: 0.001, max: 1e6 },
    leakPerAttempt: { unit: 'KB', description: 'Memory the agent leaks on each failed attempt to reach the collector.', min: 0, max: 1e9 },
    attemptsPerMinute: { unit: '1/min', description: 'Attempts per minute of an agent at the week’s mean load.', min: 0, max: 1e9 },
    leakHoursBeforeStart: { unit: 'h', description: 'How long the servers had been leaking when the replay starts.', min: 0, max: 100000 },
    mondayLoad: { unit: '×', description: 'Attempt rate on Monday after the morning rise, relative to the week’s mean.', min: 0, max: 1000 },
    loadRiseFrom: { unit: 'h', description: 'Hours after the replay start at which Monday’s load starts to rise.', min: 0, max: 100000 },
    loadRiseHours: { unit: 'h', description: 'Hours the load takes to rise to `mondayLoad`.', min: 0, max: 100000 },
    failoverMinutes: { unit: 'min', description: 'Mean time before a stuck volume starts to move to a spare.', min: 0, max: 1e6 },
    remirrorMinutes: { unit: 'min', description: 'Mean time a volume takes to move (re-mirror) to a spare; stuck meanwhile.', min: 0, max: 1e6 },
    restartsPerHour: { unit: 'servers/h', description: 'Agents restarted (leaked memory reclaimed) per hour once reclaiming.', min: 0, max: 1e9 },
    leakAlarm: { unit: 'flag', description: '1: an alarm watches for the leak; 0: no working alarm.', min: 0, max: 1, integer: true },
    alarmHeadroom: { unit: 'percent of memory', description: 'Free memory on a leaking server at which the alarm fires.', min: 0, max: 100 },
    alarmResponseMinutes: { unit: 'min', description: 'From the alarm to stopping the leak and starting restarts.', min: 0, max: 1e6 },
    agentMemoryLimit: {
      unit: 'percent of memory',
      description: 'Per-process memory limit: the agent is killed and restarted when it holds this much (0: no limit).',
      min: 0, max: 100,
    },
  },
  stocks: {
    clean: { unit: 'servers', description: 'servers neither leaking nor degraded' },
    leaking: { unit: 'servers', description: 'servers leaking, with more than `alarmHeadroom` of memory left' },
    warned: { unit: 'servers', description: 'servers leaking, with `alarmHeadroom` of memory or less left (what the alarm watches)' },
    degraded: { unit: 'servers', description: 'servers past their memory headroom' },
    affected: { unit: 'servers', description: 'servers that missed the DNS update (a tally: each is also in one of the states)' },
    headroomLeft: { unit: 'percent of memory', description: 'memory headroom left, summed over the servers that missed the update' },
    alarmResponse: { unit: 'signals', description: 'the answer to the leak alarm, once it lands' },
    volumesServing: { unit: 'volumes', description: 'volumes on healthy servers' },
    volumesStuck: { unit: 'volumes', description: 'volumes still on degraded servers' },
    volumesMoving: { unit: 'volumes', description: 'volumes being re-mirrored to a spare (stuck)' },
    volumesMoved: { unit: 'volumes', description: 'volumes now served by a spare' },
    spareFree: { unit: 'volume slots', description: 'room left on healthy servers to take over volumes' },
    spareUsed: { unit: 'volume slots', description: 'room claimed by volumes moving or moved' },
  },
  components: {
    // The alarm that failed in 2012: a scenario keeps it working (`leakAlarm: 1`). It fires when
    // a leaking server's free memory falls to `alarmHeadroom`; `alarmResponseMinutes` later the
    // leak is stopped and memory reclaimed, as was done after the root cause was found.
    leakAlarm: {
      type: 'alarm',
      parameters: { enabled: 'leakAlarm', responseMinutes: 'alarmResponseMinutes' },
      stocks: { watched: 'warned', response: 'alarmResponse' },
    },
    leak: {
      type: 'leaking-members',
      parameters: {
        members: 'servers',
        headroom: 'memoryHeadroom',
        headroomSpread: 'headroomSpread',
        fraction: 'affectedFraction',
        ratePerMinute: leakRate,
        leakedBefore: `${leakRate} * 60 * leakHoursBeforeStart`,
        rampFrom: 'loadRiseFrom',
        rampHours: 'loadRiseHours',
        rampTo: 'mondayLoad',
        cap: 'agentMemoryLimit',
        warnBelow: 'alarmHeadroom',
        restartsPerHour: 'restartsPerHour',
      },
      stocks: {
        clean: 'clean',
        leaking: 'leaking',
        warned: 'warned',
        degraded: 'degraded',
        affected: 'affected',
        headroomLeft: 'headroomLeft',
        response: 'alarmResponse',
      },
    },
    failover: {
      type: 'member-failover',
      parameters: {
        members: 'servers',
        volumesPerMember: 'volumesPerServer',
        spareRoom: 'max(0, spareServers) * max(0, volumesPerServer)',
        startMinutes: 'failoverMinutes',
        finishMinutes: 'remirrorMinutes',
      },
      stocks: {
        failed: 'degraded',
        serving: 'volumesServing',
        stuck: 'volumesStuck',
        moving: 'volumesMoving',
        moved: 'volumesMoved',
        spareFree: 'spareFree',
        spareUsed: 'spareUsed',
      },
    },
  },
  series: {
    stuck: {
      expr: `100 * (volumesStuck + volumesMoving) / ${volumes}`,
      title: 'Stuck volumes',
      unit: 'percent',
      description: 'Volumes of the Availability Zone that cannot serve I/O (% of its volumes).',
      // "Back to normal" is read as under 1% of the zone's volumes stuck (the incident's reading).
      threshold: 1,
      recoveryLevel: 1,
    },
    degradedServers: { expr: 'degraded', title: 'Degraded servers', unit: 'servers', description: 'Storage servers past their memory headroom.', impact: true },
    leakingServers: { expr: 'leaking + warned', title: 'Leaking servers', unit: 'servers', description: 'Storage servers still leaking and still keeping up.' },
    headroom: {
      expr: 'if(affected > 0, headroomLeft / affected, max(0, memoryHeadroom))',
      title: 'Memory headroom left',
      unit: 'percent of memory',
      description: 'Mean memory headroom left on the servers that missed the DNS update (0 for a degraded server).',
      worse: 'lower',
    },
    spareServers: {
      expr: 'spareFree / max(0, volumesPerServer)',
      title: 'Spare room left',
      unit: 'servers',
      description: 'Room left on healthy servers to take over volumes, in servers’ worth.',
      worse: 'lower',
    },
    failingOver: {
      expr: `100 * volumesMoving / ${volumes}`,
      title: 'Volumes failing over',
      unit: 'percent',
      description: 'Volumes being re-mirrored to a spare (% of the AZ’s volumes; counted in stuck).',
    },
  },
  primarySeries: 'stuck',
  // The leak eats the servers' memory headroom; at zero a server degrades and its volumes stick.
  mechanism: {
    title: 'Memory headroom of the leaking servers',
    description: 'The leaking agents use up the memory headroom of the servers that missed the DNS update; a server with none left degrades, and its volumes are stuck until they fail over.',
    series: ['headroom'],
    right: ['degradedServers'],
  },
  actions: {
    'dns-update-missed': { description: 'A share (`affectedFraction`) of the servers misses a DNS update and their agents start leaking.', targets: ['leak.start'] },
    'stop-leak': { description: 'The agents stop leaking (the collector is reachable again or the agent is fixed); leaked memory stays until reclaimed.', targets: ['leak.stop'] },
    'reclaim-memory': { description: 'Operators restart agents at `restartsPerHour`, degraded servers first, reclaiming leaked memory.', targets: ['leak.reclaim'] },
  },
};

export const resourceLeak = compileComposition(resourceLeakComposition, componentTypes);
