// leaking-members: a fleet of members (servers) each of which may leak a resource (memory) until
// it crosses its own threshold and can no longer keep up with its work; restarts reclaim what
// leaked. Written for the EBS event of 22 October 2012 (incidents/aws-ebs-2012-10-22.yaml), whose
// sentences are quoted next to each mechanism; the per-member math is server-leak.ts.
//
// Members are stocks in `servers`: every member is in exactly one of
//   clean     not leaking, not degraded (it may still hold leaked memory after a `stop`),
//   leaking   leaking, with more than `warnBelow` headroom left,
//   warned    leaking, with `warnBelow` or less left (what an alarm on the leak would see),
//   degraded  past its threshold;
// and each member's headroom and leaked amount stay in the component's state (they are not
// amounts of the world: a server's memory does not move anywhere else). The headroom left on the
// members that started leaking is a stock too (`headroomLeft`, in % of one member's memory,
// summed over those members; the rest of their headroom is in `headroomLost`), so a series can
// show its mean as `headroomLeft / affected`.
//
// Equations, per step of dt minutes:
//   lost = ratePerMinute · ramp(t) · dt, where ramp(t) is 1 before `rampFrom` hours, rises
//          linearly to `rampTo` over `rampHours`, then stays (the attempts that leak follow the load);
//   leaked_i += lost for every leaking member; leaked_i ≥ cap (cap > 0) → the process is killed and
//          restarted: leaked_i = 0, not degraded; leaked_i ≥ headroom_i → degraded;
//   reclaiming: budget = credit + restartsPerHour·dt/60 (Poisson in Monte Carlo), floor(budget)
//          members restarted (leaked_i = 0): degraded first, longest degraded first (ties in fleet
//          order), then those that lost most. Member-failover gives back the volumes of the
//          members failed longest first, so the two agree on which members came back.
import type { ComponentType, StepApi } from '../compose/component.js';
import {
  createServerLeak,
  hasLeakedServers,
  reclaimServers,
  startServerLeak,
  stepServerLeak,
  stopServerLeak,
  type ServerLeak,
} from './server-leak.js';

const CLEAN = 0;
const LEAKING = 1;
const WARNED = 2;
const DEGRADED = 3;

export interface LeakingMembersState {
  leak: ServerLeak;
  /** 1 where the member started leaking (stays set after the leak is stopped). */
  affected: Uint8Array;
  /** Category each member is counted in now (CLEAN … DEGRADED). */
  category: Uint8Array;
  /** Members restarting at the throttled rate. */
  reclaiming: boolean;
  /** Fractional restarts carried over between steps (deterministic runs). */
  restartCredit: number;
  /** The `response` signal has been acted on. */
  responded: boolean;
  /** Stock slot of each category, by category. */
  slots: Int32Array;
  /**
   * Members in the order they degraded, oldest at `head` (a ring; an entry whose member has
   * recovered since, by its cap, is stale: `seq` no longer matches, and it is skipped).
   */
  queue: Int32Array;
  queueSeq: Float64Array;
  head: number;
  size: number;
  /** Number of each member's latest degradation (matches its live queue entry). */
  seq: Float64Array;
  nextSeq: number;
  /**
   * Members that ever started leaking are the first `touched` (`start` hits the fleet in
   * order): the others stay clean with nothing leaked, so the per-member loops stop there.
   */
  touched: number;
  /**
   * Some member leaks (between a `start` and a `stop`). While none does and no restart happens,
   * no member's category or headroom can change, and a step skips the pass over the fleet.
   */
  leakRunning: boolean;
  /**
   * No member holds leaked resource or is degraded, and none leaks: restarts have nothing to
   * reclaim until a new `start`.
   */
  allReclaimed: boolean;
}

function enqueue(s: LeakingMembersState, i: number): void {
  const cap = s.queue.length;
  if (s.size === cap) compact(s);
  const at = (s.head + s.size) % cap;
  s.seq[i] = ++s.nextSeq;
  s.queue[at] = i;
  s.queueSeq[at] = s.seq[i]!;
  s.size++;
}

