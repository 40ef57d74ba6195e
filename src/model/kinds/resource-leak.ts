// `resource-leak`: storage servers whose reporting agent leaks memory on every failed attempt to
// reach a collector that moved, until the servers cannot keep up and their volumes are stuck.
// Written for the EBS event of 22 October 2012 (incidents/aws-ebs-2012-10-22.yaml); the
// sentences each mechanism rests on are quoted next to it.
//
// State: one entry per storage server (`server-leak`: leaking, degraded, headroom, leaked) and
// its volumes (`volume-failover`: on the server, moving to a spare, moved). Every server is in
// exactly one of clean / leaking / degraded, and every volume in exactly one of on-server /
// moving / moved; `invariants()` checks both at every step.
import type { ArgValue, ModelKind, StepContext } from '../types.js';
import {
  countServerLeak,
  createServerLeak,
  hasLeakedServers,
  meanHeadroomLeft,
  minHeadroomLeft,
  reclaimServers,
  serverLeakInvariants,
  startServerLeak,
  stepServerLeak,
  stopServerLeak,
  type ServerLeak,
} from '../components/server-leak.js';
import {
  createVolumeFailover,
  movingVolumes,
  spareRoomLeft,
  stepProbability,
  stepVolumeFailover,
  stuckVolumes,
  volumeFailoverInvariants,
  type VolumeFailover,
} from '../components/volume-failover.js';

export interface ResourceLeakState {
  leak: ServerLeak;
  volumes: VolumeFailover;
  /** 1 where the server missed the DNS update (stays set after the leak is stopped). */
  affected: Uint8Array;
  /** Memory headroom the servers had before the leak (% of memory), for the headroom series. */
  baseHeadroom: number;
  /** Operators are restarting agents to reclaim leaked memory. */
  reclaiming: boolean;
  /** Fractional restarts carried over between steps (deterministic runs). */
  restartCredit: number;
  /** Minute the leak alarm fired, or null. */
  alarmAt: number | null;
  /** The alarm's response (stop the leak, reclaim memory) has been started. */
  alarmAnswered: boolean;
}

const kib = 1024 * 1024; // KB per GB

/** Memory lost per minute by one leaking server at the week's mean load (% of its memory). */
export function leakPercentPerMinute(params: Readonly<Record<string, number>>): number {
  const perAttempt = params.leakPerAttempt! / (params.serverMemory! * kib);
  return 100 * perAttempt * params.attemptsPerMinute!;
}

/**
 * Attempt rate relative to the week's mean at minute `t` of the replay: 1 until Monday's load
 * starts to rise, then a linear rise to `mondayLoad` over `loadRiseHours`, then flat.
 */
export function loadFactor(params: Readonly<Record<string, number>>, t: number): number {
  const hours = t / 60;
  const from = params.loadRiseFrom!;
  const over = params.loadRiseHours!;
  const peak = params.mondayLoad!;
  if (hours < from) return 1;
  if (over <= 0 || hours >= from + over) return peak;
  return 1 + ((peak - 1) * (hours - from)) / over;
}

function apply(state: ResourceLeakState, action: string, _args: Readonly<Record<string, ArgValue>>, ctx: StepContext): void {
  switch (action) {
    case 'dns-update-missed':
      missDnsUpdate(state, ctx);
      return;
    case 'stop-leak':
      stopServerLeak(state.leak);
      return;
    case 'reclaim-memory':
      state.reclaiming = true;
      return;
    default:
      throw new Error(`the \`resource-leak\` model has no action \`${action}\``);
  }
}

// "After installation, the server did not propagate its DNS address correctly and so a fraction
// of servers did not get the message. Those servers kept trying to reach the server" (TechCrunch).
// A fraction `affectedFraction` of the servers start leaking. Their headroom is spread evenly
// (±`headroomSpread`) around `memoryHeadroom`, so they cross their threshold over a spread of
// times: deterministic runs place the servers at evenly spaced quantiles of that spread, Monte
// Carlo runs draw how many servers missed the update and each one's headroom. Which servers they
// are does not matter to the model, so they are the first ones of the fleet: the loops over the
// fleet then branch the same way for long runs, which keeps a Monte Carlo run as fast as a
// deterministic one.
// The event lies before the replay (the week before), so at the replay start the servers have
// been leaking for `leakHoursBeforeStart`; applied later (a scenario moving it), it starts now.
function missDnsUpdate(state: ResourceLeakState, ctx: StepContext): void {
  const p = ctx.params;
  const n = state.affected.length;
  const fraction = Math.min(1, Math.max(0, p.affectedFraction! / 100));
  const spread = Math.min(1, Math.max(0, p.headroomSpread! / 100));
  const already = ctx.t <= 0 ? leakPercentPerMinute(p) * 60 * p.leakHoursBeforeStart! : 0;
  const random = ctx.random;
  // Deterministic: the expected count, rounded half down (server i is hit when (i + ½)/n < f).
  const count = random ? random.binomial('affected', n, fraction) : Math.min(n, Math.max(0, Math.ceil(fraction * n - 0.5)));
  for (let k = 0; k < count; k++) {
    const q = random ? random.uniform('headroom') : (k + 0.5) / count;
    const headroom = state.baseHeadroom * (1 - spread + 2 * spread * q);
    state.affected[k] = 1;
    startServerLeak(state.leak, k, headroom, already);
  }
}

