// fleet-membership: a fleet whose members learn of each other after a discovery delay, each
// paying a per-member cost that grows with the fleet it knows (one OS thread per peer), and
// failing once that cost passes a limit. Operators add members to a cell at a rate and roll
// them back; members that a restart brings back learn the fleet as it is then.
//
// Calibrated on the Amazon Kinesis event of 25 November 2020. The quotes are from the AWS
// summary (aws.amazon.com/message/11201) as reported by the seed article
// (shared/seeds/003_8814c68e3357f6f7.txt) and shared/FACTS.md:
//   "For Kinesis communication, each front-end server creates operating system threads for
//   each of the other servers in the front-end fleet."
//   "Upon any addition of capacity, the servers that are already operating members of the
//   fleet will learn of new servers joining and establish the appropriate threads. It takes up
//   to an hour for any existing front-end fleet member to learn of new participants."
//   Past the limit, "cache construction was failing to complete and front-end servers were
//   ending up with useless shard-maps that left them unable to route requests to back-end
//   clusters."
//
// Equations. Members are split into cells (each knows only its own cell) and, within a cell,
// into lag classes k with lag λ_k (the middle of the class's slice of the delay D; classes are
// never narrower than `lagResolution`, so their number does not grow as the step shrinks). M_c(t)
// is the size of cell c at t (recorded each step, linear between steps). A member of class k
// that last synced with the membership service at time a knows
//     peers = M_c(max(a, t − λ_k)) − 1,    threads = baseThreads + peers,
// and fails (useful → failed) at the first step where peers > threadLimit − baseThreads. A
// failed member stays failed, whatever the fleet does next, until a restart.
//
// Members that joined or restarted at a (a *cohort*) know M_c(a) for their classes with
// λ_k > t − a; their check, M_c(a) − 1 > budget, cannot change while the budget does not, so it
// is made once, when they join. Class k of a cohort merges into the class's discovery pool as
// soon as t − λ_k ≥ a, from when the two see the same fleet: each (cohort, class) pair is
// touched twice, so the cost per step is O(cells × classes), independent of the step (the old
// integrator rechecked every cohort of the last D/dt steps in every class at every step).
//
// Stocks are totals (servers in each state); the split by cell and class is this component's
// state. Servers another component takes out of `failed` (a restart) are taken from every
// group in proportion, and their groups are remembered until they come back through `restarted`
// (readmitted) or `rejected` (failed again), in proportion too.
import type { ArgValue, RandomSource } from '../types.js';
import type { ComponentType, StepApi } from '../compose/component.js';
import {
  fleetDiscovery,
  knownPeers,
  membersAt,
  recordMembers,
  slidingExtremes,
  slidingExtremesOver,
  type FleetDiscovery,
  type SlidingExtremes,
} from './fleet-discovery.js';
import { drainAtRate, emptyObjectList, startRamp, stepRamp, type Ramp } from './operator-actions.js';
import { advanceStaleShardMaps, createStaleShardMaps, keepStaleShardMaps, type StaleShardMaps } from './stale-shard-maps.js';

/** Members arriving (or leaving) a cell at a steady rate until `remaining` is exhausted. */
interface CellRamp extends Ramp {
  cell: number;
}

/** An empty list of ramps (see `emptyObjectList`; the lists are compacted in place, never replaced). */
function rampList(): CellRamp[] {
  return emptyObjectList<CellRamp>({ cell: 0, remaining: 0, ratePerMinute: 0 });
}

/** Drop the ramps that have nothing left to move, in place (order kept). */
function keepUnfinished(list: CellRamp[]): void {
  let kept = 0;
  for (let i = 0; i < list.length; i++) if (list[i]!.remaining > 1e-9) list[kept++] = list[i]!;
  list.length = kept;
}

/** Cohorts of one cell not yet merged into discovery in every class, in join order (a ring). */
interface Cohorts {
  /** When each cohort synced, and the peers it knows until its classes merge. */
  at: Float64Array;
  peers: Float64Array;
  /**
   * Members per class, divided by the cell's scale when stored (removal scales lazily), class
   * by class: `counts[k · rowStride(capacity) + slot]`. Each step merges about one cohort per class, each
   * class a different one; laid out by cohort, those were K cache lines far apart, missed at
   * every step once the ring outgrew the cache (a ramp at 1 s steps: 3,600 cohorts × 60
   * classes), which made the cost per step grow as the step shrank. By class, a class's next
   * cohorts share its cache line.
   */
  counts: Float64Array;
  /** Absolute index of the first cohort in the ring, and the number of cohorts. */
  first: number;
  length: number;
  /** Per class: absolute index of the next cohort to merge. */
  next: Int32Array;
  /** Product of the removal factors applied to the cell since the ring was (re)based. */
  scale: number;
  /** Members in unmerged classes, and Σ members × peers over them (for threads). */
  members: number;
  /** (cohort, class) slots holding members: at 0 the running sums are exactly 0, not rounding. */
  alive: number;
  peerSum: number;
}

