// `thread-limit`: a front-end fleet in which every server keeps one OS thread per peer, so a
// capacity addition can take every server past the operating system's thread limit at once.
// Calibrated on the Amazon Kinesis event of 25 November 2020 (incidents/aws-kinesis-2020-11-25.yaml).
//
// The quotes below are from the AWS summary (aws.amazon.com/message/11201) as reported by
// the seed article (shared/seeds/003_8814c68e3357f6f7.txt) and shared/FACTS.md.
//
// Servers are counted per group, a group being a (cell, discovery lag class) pair. Every server
// is in exactly one state:
//   useful      serving, its shard-map built (`useful`, or `synced` if it (re)started less
//               than a discovery delay ago and so still knows the fleet as of its start);
//   over-limit  its cache construction failed: it holds a useless shard-map until restarted;
//   bootstrapping  restarted, building its shard-map, not serving yet;
//   removed     taken out of the fleet (the added capacity, rolled back).
// Added servers not yet brought up are `pending`, and those the rollback cancels `cancelled`.
import type { ArgValue, ModelKind } from '../types.js';
import { ReplayError } from '../engine.js';
import {
  extremesOver,
  fleetDiscovery,
  knownPeers,
  membersAt,
  recordMembers,
  type FleetDiscovery,
} from '../components/fleet-discovery.js';
import {
  bootstrapping,
  markUnhealthy,
  startBoot,
  takeReady,
  throttledRestart,
  type ThrottledRestart,
} from '../components/throttled-restart.js';

/** Useful servers that (re)started at `at`: they know the fleet as it was then, at least. */
interface SyncedCohort {
  at: number;
  counts: Float64Array;
}

/** Servers arriving (or leaving) at a steady rate until `remaining` is exhausted. */
interface Flow {
  cell: number;
  perMinute: number;
  remaining: number;
}

export interface ThreadLimitState {
  cells: FleetDiscovery[];
  /** Lag classes per cell (the same in every cell). */
  classes: number;
  /** Servers per cell at the start: the demand each cell must serve is a share of this. */
  initial: Float64Array;
  /** Useful servers, per group, that know the fleet only through discovery. */
  useful: Float64Array;
  /** Useful servers that (re)started less than a discovery delay ago. */
  synced: SyncedCohort[];
  overLimit: Float64Array;
  restart: ThrottledRestart;
  /** True once the operators restart over-limit servers. */
  restarting: boolean;
  additions: Flow[];
  removals: Flow[];
  /** Servers asked for by `add-capacity`, and where they went. */
  requested: number;
  joined: number;
  joinedByCell: Float64Array;
  cancelled: number;
  removed: number;
  removedByCell: Float64Array;
}

const parameters = {
  fleetSize: { unit: 'servers', description: 'Front-end servers before the addition.' },
  baseThreads: { unit: 'threads', description: 'OS threads a server uses besides one per known peer.' },
  threadLimit: { unit: 'threads', description: 'Maximum threads per server allowed by the OS configuration.' },
  addedServers: { unit: 'servers', description: 'Servers brought up by `add-capacity`.' },
  additionMinutes: { unit: 'minutes', description: 'Time over which `add-capacity` brings them up.' },
  discoveryDelayMinutes: { unit: 'minutes', description: 'Longest time a server takes to learn of a membership change.' },
  removalMinutes: { unit: 'minutes', description: 'Time over which `remove-capacity` takes the added servers out.' },
  restartRate: { unit: 'servers/hour', description: 'Rate at which the operators restart over-limit servers.' },
  bootMinutes: { unit: 'minutes', description: 'Time from a restart until the server can take traffic.' },
  maxBootstrapping: {
    unit: 'servers',
    description: 'Servers that can bootstrap at once before the slowest fail their health checks.',
  },
  demandShare: {
    unit: 'fraction',
    description: 'Share of the pre-addition fleet’s capacity that the demand needs (per cell).',
  },
  // One fleet unless the file partitions it: the default is the structure, not a calibration.
  cells: { unit: 'cells', description: 'Independent front-end cells the fleet is split into (1: one fleet).', default: 1 },
} as const;

type Params = Readonly<Record<string, number>>;