/** Drop the stale entries (at most one live entry per member, so at least half go). */
function compact(s: LeakingMembersState): void {
  const cap = s.queue.length;
  let kept = 0;
  for (let j = 0; j < s.size; j++) {
    const at = (s.head + j) % cap;
    const i = s.queue[at]!;
    if (s.leak.degraded[i] !== 1 || s.queueSeq[at] !== s.seq[i]) continue;
    const to = (s.head + kept) % cap;
    s.queue[to] = i;
    s.queueSeq[to] = s.queueSeq[at]!;
    kept++;
  }
  s.size = kept;
}

/**
 * Restart up to `budget` members: the degraded ones, longest degraded first, then (through
 * server-leak's reclaimServers) those that lost the most. Returns the members restarted.
 */
function restart(s: LeakingMembersState, budget: number): number {
  const { leak } = s;
  const cap = s.queue.length;
  let left = Math.max(0, Math.floor(budget));
  let restarted = 0;
  while (left > 0 && s.size > 0) {
    const i = s.queue[s.head]!;
    const live = leak.degraded[i] === 1 && s.queueSeq[s.head] === s.seq[i];
    s.head = (s.head + 1) % cap;
    s.size--;
    if (!live) continue;
    leak.degraded[i] = 0;
    leak.leaked[i] = 0;
    left--;
    restarted++;
  }
  leak.reclaimed += restarted;
  return restarted + (left > 0 ? reclaimServers(leak, left) : 0);
}

/**
 * Rate multiplier at minute `t`: 1 until `rampFrom` hours, then a linear rise to `rampTo` over
 * `rampHours`, then flat (the EBS agents' attempts followed Monday morning's rising load).
 */
export function rampFactor(p: Readonly<Record<string, number>>, t: number): number {
  const hours = t / 60;
  const from = p.rampFrom!;
  const over = p.rampHours!;
  const peak = p.rampTo!;
  if (hours < from) return 1;
  if (over <= 0 || hours >= from + over) return peak;
  return 1 + ((peak - 1) * (hours - from)) / over;
}

/** Move every member whose category changed to its new stock; keep `headroomLeft` in step. */
function classify(s: LeakingMembersState, api: StepApi): void {
  const { category, affected } = s;
  // Local arrays, not loads through `s.leak` in the loop: it runs once per member per step
  // (60 million times in a replay of a thousand members at 1 s steps), and the calls in it
  // (rare: a member changing category) would make every iteration reload them.
  const { headroom, leaked, degraded, leaking } = s.leak;
  const warn = api.p.warnBelow!;
  let left = 0;
  // Members past `touched` never leaked: clean, unaffected, nothing to recount.
  const n = s.touched;
  for (let i = 0; i < n; i++) {
    const room = Math.max(0, headroom[i]! - leaked[i]!);
    if (affected[i] === 1) left += room;
    const next = degraded[i] === 1 ? DEGRADED : leaking[i] === 0 ? CLEAN : room <= warn ? WARNED : LEAKING;
    const was = category[i]!;
    if (next !== was) recategorise(s, api, i, was, next);
  }
  // The headroom left on the affected members, recomputed (not accumulated) so the mean a series
  // shows is the sum over the members, whatever the order of leaks and restarts.
  settleHeadroomLeft(api, left);
}

/** Count member `i` in category `next` instead of `was` (rare: at most a few times a member). */
function recategorise(s: LeakingMembersState, api: StepApi, i: number, was: number, next: number): void {
  if (next === DEGRADED) enqueue(s, i);
  api.move(s.slots[was]!, s.slots[next]!, 1, api.flow.changed!);
  s.category[i] = next;
}

/**
 * One step of a leak with no restart in it: every leaking member loses `amount` (server-leak's
 * `stepServerLeak`: the cap first, then the threshold), then each member is classified as in
 * `classify`, in one pass over the members that ever leaked instead of two (one of them over
 * the whole fleet). While a leak runs this is the whole step, at every step: at 1 s steps a
 * thousand members make it the replay's largest cost. A member's leaked amount and state stay
 * in locals once read (a store to one typed array makes V8 reload the others, which might be
 * the same memory), and the rare change of category is a call outside the loop's body: the
 * pass took about 20 ns a member, now under 10. Per member it does what the two passes did, in
 * the same order (a member's leak and category depend only on itself; the moves and the
 * headroom sum go in fleet order as before), so the numbers are the same to the bit. Returns
 * the processes killed at their cap.
 */