interface State {
  cells: number;
  classes: number;
  fleets: FleetDiscovery[];
  windows: SlidingExtremes[];
  /** Class shares per cell (deterministic: equal; Monte Carlo: drawn per cell). */
  shares: Float64Array;
  /** Members per group (cell × class) in discovery, failed, and restarting. */
  useful: Float64Array;
  failed: Float64Array;
  booting: Float64Array;
  cohorts: Cohorts[];
  /** Members per cell at the start: the demand each cell must serve is a share of it. */
  initial: Float64Array;
  additions: CellRamp[];
  removals: CellRamp[];
  joinedByCell: Float64Array;
  removedByCell: Float64Array;
  /** `failed` as this component left it: what is missing was taken by a restart. */
  failedStock: number;
  /** The budget changed (a `set`): recheck every unmerged cohort at the next step. */
  recheck: boolean;
  /** Time of the last step's end (for `update`, which gets no clock). */
  now: number;
  /** Scratch, allocated once. */
  extremes: { min: number; max: number };
  cellScratch: Float64Array;
  /** Members past the limit still routing on the map they built before (stale-shard-maps.ts). */
  maps: StaleShardMaps;
  /** Members of each cell that crossed the limit in this step, from discovery. */
  crossed: Float64Array;
}

type Params = Readonly<Record<string, number>>;

// Parameters may come from hand-edited files: keep the state sane whatever they are.
const nonNegative = (x: number | undefined): number => (x !== undefined && Number.isFinite(x) && x > 0 ? x : 0);
const cellCount = (p: Params): number => Math.max(1, Math.min(64, Math.round(nonNegative(p.cells) || 1)));
/** The OS limit; a negative one (a typo in a file) reads as 0: no thread allowed. */
const limitOf = (p: Params): number => (p.threadLimit === undefined ? Number.POSITIVE_INFINITY : nonNegative(p.threadLimit));
/** Threads a member may spend on peers before it crosses the limit. */
const peerBudget = (p: Params): number => limitOf(p) - nonNegative(p.baseThreads);
/** Past the budget by more than rounding: fleet sizes are sums of fractional arrivals. */
const overBudget = (peers: number, budget: number): boolean => peers > budget + 1e-9 * Math.max(1, Math.abs(budget));