// Parameters may come from hand-edited files: keep the state sane whatever they are.
const nonNegative = (x: number | undefined): number => (x !== undefined && Number.isFinite(x) && x > 0 ? x : 0);
const cellCount = (p: Params): number => Math.max(1, Math.min(64, Math.round(nonNegative(p.cells) || 1)));
/** The OS limit; a negative one (a typo in a file) reads as 0: no thread allowed. */
const limitOf = (p: Params): number => (p.threadLimit === undefined ? Number.POSITIVE_INFINITY : nonNegative(p.threadLimit));
/** Threads a server may spend on peers before it crosses the limit. */
const peerBudget = (p: Params): number => limitOf(p) - nonNegative(p.baseThreads);
/** Past the budget by more than rounding: fleet sizes are sums of fractional arrivals. */
const overBudget = (peers: number, budget: number): boolean => peers > budget + 1e-9 * Math.max(1, Math.abs(budget));

export const threadLimit: ModelKind<ThreadLimitState> = {
  id: 'thread-limit',
  description:
    'A front-end fleet where each server keeps one OS thread per peer it knows; servers learn of new peers within a discovery delay, fail to build their shard-map past the thread limit, and come back only through a rate-limited restart.',
  parameters,
  series: {
    errors: {
      title: 'Request errors',
      unit: 'percent',
      description: 'Share of requests the useful servers cannot serve, weighted over cells.',
      // Any error rate above a point is impact, and recovery means back under it: the default
      // (a tenth of the peak) would call 10% errors recovered.
      threshold: 1,
      recoveryLevel: 1,
    },
    useful: {
      title: 'Useful servers',
      unit: 'percent',
      description: 'Share of the servers in the fleet that can route requests.',
      worse: 'lower',
      impact: true,
    },
    threads: {
      title: 'Threads needed per server',
      unit: 'threads',
      description: 'Mean over the fleet of base threads plus one per known peer.',
    },
    threadLimit: { title: 'Thread limit', unit: 'threads', description: 'The OS limit, for the chart to draw against `threads`.' },
    overLimit: { title: 'Over-limit servers', unit: 'servers', description: 'Servers holding a useless shard-map.' },
    bootstrapping: { title: 'Bootstrapping servers', unit: 'servers', description: 'Restarted servers not serving yet.' },
    restarted: { title: 'Restarted servers', unit: 'servers', description: 'Restarts completed since the start.' },
    markedUnhealthy: {
      title: 'Marked unhealthy',
      unit: 'servers',
      description: 'Bootstrapping servers taken out by health checks since the start.',
    },
    fleet: { title: 'Fleet size', unit: 'servers', description: 'Servers in the fleet (not removed).' },
  },
  primarySeries: 'errors',
  actions: {
    'add-capacity': {
      description: 'Bring up `addedServers` new servers in one cell over `additionMinutes`.',
      args: { cell: { description: 'Index of the cell that grows (default 0).' } },
    },
    'remove-capacity': {
      description:
        'Roll back the added capacity: cancel servers not brought up yet and take out the ones that joined over `removalMinutes`.',
    },
    'restart-fleet': {
      description:
        'Restart over-limit servers at `restartRate`; each bootstraps for `bootMinutes` and learns the fleet at its size then.',
    },
  },

  init(ctx) {
    const p = ctx.params;
    const cellsN = cellCount(p);
    const size = nonNegative(p.fleetSize);
    const cells: FleetDiscovery[] = [];
    for (let c = 0; c < cellsN; c++) {
      cells.push(
        fleetDiscovery({
          delayMinutes: nonNegative(p.discoveryDelayMinutes),
          stepMinutes: ctx.dt,
          members: size / cellsN,
          random: ctx.random,
          stream: `discovery-lag/cell-${c}`,
        }),
      );
    }
    const classes = cells[0]!.lags.length;
    const groups = cellsN * classes;
    const useful = new Float64Array(groups);
    const overLimit = new Float64Array(groups);
    const budget = peerBudget(p);
    for (let c = 0; c < cellsN; c++) {
      // A fleet already past the limit at the start fails at once: nothing hides it.
      const target = overBudget(size / cellsN - 1, budget) ? overLimit : useful;
      for (let k = 0; k < classes; k++) target[c * classes + k] = (size / cellsN) * cells[c]!.shares[k]!;
    }
    return {
      cells,
      classes,
      initial: new Float64Array(cellsN).fill(size / cellsN),
      useful,
      synced: [],
      overLimit,
      restart: throttledRestart(groups),
      restarting: false,
      additions: [],
      removals: [],
      requested: 0,
      joined: 0,
      joinedByCell: new Float64Array(cellsN),
      cancelled: 0,
      removed: 0,
      removedByCell: new Float64Array(cellsN),
    };
  },

  apply(state, action, args, ctx) {
    const p = ctx.params;
    switch (action) {
      case 'add-capacity': {
        // "It happened after a "small addition of capacity" to its front-end fleet of Kinesis
        // servers." Brought up at a steady rate over the window of the event.
        const servers = nonNegative(p.addedServers);
        const minutes = nonNegative(p.additionMinutes);
        const cell = cellArg(args, state.cells.length);
        state.requested += servers;
        state.additions.push({ cell, remaining: servers, perMinute: minutes > 0 ? servers / minutes : Number.POSITIVE_INFINITY });
        return;
      }
      case 'remove-capacity': {
        // "AWS had already rolled back the additional capacity that triggered the event": the
        // servers not brought up yet are cancelled, the joined ones taken out over the window.
        // Removal does not rebuild anyone's cache: a server whose construction failed keeps its
        // useless shard-map until it restarts (hence "a full restart of the fleet is decided").
        for (const a of state.additions) state.cancelled += a.remaining;
        state.additions = [];
        state.removals = [];
        const minutes = nonNegative(p.removalMinutes);
        for (let c = 0; c < state.cells.length; c++) {
          const toRemove = state.joinedByCell[c]! - state.removedByCell[c]!;
          if (toRemove <= 0) continue;
          state.removals.push({
            cell: c,
            remaining: toRemove,
            perMinute: minutes > 0 ? toRemove / minutes : Number.POSITIVE_INFINITY,
          });
        }
        return;
      }
      case 'restart-fleet':
        // "a full restart of the fleet is decided" (07:51); it proceeds once the root cause is
        // confirmed (09:39) without raising the limit ("had reservations about boosting the
        // thread limit in case it delayed the recovery").
        state.restarting = true;
        return;
      default:
        throw new ReplayError(`thread-limit has no action \`${action}\`; known: add-capacity, remove-capacity, restart-fleet`);
    }
  },

  step(state, ctx) {
    const p = ctx.params;
    const dt = ctx.dt;
    const next = ctx.t + dt;
    const K = state.classes;

    // New servers join. Each learns the fleet from the membership service as it starts, then
    // learns of later changes within the discovery delay like everyone else.
    for (const a of state.additions) {
      const n = Math.min(a.remaining, a.perMinute * dt);
      if (n <= 0) continue;
      a.remaining -= n;
      state.joined += n;
      state.joinedByCell[a.cell]! += n;
      state.synced.push({ at: next, counts: spread(n, a.cell, state) });
    }
    state.additions = state.additions.filter((a) => a.remaining > 1e-9);

    // The rollback takes servers out of every state in proportion: the model does not track
    // which servers were the added ones once they have joined (only counts matter for threads).
    for (const r of state.removals) {
      const n = Math.min(r.remaining, r.perMinute * dt);
      const taken = takeFromCell(state, r.cell, n);
      r.remaining -= taken;
      state.removed += taken;
      state.removedByCell[r.cell]! += taken;
    }
    state.removals = state.removals.filter((r) => r.remaining > 1e-9);

    // The fleet "could be restarted only at "a few hundred" per hour" (FACTS.md, reporting the
    // AWS summary): over-limit servers are restarted at the operators' rate and bootstrap before
    // serving.
    if (state.restarting) {
      const total = sum(state.overLimit);
      const n = Math.min(total, (nonNegative(p.restartRate) / 60) * dt);
      if (n > 0) {
        const f = n / total;
        const counts = new Float64Array(state.overLimit.length);
        for (let g = 0; g < counts.length; g++) {
          counts[g] = state.overLimit[g]! * f;
          state.overLimit[g]! -= counts[g]!;
        }
        // Restarted at the start of the step, so a boot of B minutes serves B minutes later.
        startBoot(state.restart, counts, ctx.t + nonNegative(p.bootMinutes));
      }
    }
    // "Bootstrapping servers compete with request handling, so a fast restart gets servers
    // marked unhealthy and removed": past the bound, the newest go back to the restart queue.
    const unhealthy = markUnhealthy(state.restart, p.maxBootstrapping ?? Number.POSITIVE_INFINITY);
    addInto(state.overLimit, unhealthy);

    for (let c = 0; c < state.cells.length; c++) recordMembers(state.cells[c]!, next, membersOf(state, c));

    const budget = peerBudget(p);
    // A restarted server learns the fleet as it is now, from the membership service rather than
    // through discovery; with the limit unchanged ("The limit was not raised for the restart")
    // it only comes back useful once the fleet is small enough again.
    const ready = takeReady(state.restart, next);
    if (ready) {
      const back = new Float64Array(ready.length);
      for (let g = 0; g < ready.length; g++) {
        const peers = Math.max(0, membersAt(state.cells[Math.floor(g / K)]!, next) - 1);
        if (overBudget(peers, budget)) state.overLimit[g]! += ready[g]!;
        else back[g] = ready[g]!;
      }
      if (sum(back) > 0) state.synced.push({ at: next, counts: back });
    }

    // Servers synced longer ago than the delay know the fleet only through discovery now.
    const delay = state.cells[0]!.delayMinutes;
    state.synced = state.synced.filter((s) => {
      if (s.at > next - delay - 1e-9) return true;
      addInto(state.useful, s.counts);
      return false;
    });

    // "Upon any addition of capacity, the servers that are already operating members of the
    // fleet will learn of new servers joining and establish the appropriate threads. It takes up
    // to an hour for any existing front-end fleet member to learn of new participants." Past the
    // limit, "cache construction was failing to complete and front-end servers were ending up
    // with useless shard-maps that left them unable to route requests to back-end clusters."
    for (let c = 0; c < state.cells.length; c++) {
      const fleet = state.cells[c]!;
      // Every view of this cell over the last delay is at most its peak size then: when that
      // fits, nobody crosses the limit and the per-class check can be skipped.
      if (!overBudget(extremesOver(fleet, next - fleet.delayMinutes, next).max - 1, budget)) continue;
      for (let k = 0; k < K; k++) {
        const g = c * K + k;
        if (state.useful[g]! > 0 && overBudget(knownPeers(fleet, next, k), budget)) {
          state.overLimit[g]! += state.useful[g]!;
          state.useful[g] = 0;
        }
        for (const s of state.synced) {
          if (s.counts[g]! > 0 && overBudget(knownPeers(fleet, next, k, s.at), budget)) {
            state.overLimit[g]! += s.counts[g]!;
            s.counts[g] = 0;
          }
        }
      }
    }
  },

  observe(state, ctx, out) {
    const p = ctx.params;
    const K = state.classes;
    const base = nonNegative(p.baseThreads);
    const demandShare = nonNegative(p.demandShare);
    const totalInitial = sum(state.initial);
    let members = 0;
    let usefulAll = 0;
    let errors = 0;
    let threadSum = 0;
    for (let c = 0; c < state.cells.length; c++) {
      const fleet = state.cells[c]!;
      const m = membersOf(state, c);
      members += m;
      let usefulCell = cellSum(state.useful, c, K);
      for (const s of state.synced) usefulCell += cellSum(s.counts, c, K);
      const view = extremesOver(fleet, ctx.t - fleet.delayMinutes, ctx.t);
      if (view.max - view.min <= 1e-9 * Math.max(1, view.max)) {
        // A fleet steady over the last delay (to rounding): every server knows all of it.
        threadSum += m * (base + Math.max(0, view.max - 1));
      } else {
        for (let k = 0; k < K; k++) {
          const g = c * K + k;
          threadSum += (state.useful[g]! + state.overLimit[g]!) * (base + knownPeers(fleet, ctx.t, k));
        }
        for (const s of state.synced) {
          for (let k = 0; k < K; k++) {
            const n = s.counts[c * K + k]!;
            if (n > 0) threadSum += n * (base + knownPeers(fleet, ctx.t, k, s.at));
          }
        }
        threadSum += bootstrappingCell(state, c) * (base + Math.max(0, membersAt(fleet, ctx.t) - 1));
      }
      usefulAll += usefulCell;
      // Each cell serves its own share of the streams: spare servers in one cell do not help
      // another. A cell's errors are the demand its useful servers cannot carry.
      const demand = demandShare * state.initial[c]!;
      // Shares summed over lag classes are off by rounding; a millionth of a server is not an error.
      const cellErrors = demand > 0 && usefulCell < demand - 1e-6 ? 1 - usefulCell / demand : 0;
      errors += totalInitial > 0 ? (state.initial[c]! / totalInitial) * cellErrors : 0;
    }
    out.errors = 100 * errors;
    out.useful = members > 0 ? (100 * usefulAll) / members : 0;
    out.threads = members > 0 ? threadSum / members : base;
    out.threadLimit = p.threadLimit === undefined ? Number.NaN : limitOf(p);
    out.overLimit = sum(state.overLimit);
    out.bootstrapping = bootstrapping(state.restart);
    out.restarted = state.restart.completed;
    out.markedUnhealthy = state.restart.markedUnhealthy;
    out.fleet = members;
  },

  invariants(state) {
    const problems: string[] = [];
    const scale = 1e-6 * Math.max(1, sum(state.initial) + state.requested);
    const check = (name: string, a: Float64Array) => {
      for (let g = 0; g < a.length; g++) if (!(a[g]! >= -scale)) problems.push(`${name}[${g}] = ${a[g]} is negative`);
    };
    check('useful', state.useful);
    check('overLimit', state.overLimit);
    state.synced.forEach((s, i) => check(`synced[${i}]`, s.counts));
    state.restart.cohorts.forEach((c, i) => check(`bootstrapping[${i}]`, c.counts));
    let inStates = 0;
    for (let c = 0; c < state.cells.length; c++) inStates += membersOf(state, c);
    const expected = sum(state.initial) + state.joined - state.removed;
    if (Math.abs(inStates - expected) > scale) {
      problems.push(`servers not conserved: ${inStates} in states, expected initial + joined − removed = ${expected}`);
    }
    const pending = state.additions.reduce((n, a) => n + a.remaining, 0);
    if (Math.abs(state.joined + pending + state.cancelled - state.requested) > scale) {
      problems.push(`added servers not conserved: joined ${state.joined} + pending ${pending} + cancelled ${state.cancelled} ≠ requested ${state.requested}`);
    }
    if (state.removed > state.joined + scale) problems.push(`removed ${state.removed} more servers than joined ${state.joined}`);
    return problems;
  },
};