function step(state: ResourceLeakState, ctx: StepContext): void {
  const p = ctx.params;
  const { t, dt } = ctx;

  // The alarm that failed in 2012: a scenario keeps it working (`leakAlarm: 1`). It fires when
  // a leaking server's free memory falls to `alarmHeadroom`; `alarmResponseMinutes` later the
  // leak is stopped and memory reclaimed, as was done after the root cause was found.
  if (p.leakAlarm! >= 0.5 && state.alarmAt === null && minHeadroomLeft(state.leak) <= p.alarmHeadroom!) {
    state.alarmAt = t;
  }
  if (state.alarmAt !== null && !state.alarmAnswered && t >= state.alarmAt + p.alarmResponseMinutes!) {
    state.alarmAnswered = true;
    stopServerLeak(state.leak);
    state.reclaiming = true;
  }

  // "By Monday morning, the rate of memory loss became quite high and consumed enough memory on
  // the affected storage servers that they were unable to keep up with normal request handling
  // processes." (AWS, quoted by TechCrunch.) Memory lost = leak per failed attempt × attempts;
  // the attempts follow the load, which rises on Monday morning after the weekend, so the week's
  // slow loss turns fast just as the servers' headroom runs out. A server past its headroom is
  // degraded. A per-process memory limit (`agentMemoryLimit`, 0 = none) kills the agent first.
  const lost = leakPercentPerMinute(p) * loadFactor(p, t) * dt;
  stepServerLeak(state.leak, lost, p.agentMemoryLimit!);

  // Restarts reclaim the leaked memory at `restartsPerHour`, degraded servers first.
  if (state.reclaiming && hasLeakedServers(state.leak)) {
    const mean = (p.restartsPerHour! * dt) / 60;
    const budget = ctx.random ? ctx.random.poisson('restarts', mean) : state.restartCredit + mean;
    const whole = Math.floor(budget);
    reclaimServers(state.leak, whole);
    if (!ctx.random) state.restartCredit = budget - whole;
  }

  // "The server degradation came all at once, causing a tax on the system as not enough healthy
  // servers could be found to replace them all." (TechCrunch.) Volumes of degraded servers fail
  // over to the spare servers' room, and stay stuck once it is full.
  stepVolumeFailover(state.volumes, state.leak.degraded, {
    start: stepProbability(p.failoverMinutes!, dt),
    finish: stepProbability(p.remirrorMinutes!, dt),
  });
}

function observe(state: ResourceLeakState, _ctx: StepContext, out: Record<string, number>): void {
  const total = state.volumes.onServer.length * state.volumes.perServer;
  const counts = countServerLeak(state.leak);
  out.stuck = total > 0 ? (100 * stuckVolumes(state.volumes, state.leak.degraded)) / total : 0;
  out.degradedServers = counts.degraded;
  out.leakingServers = counts.leaking;
  const headroom = meanHeadroomLeft(state.leak, (i) => state.affected[i] === 1);
  out.headroom = Number.isNaN(headroom) ? state.baseHeadroom : headroom;
  out.spareServers = state.volumes.perServer > 0 ? spareRoomLeft(state.volumes) / state.volumes.perServer : 0;
  out.failingOver = total > 0 ? (100 * movingVolumes(state.volumes)) / total : 0;
}

function invariants(state: ResourceLeakState): string[] {
  const problems = [...serverLeakInvariants(state.leak), ...volumeFailoverInvariants(state.volumes)];
  const out: Record<string, number> = {};
  observe(state, { t: 0, dt: 1, params: {}, random: null }, out);
  if (!(out.stuck! >= 0 && out.stuck! <= 100 + 1e-9)) problems.push(`stuck ${out.stuck}% outside 0–100%`);
  if (!(out.spareServers! >= 0)) problems.push(`spare servers ${out.spareServers} < 0`);
  return problems;
}