export const fleetMembership: ComponentType<State> = {
  type: 'fleet-membership',
  description:
    'A fleet in cells whose members learn of new peers within a discovery delay, each needing base + one thread per known peer, failing past a thread limit until restarted; operators add members to a cell at a rate and roll them back.',
  equations:
    'peers(k, a) = M_c(max(a, t − λ_k)) − 1; useful → failed when peers > threadLimit − baseThreads; threads = Σ members × (baseThreads + peers); routing_c = members that crossed the limit in the last mapLifetime minutes (less what restarts and removals took); unserved = Σ_c max(0, demandShare·initial_c − useful_c − routing_c)',
  parameters: {
    members: { unit: 'servers', description: 'members of the fleet at the start (split equally between cells)', min: 0 },
    cells: { unit: 'cells', description: 'independent cells the fleet is split into; a member knows only its cell', default: 1, min: 1, max: 64, integer: true },
    baseThreads: { unit: 'threads', description: 'threads a member uses besides one per known peer' },
    // No lower bound: a negative limit (a typo) reads as 0, no thread allowed.
    threadLimit: { unit: 'threads', description: 'most threads a member may use; past it, it fails' },
    discoveryDelay: { unit: 'minutes', description: 'longest time a member takes to learn of a membership change', min: 0 },
    lagResolution: {
      unit: 'minutes',
      description: 'narrowest discovery lag class: below this step the classes stay as wide, so the cost per step stays flat',
      default: 1,
      min: 0,
    },
    added: { unit: 'servers', description: 'members `add` brings up (unless the action says)', default: 0, min: 0 },
    additionMinutes: { unit: 'minutes', description: 'time over which `add` brings them up', default: 0, min: 0 },
    removalMinutes: { unit: 'minutes', description: 'time over which `remove-added` takes the joined ones out', default: 0, min: 0 },
    demandShare: { unit: 'fraction', description: 'share of each cell’s starting members the demand needs', default: 1, min: 0 },
    mapLifetime: {
      unit: 'minutes',
      description: 'how long a member past the limit still routes on the shard-map it built before crossing (0: useless at once)',
      default: 0,
      min: 0,
      // The component keeps a ring of this many minutes per cell: a day bounds its memory.
      max: 1440,
    },
  },
  stocks: {
    useful: { unit: 'servers', access: 'write', description: 'members that can serve' },
    failed: { unit: 'servers', access: 'write', description: 'members past the limit, useless until restarted' },
    restarted: { unit: 'servers', access: 'write', optional: true, description: 'members back from a restart, to readmit' },
    rejected: { unit: 'servers', access: 'write', optional: true, description: 'restarting members that failed again, back to `failed`' },
    reserve: { unit: 'servers', access: 'write', optional: true, role: 'source', description: 'where new members come from' },
    pending: { unit: 'servers', access: 'write', optional: true, description: 'members asked for and not brought up yet' },
    cancelled: { unit: 'servers', access: 'write', optional: true, role: 'sink', description: 'pending members a rollback cancelled' },
    removed: { unit: 'servers', access: 'write', optional: true, role: 'sink', description: 'members taken out of the fleet' },
    threads: { unit: 'threads', access: 'write', optional: true, description: 'threads the members hold' },
    os: { unit: 'threads', access: 'write', optional: true, role: 'source', description: 'where threads come from and go back to' },
    demand: { unit: 'server-demand', access: 'write', optional: true, description: 'demand, in members needed to serve it' },
    unserved: { unit: 'server-demand', access: 'write', optional: true, description: 'demand the useful members cannot carry, summed over cells' },
    routing: {
      unit: 'server-demand',
      access: 'write',
      optional: true,
      description: 'demand carried by members past the limit that still route on their last shard-map',
    },
    requests: { unit: 'server-demand', access: 'write', optional: true, role: 'source', description: 'where demand comes from' },
  },
  flows: {
    requested: { unit: 'servers', description: 'members asked for' },
    joined: { unit: 'servers', description: 'members brought up' },
    cancelled: { unit: 'servers', description: 'pending members cancelled' },
    removed: { unit: 'servers', description: 'members taken out' },
    failed: { unit: 'servers', description: 'members crossing the limit' },
    readmitted: { unit: 'servers', description: 'restarted members serving again' },
    refailed: { unit: 'servers', description: 'restarted members learning a fleet still over the limit, or rejected' },
    threadsAcquired: { unit: 'threads', description: 'threads started' },
    threadsReleased: { unit: 'threads', description: 'threads ended' },
    demandChange: { unit: 'server-demand', description: 'changes of the demand and of its unserved part' },
  },
  actions: {
    add: {
      description: 'bring up `added` members in one cell over `additionMinutes`',
      args: {
        cell: { description: 'index of the cell that grows (default 0)' },
        amount: { description: 'members to bring up (default: the `added` parameter)', unit: 'servers', min: 0 },
        overMinutes: { description: 'over this many minutes (default: `additionMinutes`)', unit: 'minutes', min: 0 },
      },
    },
    'remove-added': {
      description: 'roll the additions back: cancel members not brought up yet, take out the joined ones over `removalMinutes`',
    },
  },
  timeConstants: (p) => [{ parameter: 'discoveryDelay', minutes: p.discoveryDelay! }],

  init(api) {
    const p = api.p;
    const cells = cellCount(p);
    const size = nonNegative(p.members);
    const fleets: FleetDiscovery[] = [];
    for (let c = 0; c < cells; c++) {
      fleets.push(
        fleetDiscovery({
          delayMinutes: nonNegative(p.discoveryDelay),
          stepMinutes: api.dt,
          classMinutes: nonNegative(p.lagResolution),
          members: size / cells,
          random: api.random as RandomSource | null,
          stream: `discovery-lag/cell-${c}`,
        }),
      );
    }
    const K = fleets[0]!.lags.length;
    const G = cells * K;
    const shares = new Float64Array(G);
    for (let c = 0; c < cells; c++) shares.set(fleets[c]!.shares, c * K);
    const s: State = {
      cells,
      classes: K,
      fleets,
      windows: fleets.map(slidingExtremes),
      shares,
      useful: new Float64Array(G),
      failed: new Float64Array(G),
      booting: new Float64Array(G),
      cohorts: fleets.map(() => cohortRing(K)),
      initial: new Float64Array(cells).fill(size / cells),
      additions: rampList(),
      removals: rampList(),
      joinedByCell: new Float64Array(cells),
      removedByCell: new Float64Array(cells),
      failedStock: FRACTION,
      recheck: false,
      now: FRACTION,
      extremes: asFractions({ min: FRACTION, max: FRACTION }, { min: 0, max: 0 }),
      cellScratch: new Float64Array(cells),
      maps: createStaleShardMaps(cells, nonNegative(p.mapLifetime), api.dt),
      crossed: new Float64Array(cells),
    };
    const budget = peerBudget(p);
    for (let c = 0; c < cells; c++) {
      // A fleet already past the limit at the start fails at once: nothing hides it.
      const over = overBudget(size / cells - 1, budget);
      const target = over ? s.failed : s.useful;
      for (let k = 0; k < K; k++) target[c * K + k] = (size / cells) * shares[c * K + k]!;
      api.move(api.port.reserve!, over ? api.port.failed! : api.port.useful!, size / cells, api.flow.joined!);
    }
    // Fields created as fractions (see `FRACTION`), set now.
    s.now = 0;
    s.failedStock = api.values[api.port.failed!]!;
    gauges(s, api, 0);
    return s;
  },

  apply(s, action, args, api) {
    const p = api.p;
    if (action === 'add') {
      // "It happened after a "small addition of capacity" to its front-end fleet of Kinesis
      // servers." Brought up at a steady rate over the window of the event.
      const servers = nonNegative(numberOr(args.amount, p.added));
      const minutes = nonNegative(numberOr(args.overMinutes, p.additionMinutes));
      const cell = cellArg(args, s.cells);
      api.move(api.port.reserve!, api.port.pending!, servers, api.flow.requested!);
      s.additions.push({ cell, ...startRamp(servers, { overMinutes: minutes }) });
      return;
    }
    // `remove-added`: "AWS had already rolled back the additional capacity that triggered the
    // event": members not brought up yet are cancelled, the joined ones taken out over the
    // window. Removal does not rebuild anyone's cache: a member whose construction failed keeps
    // its useless shard-map until it restarts (hence "a full restart of the fleet is decided").
    for (const a of s.additions) api.move(api.port.pending!, api.port.cancelled!, a.remaining, api.flow.cancelled!);
    s.additions.length = 0;
    s.removals.length = 0;
    const minutes = nonNegative(p.removalMinutes);
    for (let c = 0; c < s.cells; c++) {
      const toRemove = s.joinedByCell[c]! - s.removedByCell[c]!;
      if (toRemove <= 0) continue;
      s.removals.push({ cell: c, ...startRamp(toRemove, { overMinutes: minutes }) });
    }
  },

  update(s, api, previous) {
    if (peerBudget(api.p) !== peerBudget(previous)) s.recheck = true;
    gauges(s, api, s.now);
  },

  step(s, api) {
    const next = api.t + api.dt;
    // One call site for every phase (see `phases`).
    for (let i = 0; i < phases.length; i++) phases[i]!(s, api, next);
  },
};