function leakAndClassify(s: LeakingMembersState, api: StepApi, amount: number, cap: number): number {
  const { category, affected } = s;
  const { headroom, leaked, degraded, leaking } = s.leak;
  const limit = cap > 0 ? cap : Number.POSITIVE_INFINITY;
  const warn = api.p.warnBelow!;
  const n = s.touched;
  let capRestarts = 0;
  let left = 0;
  for (let i = 0; i < n; i++) {
    let x = leaked[i]!;
    let d = degraded[i]!;
    const on = leaking[i]!;
    if (on !== 0) {
      x += amount;
      if (x >= limit) {
        x = 0;
        d = 0;
        degraded[i] = 0;
        capRestarts++;
      } else if (x >= headroom[i]! && d === 0) {
        d = 1;
        degraded[i] = 1;
      }
      leaked[i] = x;
    }
    const room = Math.max(0, headroom[i]! - x);
    if (affected[i] === 1) left += room;
    const next = d === 1 ? DEGRADED : on === 0 ? CLEAN : room <= warn ? WARNED : LEAKING;
    const was = category[i]!;
    if (next !== was) recategorise(s, api, i, was, next);
  }
  s.leak.capRestarts += capRestarts;
  settleHeadroomLeft(api, left);
  return capRestarts;
}

/**
 * Move `headroomLeft` to `left`, the headroom now left on the affected members: `now − left`
 * down or `left − now` up, the same number as |now − left| (x − y is −(y − x) exactly). One
 * subtraction, one test and one call site, all run by a move either way: while a leak runs the
 * headroom falls at every step, and the first step where it did not (nothing left to lose) met
 * a comparison V8 had never seen run.
 * Inlined into `leakAndClassify`, whose loop V8 compiles on the stack (OSR) and keeps that code
 * for the next call, that comparison bailed out of it at every step from then on, 1,100–1,400
 * times in some replays of the EBS day at 1 s steps (`--trace-deopt`).
 */
function settleHeadroomLeft(api: StepApi, left: number): void {
  const port = api.port;
  const fall = api.values[port.headroomLeft!]! - left;
  const amount = Math.abs(fall);
  if (amount > 0) {
    const falls = fall > 0;
    api.move(
      falls ? port.headroomLeft! : port.headroomLost!,
      falls ? port.headroomLost! : port.headroomLeft!,
      amount,
      falls ? api.flow.headroomLost! : api.flow.headroomReclaimed!,
    );
  }
}

function stop(s: LeakingMembersState): void {
  stopServerLeak(s.leak);
  s.leakRunning = false;
}