export const resourceLeak: ModelKind<ResourceLeakState> = {
  id: 'resource-leak',
  description:
    'Storage servers whose agent leaks memory on each failed attempt to reach a collector; past their memory headroom they cannot keep up and their volumes are stuck until they fail over to spare servers (while room lasts) or the memory is reclaimed.',
  parameters: {
    servers: { unit: 'servers', description: 'Storage servers in the Availability Zone.' },
    volumesPerServer: { unit: 'volumes', description: 'Volumes each storage server serves.' },
    spareServers: {
      unit: 'servers',
      description: 'Healthy servers’ room to take over volumes of degraded servers, in servers’ worth of volumes.',
    },
    affectedFraction: { unit: 'percent', description: 'Share of the storage servers that missed the DNS update and leak.' },
    memoryHeadroom: {
      unit: 'percent of memory',
      description: 'Memory a server can lose before it cannot keep up with request handling (mean over servers).',
    },
    headroomSpread: { unit: 'percent', description: 'Servers’ headroom spreads evenly over ±this share of the mean.' },
    serverMemory: { unit: 'GB', description: 'Memory of a storage server.' },
    leakPerAttempt: { unit: 'KB', description: 'Memory the agent leaks on each failed attempt to reach the collector.' },
    attemptsPerMinute: { unit: '1/min', description: 'Attempts per minute of an agent at the week’s mean load.' },
    leakHoursBeforeStart: { unit: 'h', description: 'How long the servers had been leaking when the replay starts.' },
    mondayLoad: { unit: '×', description: 'Attempt rate on Monday after the morning rise, relative to the week’s mean.' },
    loadRiseFrom: { unit: 'h', description: 'Hours after the replay start at which Monday’s load starts to rise.' },
    loadRiseHours: { unit: 'h', description: 'Hours the load takes to rise to `mondayLoad`.' },
    failoverMinutes: { unit: 'min', description: 'Mean time before a stuck volume starts to move to a spare.' },
    remirrorMinutes: { unit: 'min', description: 'Mean time a volume takes to move (re-mirror) to a spare; stuck meanwhile.' },
    restartsPerHour: { unit: 'servers/h', description: 'Agents restarted (leaked memory reclaimed) per hour once reclaiming.' },
    leakAlarm: { unit: 'flag', description: '1: an alarm watches for the leak; 0: no working alarm.' },
    alarmHeadroom: { unit: 'percent of memory', description: 'Free memory on a leaking server at which the alarm fires.' },
    alarmResponseMinutes: { unit: 'min', description: 'From the alarm to stopping the leak and starting restarts.' },
    agentMemoryLimit: {
      unit: 'percent of memory',
      description: 'Per-process memory limit: the agent is killed and restarted when it holds this much (0: no limit).',
    },
  },
  series: {
    stuck: {
      title: 'Stuck volumes',
      unit: 'percent',
      description: 'Volumes of the Availability Zone that cannot serve I/O (% of its volumes).',
      // "Back to normal" is read as under 1% of the zone's volumes stuck (the incident's reading).
      threshold: 1,
      recoveryLevel: 1,
    },
    degradedServers: { title: 'Degraded servers', unit: 'servers', description: 'Storage servers past their memory headroom.', impact: true },
    leakingServers: { title: 'Leaking servers', unit: 'servers', description: 'Storage servers still leaking and still keeping up.' },
    headroom: {
      title: 'Memory headroom left',
      unit: 'percent of memory',
      description: 'Mean memory headroom left on the servers that missed the DNS update (0 for a degraded server).',
      worse: 'lower',
    },
    spareServers: {
      title: 'Spare room left',
      unit: 'servers',
      description: 'Room left on healthy servers to take over volumes, in servers’ worth.',
      worse: 'lower',
    },
    failingOver: { title: 'Volumes failing over', unit: 'percent', description: 'Volumes being re-mirrored to a spare (% of the AZ’s volumes; counted in stuck).' },
  },
  primarySeries: 'stuck',
  actions: {
    'dns-update-missed': { description: 'A share (`affectedFraction`) of the servers misses a DNS update and their agents start leaking.' },
    'stop-leak': { description: 'The agents stop leaking (the collector is reachable again or the agent is fixed); leaked memory stays until reclaimed.' },
    'reclaim-memory': { description: 'Operators restart agents at `restartsPerHour`, degraded servers first, reclaiming leaked memory.' },
  },
  init(ctx) {
    const p = ctx.params;
    const servers = Math.max(0, Math.round(p.servers!));
    const perServer = Math.max(0, p.volumesPerServer!);
    return {
      leak: createServerLeak(servers, p.memoryHeadroom!),
      volumes: createVolumeFailover(servers, perServer, Math.max(0, p.spareServers!) * perServer),
      affected: new Uint8Array(servers),
      baseHeadroom: Math.max(0, p.memoryHeadroom!),
      reclaiming: false,
      restartCredit: 0,
      alarmAt: null,
      alarmAnswered: false,
    };
  },
  apply,
  step,
  observe,
  invariants,
};