/** One phase of a step: state, the world, the step's end. */
type Phase = (s: State, api: StepApi, next: number) => void;

/**
 * A restart (run before this component) took members out of `failed`: they bootstrap.
 */
function restartsTaken(s: State, api: StepApi): void {
  const taken = s.failedStock - api.values[api.port.failed!]!;
  if (taken > 0) takeRestarting(s, taken);
}

/**
 * "Bootstrapping servers compete with request handling, so a fast restart gets servers marked
 * unhealthy and removed": those back in `rejected` rejoin `failed`.
 */
function rejectedBack(s: State, api: StepApi): void {
  const port = api.port;
  const rejected = api.values[port.rejected!]!;
  if (rejected > 0) {
    fromBooting(s, rejected, s.failed);
    api.move(port.rejected!, port.failed!, rejected, api.flow.refailed!);
  }
}

/** Each cell's size at the step's end, and what the cohorts that joined in it know. */
function recordSizes(s: State, _api: StepApi, next: number): void {
  for (let c = 0; c < s.cells; c++) recordMembers(s.fleets[c]!, next, membersOf(s, c));
  syncJoinedCohorts(s, next);
}

function readmitRestarted(s: State, api: StepApi, next: number): void {
  const ready = api.values[api.port.restarted!]!;
  if (ready > 0) readmit(s, api, next, peerBudget(api.p), ready);
}

/** Classes whose discovery has caught up with their cohort's sync merge into discovery. */
function mergeAllCaughtUp(s: State, _api: StepApi, next: number): void {
  for (let c = 0; c < s.cells; c++) mergeCaughtUp(s, c, next);
}

function failPastBudget(s: State, api: StepApi, next: number): void {
  failCrossing(s, api, next, peerBudget(api.p));
}

/** The maps of this step's crossings, and what the next step compares against. */
function endStep(s: State, api: StepApi, next: number): void {
  advanceStaleShardMaps(s.maps, s.crossed);
  s.crossed.fill(0);
  s.failedStock = api.values[api.port.failed!]!;
  s.now = next;
}

/**
 * The phases of a step, in order, each a function of its own called from one call site. The
 * step runs once per replay step (79,000 times at 1 s steps for the Kinesis day), and phases
 * start hours into an incident (the additions, the rollback, the restarts): a phase V8 had never
 * seen run, called from an optimised step (or from the engine's span loop, into which the step
 * is inlined), threw that code away at its first run, and with it everything compiled into it,
 * five to seven times in a replay, each recompiling a large function (100–180 ms of compiler
 * time on a loaded machine, the replay running unoptimised meanwhile). Called through one call
 * site with many targets, the phases are not inlined into the step: a phase that starts late is
 * compiled, and recompiled, on its own, and the step and the span loop keep their code.
 */
const phases: readonly Phase[] = [
  restartsTaken,
  rejectedBack,
  joinAdditions,
  stepRemovals,
  recordSizes,
  readmitRestarted,
  mergeAllCaughtUp,
  failPastBudget,
  endStep,
  gauges,
];

/**
 * A restart (run before this component) took `taken` members out of `failed`: from every group
 * in proportion, remembered per group while they bootstrap.
 */
function takeRestarting(s: State, taken: number): void {
  const total = sum(s.failed);
  const f = total > 0 ? Math.min(1, taken / total) : 0;
  for (let g = 0; g < s.failed.length; g++) {
    const n = s.failed[g]! * f;
    s.failed[g]! -= n;
    s.booting[g]! += n;
  }
  // The restart takes still-routing members in the same proportion as the others.
  for (let c = 0; c < s.cells; c++) keepStaleShardMaps(s.maps, c, 1 - f);
}

/**
 * New members join. Each learns the fleet from the membership service as it starts, then learns
 * of later changes within the discovery delay like everyone else.
 */