export const leakingMembers: ComponentType<LeakingMembersState> = {
  type: 'leaking-members',
  description:
    'A fleet whose members leak a resource (memory) while a fault lasts, each degrading past its own threshold; a per-process cap kills the leaking process first, restarts at a throttled rate reclaim what leaked.',
  equations:
    'leaked_i += rate·ramp(t)·dt while leaking; leaked_i ≥ cap → leaked_i = 0 (cap > 0); leaked_i ≥ headroom_i → degraded; reclaim: floor(credit + restartsPerHour·dt/60) members restarted per step, longest degraded first',
  parameters: {
    members: { unit: 'servers', description: 'members of the fleet (rounded to a whole number)', min: 0 },
    headroom: { unit: 'percent of memory', description: 'resource a member can lose and still keep up (mean over members)', min: 0 },
    headroomSpread: { unit: 'percent', description: 'members’ headroom spreads evenly over ±this share of the mean', default: 0, min: 0 },
    fraction: { unit: 'percent', description: 'share of the members that start leaking on `start`', default: 100 },
    ratePerMinute: { unit: 'percent of memory/min', description: 'resource a leaking member loses per minute at a ramp factor of 1', min: 0 },
    leakedBefore: {
      unit: 'percent of memory',
      description: 'resource already lost when `start` applies at the replay’s start (the fault began before it)',
      default: 0,
    },
    rampFrom: { unit: 'h', description: 'hours after the start at which the leak rate starts to rise', default: 0 },
    rampHours: { unit: 'h', description: 'hours the rise takes', default: 0 },
    rampTo: { unit: '×', description: 'leak rate after the rise, relative to `ratePerMinute`', default: 1 },
    cap: { unit: 'percent of memory', description: 'per-process limit: the leaking process is killed and restarted when it holds this much (0: none)', default: 0 },
    warnBelow: {
      unit: 'percent of memory',
      description: 'a leaking member with this much headroom left or less is counted in `warned`',
      default: 0,
    },
    restartsPerHour: { unit: 'servers/h', description: 'members restarted per hour once reclaiming', default: 0 },
  },
  stocks: {
    pool: { unit: 'servers', access: 'write', optional: true, role: 'source', description: 'where the members come from at the start' },
    clean: { unit: 'servers', access: 'write', description: 'members neither leaking nor degraded' },
    leaking: { unit: 'servers', access: 'write', description: 'members leaking, still keeping up' },
    warned: { unit: 'servers', access: 'write', optional: true, description: 'leaking members with `warnBelow` or less headroom left' },
    degraded: { unit: 'servers', access: 'write', description: 'members past their threshold' },
    affected: { unit: 'servers', access: 'write', optional: true, description: 'members that ever started leaking (a tally, also counted in one of the states)' },
    marked: { unit: 'servers', access: 'write', optional: true, role: 'source', description: 'where the `affected` tally comes from' },
    headroomLeft: { unit: 'percent of memory', access: 'write', optional: true, description: 'headroom left, summed over the affected members' },
    headroomLost: {
      unit: 'percent of memory',
      access: 'write',
      optional: true,
      role: 'source',
      description: 'headroom the affected members lost (a source: members joining the tally bring their headroom from it)',
    },
    response: { unit: 'signals', access: 'read', optional: true, description: 'when positive, the leak stops and restarts begin (the answer to an alarm)' },
  },
  flows: {
    changed: { unit: 'servers', description: 'members moved from one state to another' },
    started: { unit: 'servers', description: 'members that started leaking' },
    capRestarts: { unit: 'servers', description: 'leaking processes killed at their cap and restarted' },
    restarts: { unit: 'servers', description: 'members restarted to reclaim what leaked' },
    headroomLost: { unit: 'percent of memory', description: 'headroom lost by the affected members' },
    headroomReclaimed: { unit: 'percent of memory', description: 'headroom given back by restarts' },
  },
  actions: {
    start: { description: 'a share (`fraction`) of the members start leaking (a fault such as a missed DNS update)' },
    stop: { description: 'the leak stops (the fault is gone or fixed); what leaked stays until reclaimed' },
    reclaim: { description: 'operators restart members at `restartsPerHour`, longest degraded first, reclaiming what leaked' },
  },

  init(api) {
    const n = Math.max(0, Math.round(api.p.members!));
    api.move(api.port.pool!, api.port.clean!, n, api.flow.changed!);
    return {
      leak: createServerLeak(n, api.p.headroom!),
      affected: new Uint8Array(n),
      category: new Uint8Array(n),
      reclaiming: false,
      restartCredit: 0,
      responded: false,
      slots: Int32Array.of(api.port.clean!, api.port.leaking!, api.port.warned!, api.port.degraded!),
      queue: new Int32Array(2 * n + 2),
      queueSeq: new Float64Array(2 * n + 2),
      head: 0,
      size: 0,
      seq: new Float64Array(n),
      nextSeq: 0,
      touched: 0,
      leakRunning: false,
      allReclaimed: false,
    };
  },

  apply(s, action, _args, api) {
    switch (action) {
      case 'start':
        start(s, api);
        break;
      case 'stop':
        stop(s);
        break;
      case 'reclaim':
        s.reclaiming = true;
        break;
    }
    classify(s, api);
  },

  step(s, api) {
    const p = api.p;
    // Whether a member may change category in this step: the leak goes on, stops now, or a
    // restart reclaims something.
    let changes = s.leakRunning;
    // The answer to an alarm (see `alarm`): stop the leak and restart, as was done once the root
    // cause was found.
    if (!s.responded && api.values[api.port.response!]! > 0) {
      s.responded = true;
      stop(s);
      s.reclaiming = true;
    }

    // "By Monday morning, the rate of memory loss became quite high and consumed enough memory on
    // the affected storage servers that they were unable to keep up with normal request handling
    // processes." (AWS, quoted by TechCrunch.) Memory lost = leak per failed attempt × attempts;
    // the attempts follow the load, which rises on Monday morning after the weekend, so the week's
    // slow loss turns fast just as the servers' headroom runs out. A server past its headroom is
    // degraded. A per-process memory limit (`cap`, 0 = none) kills the agent first.
    // With no restarts, the leak and the classification are one pass (the common step while a
    // leak runs unnoticed).
    if (s.leakRunning && !s.reclaiming) {
      const killed = leakAndClassify(s, api, p.ratePerMinute! * rampFactor(p, api.t) * api.dt, p.cap!);
      if (killed > 0) api.count(api.flow.capRestarts!, killed);
      return;
    }
    const before = s.leak.capRestarts;
    // With no member leaking, stepServerLeak has nothing to do.
    if (s.leakRunning) stepServerLeak(s.leak, p.ratePerMinute! * rampFactor(p, api.t) * api.dt, p.cap!);
    if (s.leak.capRestarts > before) api.count(api.flow.capRestarts!, s.leak.capRestarts - before);

    // Restarts reclaim the leaked memory at `restartsPerHour`, degraded servers first.
    // (Deterministic runs give the servers their headroom in fleet order, so they degrade in
    // fleet order too, and longest-degraded first is the fleet order the old integrator used.)
    // Once nothing is left to reclaim and no member leaks, nothing will be until a new `start`:
    // the search over the fleet is not repeated at every step of the hours that follow.
    if (s.reclaiming && !s.allReclaimed && !hasLeakedServers(s.leak, s.touched)) {
      if (!s.leakRunning) s.allReclaimed = true;
    } else if (s.reclaiming && !s.allReclaimed) {
      const mean = (p.restartsPerHour! * api.dt) / 60;
      const budget = api.random ? api.random.poisson('restarts', mean) : s.restartCredit + mean;
      const whole = Math.floor(budget);
      const restarted = restart(s, whole);
      api.count(api.flow.restarts!, restarted);
      if (restarted > 0) changes = true;
      if (!api.random) s.restartCredit = budget - whole;
    }
    if (changes) classify(s, api);
  },
};