function cellArg(args: Readonly<Record<string, ArgValue>>, cells: number): number {
  const raw = args.cell;
  const cell = typeof raw === 'number' ? Math.round(raw) : 0;
  if (!(cell >= 0 && cell < cells)) throw new ReplayError(`add-capacity: cell ${String(raw)} does not exist; cells are 0 to ${cells - 1}`);
  return cell;
}

/** `n` servers of one cell spread over its lag classes in the cell's shares. */
function spread(n: number, cell: number, state: ThreadLimitState): Float64Array {
  const counts = new Float64Array(state.useful.length);
  const shares = state.cells[cell]!.shares;
  for (let k = 0; k < state.classes; k++) counts[cell * state.classes + k] = n * shares[k]!;
  return counts;
}

/** Take up to `n` servers out of one cell's serving and over-limit states in proportion. */
function takeFromCell(state: ThreadLimitState, cell: number, n: number): number {
  const K = state.classes;
  const pools = [state.useful, state.overLimit, ...state.synced.map((s) => s.counts)];
  let available = 0;
  for (const pool of pools) for (let k = 0; k < K; k++) available += pool[cell * K + k]!;
  const taken = Math.min(n, available);
  if (taken <= 0) return 0;
  const keep = 1 - taken / available;
  for (const pool of pools) for (let k = 0; k < K; k++) pool[cell * K + k]! *= keep;
  return taken;
}

function bootstrappingCell(state: ThreadLimitState, cell: number): number {
  let n = 0;
  for (const cohort of state.restart.cohorts) n += cellSum(cohort.counts, cell, state.classes);
  return n;
}

function membersOf(state: ThreadLimitState, cell: number): number {
  const K = state.classes;
  let n = bootstrappingCell(state, cell) + cellSum(state.useful, cell, K) + cellSum(state.overLimit, cell, K);
  for (const s of state.synced) n += cellSum(s.counts, cell, K);
  return n;
}

/** Servers of one cell in a per-group array (the cell's groups are contiguous). */
function cellSum(a: Float64Array, cell: number, classes: number): number {
  let n = 0;
  for (let g = cell * classes, end = g + classes; g < end; g++) n += a[g]!;
  return n;
}

function addInto(target: Float64Array, source: Float64Array): void {
  for (let g = 0; g < target.length; g++) target[g]! += source[g]!;
}

function sum(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}