function joinAdditions(s: State, api: StepApi, next: number): void {
  if (s.additions.length === 0) return;
  const K = s.classes;
  const dt = api.dt;
  const port = api.port;
  const flow = api.flow;
  let joining = false;
  for (const a of s.additions) {
    const n = stepRamp(a, dt);
    if (n <= 0) continue;
    s.joinedByCell[a.cell]! += n;
    api.move(port.pending!, port.useful!, n, flow.joined!);
    const ring = s.cohorts[a.cell]!;
    const j = openCohort(ring, next, K);
    const stride = rowStride(ring.at.length);
    for (let k = 0; k < K; k++) addTo(ring, k * stride + j, (n * s.shares[a.cell * K + k]!) / ring.scale);
    ring.members += n;
    joining = true;
  }
  if (joining) keepUnfinished(s.additions);
}

/**
 * The rollback takes members out of every state but restarting in proportion: the model does
 * not track which members were the added ones once they joined (only counts matter).
 */
function stepRemovals(s: State, api: StepApi): void {
  if (s.removals.length === 0) return;
  const dt = api.dt;
  for (const r of s.removals) {
    // Only what the cell still holds leaves: the ramp keeps the rest to take.
    const out = takeFromCell(s, r.cell, drainAtRate(r.remaining, r.ratePerMinute, dt), api);
    r.remaining -= out;
    s.removedByCell[r.cell]! += out;
  }
  keepUnfinished(s.removals);
}

/** Cohorts that joined in this step know the fleet as it is now. */
function syncJoinedCohorts(s: State, next: number): void {
  const K = s.classes;
  for (let c = 0; c < s.cells; c++) {
    const ring = s.cohorts[c]!;
    if (ring.length > 0 && ring.at[slot(ring, ring.first + ring.length - 1)] === next) {
      const j = slot(ring, ring.first + ring.length - 1);
      const peers = Math.max(0, membersAt(s.fleets[c]!, next) - 1);
      ring.peerSum += (peers - ring.peers[j]!) * cohortMembers(ring, j, K);
      ring.peers[j] = peers;
    }
  }
}

/**
 * A restarted member learns the fleet as it is now, from the membership service rather than
 * through discovery; with the limit unchanged ("The limit was not raised for the restart") it
 * only comes back useful once the fleet is small enough again.
 */
function readmit(s: State, api: StepApi, next: number, budget: number, ready: number): void {
  const K = s.classes;
  const port = api.port;
  const flow = api.flow;
  const v = api.values;
  const total = sum(s.booting);
  const f = total > 0 ? Math.min(1, ready / total) : 0;
  let back = 0;
  let again = 0;
  for (let c = 0; c < s.cells; c++) {
    const peers = Math.max(0, membersAt(s.fleets[c]!, next) - 1);
    const over = overBudget(peers, budget);
    const ring = s.cohorts[c]!;
    let j = -1;
    for (let k = 0; k < K; k++) {
      const g = c * K + k;
      const n = s.booting[g]! * f;
      if (!(n > 0)) continue;
      s.booting[g]! -= n;
      if (over) {
        s.failed[g]! += n;
        again += n;
      } else {
        if (j < 0) {
          // A cohort opened here holds nobody yet: its members are the sum of K zeros, 0 (the
          // pass over its K rows is spared; the newest cohort may be one additions opened).
          const fresh = !newestAt(ring, next);
          j = openCohort(ring, next, K);
          ring.peerSum += (peers - ring.peers[j]!) * (fresh ? 0 : cohortMembers(ring, j, K));
          ring.peers[j] = peers;
        }
        addTo(ring, k * rowStride(ring.at.length) + j, n / ring.scale);
        ring.members += n;
        ring.peerSum += n * peers;
        back += n;
      }
    }
  }
  // What the groups hand back is the inbox, to rounding: move all of it.
  const share = back + again > 0 ? back / (back + again) : 0;
  api.move(port.restarted!, port.useful!, ready * share, flow.readmitted!);
  api.move(port.restarted!, port.failed!, v[port.restarted!]!, flow.refailed!);
}

/**
 * "Upon any addition of capacity, the servers that are already operating members of the fleet
 * will learn of new servers joining and establish the appropriate threads." Past the limit,
 * "cache construction was failing to complete".
 */
function failCrossing(s: State, api: StepApi, next: number, budget: number): void {
  const K = s.classes;
  const port = api.port;
  const v = api.values;
  let failedNow = 0;
  for (let c = 0; c < s.cells; c++) {
    const fleet = s.fleets[c]!;
    const ring = s.cohorts[c]!;
    // Cohorts of this step (or all, after a budget change): their check is M(a) − 1.
    if (ring.length > 0) {
      const from = s.recheck ? ring.first : ring.first + ring.length - 1;
      for (let a = from; a < ring.first + ring.length; a++) {
        const j = slot(ring, a);
        if ((s.recheck || ring.at[j] === next) && overBudget(ring.peers[j]!, budget)) failedNow += failCohort(s, c, a);
      }
    }
    // Every view of this cell over the last delay is at most its peak size then: when that
    // fits, nobody crosses the limit and the per-class check can be skipped.
    slidingExtremesOver(s.windows[c]!, next - fleet.delayMinutes, next, s.extremes);
    if (!overBudget(s.extremes.max - 1, budget)) continue;
    for (let k = 0; k < K; k++) {
      const g = c * K + k;
      if (s.useful[g]! > 0 && overBudget(knownPeers(fleet, next, k), budget)) {
        failedNow += s.useful[g]!;
        // These members built a map before they crossed: it routes for `mapLifetime` more.
        // (Cohorts that join past the limit above never built one.)
        s.crossed[c]! += s.useful[g]!;
        s.failed[g]! += s.useful[g]!;
        s.useful[g] = 0;
      }
    }
  }
  s.recheck = false;
  if (failedNow > 0) {
    // The stock is the groups' total: what the groups lost, with any rounding the running
    // total gathered, so that a fleet whose every group failed holds exactly no useful server.
    let left = 0;
    for (let c = 0; c < s.cells; c++) left += s.cohorts[c]!.members;
    for (let g = 0; g < s.useful.length; g++) left += s.useful[g]!;
    api.move(port.useful!, port.failed!, Math.max(failedNow, v[port.useful!]! - left), api.flow.failed!);
  }
}