// "After installation, the server did not propagate its DNS address correctly and so a fraction
// of servers did not get the message. Those servers kept trying to reach the server" (TechCrunch).
// A share `fraction` of the members start leaking. Their headroom is spread evenly
// (±`headroomSpread`) around `headroom`, so they cross their threshold over a spread of times:
// deterministic runs place the members at evenly spaced quantiles of that spread, Monte Carlo
// runs draw how many members are hit and each one's headroom. Which members they are does not
// matter to the model, so they are the first ones of the fleet: the loops over the fleet then
// branch the same way for long runs, which keeps a Monte Carlo run as fast as a deterministic one.
// A fault that lies before the replay (the week before) has been leaking for a while at the
// replay's start (`leakedBefore`); applied later (a scenario moving it), it starts now.
function start(s: LeakingMembersState, api: StepApi): void {
  const p = api.p;
  const n = s.affected.length;
  const fraction = Math.min(1, Math.max(0, p.fraction! / 100));
  const spread = Math.min(1, Math.max(0, p.headroomSpread! / 100));
  const base = Math.max(0, p.headroom!);
  const already = api.t <= 0 ? p.leakedBefore! : 0;
  const random = api.random;
  // Deterministic: the expected count, rounded half down (member i is hit when (i + ½)/n < f).
  const count = random ? random.binomial('affected', n, fraction) : Math.min(n, Math.max(0, Math.ceil(fraction * n - 0.5)));
  for (let k = 0; k < count; k++) {
    const q = random ? random.uniform('headroom') : (k + 0.5) / count;
    const headroom = base * (1 - spread + 2 * spread * q);
    if (s.affected[k] === 0) {
      s.affected[k] = 1;
      api.move(api.port.marked!, api.port.affected!, 1, api.flow.started!);
    }
    startServerLeak(s.leak, k, headroom, already);
  }
  s.touched = Math.max(s.touched, count);
  if (count > 0) {
    s.leakRunning = true;
    s.allReclaimed = false;
  }
}