function numberOr(x: ArgValue | undefined, fallback: number | undefined): number | undefined {
  return typeof x === 'number' ? x : fallback;
}

function cellArg(args: Readonly<Record<string, ArgValue>>, cells: number): number {
  const raw = args.cell;
  const cell = typeof raw === 'number' ? Math.round(raw) : 0;
  if (!(cell >= 0 && cell < cells)) throw new Error(`add-capacity: cell ${String(raw)} does not exist; cells are 0 to ${cells - 1}`);
  return cell;
}

function cohortRing(K: number): Cohorts {
  // A power of two, doubled when full: slots are then a mask, not a division.
  const cap = 16;
  // The running sums and the scale are fractions once the day starts: created as fractions (see
  // `asFractions`), not as the small integers they start at.
  return asFractions(
    {
      at: new Float64Array(cap),
      peers: new Float64Array(cap),
      counts: new Float64Array(rowStride(cap) * K),
      first: 0,
      length: 0,
      next: new Int32Array(K),
      scale: FRACTION,
      members: FRACTION,
      alive: 0,
      peerSum: FRACTION,
    },
    { scale: 1, members: 0, peerSum: 0 },
  );
}

/**
 * A value V8 cannot store as a small integer, to create a field that will hold fractions.
 * V8 fixes a field's representation by the first value stored in it: a field created with 0
 * that later holds 0.5 changes the shape of its object, and every optimised function that had
 * seen the old shape is thrown away and compiled again. In a fresh process that happened to
 * the cohort rings and the state a few minutes into the replayed day, to seven of this
 * component's functions (nine deoptimisations for a wrong shape in the Kinesis replay; two,
 * elsewhere, are left). Created as fractions, the fields keep their shape, and storing an
 * integer in them later changes nothing: the replay of the Kinesis day at 1 s steps in a fresh
 * process took about a sixth less CPU (1.33 s against 1.60 s, four runs of each, alternated).
 */
const FRACTION = 0.5;

/** `object` with `start`'s values stored in its fields (created as fractions). */
function asFractions<T extends object>(object: T, start: Partial<T>): T {
  return Object.assign(object, start);
}

/**
 * Distance between two classes' rows of `counts`: a line (8 counts) past the capacity, so that
 * the rows, whose capacity is a power of two, do not all fall in the same cache sets (a step
 * touches one slot in every row).
 */
const rowStride = (capacity: number): number => capacity + 8;

/** Ring slot of an absolute cohort index (the capacity is a power of two). */
const slot = (ring: Cohorts, absolute: number): number => absolute & (ring.at.length - 1);

/** Whether the newest cohort of the ring synced at `at`. */
function newestAt(ring: Cohorts, at: number): boolean {
  return ring.length > 0 && ring.at[slot(ring, ring.first + ring.length - 1)] === at;
}

/** The cohort synced at `at` (the newest if it is that one), its ring slot. */
function openCohort(ring: Cohorts, at: number, K: number): number {
  if (newestAt(ring, at)) return slot(ring, ring.first + ring.length - 1);
  if (ring.length === ring.at.length) growRing(ring, K);
  const j = slot(ring, ring.first + ring.length);
  ring.length++;
  ring.at[j] = at;
  ring.peers[j] = 0;
  const stride = rowStride(ring.at.length);
  for (let k = 0; k < K; k++) ring.counts[k * stride + j] = 0;
  return j;
}

/**
 * Doubles the ring; absolute indices stay valid (slots are recomputed modulo the new size).
 * Cohorts are copied in runs that are contiguous in both rings, row by row, with `set`: the
 * ring grows a few times in a replay, too seldom for V8 to optimise a loop over every slot of
 * every row, which (at 1 s steps, thousands of cohorts times the classes) ran unoptimised.
 */
function growRing(ring: Cohorts, K: number): void {
  const old = ring.at.length;
  const cap = old * 2;
  const at = new Float64Array(cap);
  const peers = new Float64Array(cap);
  const counts = new Float64Array(rowStride(cap) * K);
  const end = ring.first + ring.length;
  for (let a = ring.first; a < end; ) {
    const i = a % old;
    const j = a % cap;
    // The longest run from `a` that wraps in neither ring.
    const run = Math.min(end - a, old - i, cap - j);
    at.set(ring.at.subarray(i, i + run), j);
    peers.set(ring.peers.subarray(i, i + run), j);
    for (let k = 0; k < K; k++) {
      const from = k * rowStride(old) + i;
      counts.set(ring.counts.subarray(from, from + run), k * rowStride(cap) + j);
    }
    a += run;
  }
  ring.at = at;
  ring.peers = peers;
  ring.counts = counts;
}

/** Members of a cohort in its classes not merged yet (actual counts). */
function cohortMembers(ring: Cohorts, j: number, K: number): number {
  const absolute = absoluteOf(ring, j);
  let n = 0;
  const stride = rowStride(ring.at.length);
  for (let k = 0; k < K; k++) if (ring.next[k]! <= absolute) n += ring.counts[k * stride + j]!;
  return n * ring.scale;
}

function absoluteOf(ring: Cohorts, j: number): number {
  const cap = ring.at.length;
  return ring.first + ((j - slot(ring, ring.first) + cap) & (cap - 1));
}

/** Fail a cohort's unmerged classes at once (it knows a fleet past the limit). Returns members failed. */
function failCohort(s: State, c: number, absolute: number): number {
  const K = s.classes;
  const ring = s.cohorts[c]!;
  const j = slot(ring, absolute);
  const stride = rowStride(ring.at.length);
  let n = 0;
  for (let k = 0; k < K; k++) {
    if (ring.next[k]! > absolute) continue;
    const x = ring.counts[k * stride + j]! * ring.scale;
    if (!(x > 0)) continue;
    s.failed[c * K + k]! += x;
    ring.counts[k * stride + j] = 0;
    ring.alive--;
    n += x;
  }
  ring.members -= n;
  ring.peerSum -= n * ring.peers[j]!;
  settle(ring);
  return n;
}

/** Per class, merge the cohorts whose sync the class's discovery lag has caught up with. */
function mergeCaughtUp(s: State, c: number, next: number): void {
  const ring = s.cohorts[c]!;
  if (ring.length === 0) return;
  const K = s.classes;
  const lags = s.fleets[c]!.lags;
  const end = ring.first + ring.length;
  // Run once per step per class: the ring's arrays and running sums in locals (the same
  // operations in the same order as on the ring's fields).
  const { at, counts, peers, next: nextOf, scale } = ring;
  const useful = s.useful;
  const mask = at.length - 1;
  let alive = ring.alive;
  let members = ring.members;
  let peerSum = ring.peerSum;
  let done = end;
  for (let k = 0; k < K; k++) {
    // From t − λ_k ≥ a the class sees M(t − λ_k), as discovery does: nothing tells them apart.
    const seenUpTo = next - lags[k]!;
    const row = k * rowStride(at.length);
    let a = Math.max(nextOf[k]!, ring.first);
    while (a < end && at[a & mask]! <= seenUpTo) {
      const j = a & mask;
      const x = counts[row + j]! * scale;
      if (x > 0) {
        useful[c * K + k]! += x;
        alive--;
        members -= x;
        peerSum -= x * peers[j]!;
      }
      a++;
    }
    nextOf[k] = a;
    // Cohorts merged in every class leave the ring.
    if (a < done) done = a;
  }
  ring.alive = alive;
  ring.members = members;
  ring.peerSum = peerSum;
  ring.length -= done - ring.first;
  ring.first = done;
  settle(ring);
}

/** A ring that holds nobody: clear the running sums' rounding (and rebase the scale if empty). */
function settle(ring: Cohorts): void {
  if (ring.alive > 0) return;
  ring.alive = 0;
  ring.members = 0;
  ring.peerSum = 0;
  if (ring.length === 0) ring.scale = 1;
}

function addTo(ring: Cohorts, i: number, x: number): void {
  if (!(x > 0)) return;
  if (!(ring.counts[i]! > 0)) ring.alive++;
  ring.counts[i]! += x;
}

/** Take back from `booting` (per group, in proportion) `amount` members into `into`. */
function fromBooting(s: State, amount: number, into: Float64Array): void {
  const total = sum(s.booting);
  const f = total > 0 ? Math.min(1, amount / total) : 0;
  for (let g = 0; g < s.booting.length; g++) {
    const n = s.booting[g]! * f;
    s.booting[g]! -= n;
    into[g]! += n;
  }
}

/** Take up to `n` members out of one cell's serving and failed states in proportion. */
function takeFromCell(s: State, c: number, n: number, api: StepApi): number {
  const K = s.classes;
  const ring = s.cohorts[c]!;
  let useful = ring.members;
  let failed = 0;
  for (let k = 0; k < K; k++) {
    useful += s.useful[c * K + k]!;
    failed += s.failed[c * K + k]!;
  }
  const available = useful + failed;
  const taken = Math.min(n, available);
  if (!(taken > 0)) return 0;
  const keep = 1 - taken / available;
  keepStaleShardMaps(s.maps, c, keep);
  for (let k = 0; k < K; k++) {
    s.useful[c * K + k]! *= keep;
    s.failed[c * K + k]! *= keep;
  }
  if (keep > 1e-12) {
    ring.scale *= keep;
    ring.members *= keep;
    ring.peerSum *= keep;
    if (ring.scale < 1e-150) rebase(ring, s.classes);
  } else {
    // Everyone in the cell goes: the cohorts are empty.
    for (let a = ring.first; a < ring.first + ring.length; a++) for (let k = 0; k < K; k++) ring.counts[k * rowStride(ring.at.length) + slot(ring, a)] = 0;
    ring.members = 0;
    ring.peerSum = 0;
    ring.alive = 0;
  }
  const fromUseful = useful * (1 - keep);
  api.move(api.port.useful!, api.port.removed!, fromUseful, api.flow.removed!);
  api.move(api.port.failed!, api.port.removed!, taken - fromUseful, api.flow.removed!);
  return taken;
}

function rebase(ring: Cohorts, K: number): void {
  for (let a = ring.first; a < ring.first + ring.length; a++) {
    const j = slot(ring, a);
    for (let k = 0; k < K; k++) ring.counts[k * rowStride(ring.at.length) + j]! *= ring.scale;
  }
  ring.scale = 1;
}

function bootingIn(s: State, c: number): number {
  let n = 0;
  for (let g = c * s.classes, end = g + s.classes; g < end; g++) n += s.booting[g]!;
  return n;
}

function membersOf(s: State, c: number): number {
  const K = s.classes;
  let n = bootingIn(s, c) + s.cohorts[c]!.members;
  for (let g = c * K, end = g + K; g < end; g++) n += s.useful[g]! + s.failed[g]!;
  return n;
}

/**
 * The gauges at time t: threads the members hold, the demand and the part of it the useful
 * members cannot carry, each cell serving its own share ("spare servers in one cell do not
 * help another").
 */
function gauges(s: State, api: StepApi, t: number): void {
  const p = api.p;
  const port = api.port;
  const K = s.classes;
  const base = nonNegative(p.baseThreads);
  const demandShare = nonNegative(p.demandShare);
  let threadSum = 0;
  let unserved = 0;
  let demandAll = 0;
  let routingAll = 0;
  for (let c = 0; c < s.cells; c++) {
    const fleet = s.fleets[c]!;
    const ring = s.cohorts[c]!;
    // membersOf and the useful members in one pass (the same sums, in the same order).
    const booting = bootingIn(s, c);
    let m = booting + ring.members;
    let usefulCell = ring.members;
    for (let g = c * K, end = g + K; g < end; g++) {
      m += s.useful[g]! + s.failed[g]!;
      usefulCell += s.useful[g]!;
    }
    // Members past the limit still routing on their last map carry demand like useful ones.
    const routing = s.maps.routing[c]!;
    usefulCell += routing;
    routingAll += routing;
    slidingExtremesOver(s.windows[c]!, t - fleet.delayMinutes, t, s.extremes);
    const view = s.extremes;
    if (view.max - view.min <= 1e-9 * Math.max(1, view.max)) {
      // A fleet steady over the last delay (to rounding): every member knows all of it.
      threadSum += m * (base + Math.max(0, view.max - 1));
    } else {
      for (let k = 0; k < K; k++) {
        const g = c * K + k;
        threadSum += (s.useful[g]! + s.failed[g]!) * (base + knownPeers(fleet, t, k));
      }
      threadSum += ring.members * base + ring.peerSum;
      threadSum += booting * (base + Math.max(0, membersAt(fleet, t) - 1));
    }
    const demand = demandShare * s.initial[c]!;
    demandAll += demand;
    // Shares summed over lag classes are off by rounding; a millionth of a server is not an error.
    if (demand > 0 && usefulCell < demand - 1e-6) unserved += demand - usefulCell;
  }
  setGauge(api, port.threads!, port.os!, threadSum, api.flow.threadsAcquired!, api.flow.threadsReleased!);
  setGauge(api, port.demand!, port.requests!, demandAll, api.flow.demandChange!, api.flow.demandChange!);
  setGauge(api, port.unserved!, port.requests!, unserved, api.flow.demandChange!, api.flow.demandChange!);
  if (port.routing !== undefined && port.routing >= 0) {
    setGauge(api, port.routing, port.requests!, routingAll, api.flow.demandChange!, api.flow.demandChange!);
  }
}

/**
 * Bring a gauge stock to `target` through its source: `target − have` up, or `have − target`
 * down, which is the same number as |target − have| (x − y is −(y − x) exactly in floating
 * point). Written with one subtraction, one test and one call site, all run by a move in either
 * direction: a gauge's first fall (threads released, demand served again) comes hours into a
 * replay, and the subtraction, comparison or call of a branch V8 had never seen run threw the
 * optimised `gauges` away there and compiled it again. (Not `a || b`: `b` stays unrun while `a`
 * holds, and the bundler inlines a constant used once into the place it is used.)
 */
function setGauge(api: StepApi, stock: number, source: number, target: number, up: number, down: number): void {
  const rise = target - api.values[stock]!;
  const amount = Math.abs(rise);
  if (amount > 0) {
    const grows = rise > 0;
    api.move(grows ? source : stock, grows ? stock : source, amount, grows ? up : down);
  }
}

function sum(a: Float64Array): number {
  let x = 0;
  for (let i = 0; i < a.length; i++) x += a[i]!;
  return x;
}
