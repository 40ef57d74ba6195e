// member-failover: every member of a fleet holds the same number of volumes; the volumes of a
// member that fails are stuck, and fail over to spare room on healthy members until the room runs
// out. "The server degradation came all at once, causing a tax on the system as not enough
// healthy servers could be found to replace them all." (TechCrunch, on the EBS event of
// 22 October 2012.) "If a volume should fail (primary or backup), EBS searches the physical
// volumes to find one with enough space to use as a replacement redundant volume." (Availability
// Digest.)
//
// Volumes are stocks in `volumes`: serving (on healthy members), stuck (still on failed members),
// moving (being re-mirrored to a spare: stuck too), moved (served by a spare). Spare room is a
// stock in `volume slots`: free, and used (claimed when a move starts, so moves in flight never
// exceed it). Moved volumes stay where they went; the volumes still on a member serve again as
// soon as it recovers.
//
// The component learns which members fail from the `failed` stock (members, in `servers`), not
// which ones: it keeps the failed members in cohorts, oldest first, each with the volumes one of
// its members still holds. A rise of the stock is a new cohort holding a healthy member's volumes
// (all of them for a member that never failed; the mean over the healthy members once some came
// back with fewer); a fall returns the oldest cohorts' volumes first — the members failed longest
// are restarted first. That is the order of the fleets that use it (leaking-members degrades and
// restarts in the same order); a rise and a fall within one step cancel out.
//
// Equations, per step of dt minutes (after the failed members are synced):
//   done = moving · (1 − e^(−dt/finishMinutes)): moving → moved;
//   asked = Σ_cohorts n_c·v_c · (1 − e^(−dt/startMinutes)); granted = min(asked, free);
//   each cohort's v_c loses v_c·(1 − e^(−dt/startMinutes))·granted/asked: stuck → moving;
//   granted: free → used.
// The cohorts are at most one per failed member, so a step costs at most one pass over the
// failed members, whatever the step.
import type { ComponentType, StepApi } from '../compose/component.js';

/** Probability that an event of mean waiting time `meanMinutes` happens within `dt` minutes. */
export function stepProbability(meanMinutes: number, dt: number): number {
  if (!(meanMinutes > 0)) return 1;
  return 1 - Math.exp(-dt / meanMinutes);
}

export interface MemberFailoverState {
  /** Ring of cohorts of failed members, oldest at `head`: member count, volumes left per member. */
  count: Float64Array;
  volumes: Float64Array;
  head: number;
  size: number;
  /** Failed members counted in the cohorts. */
  failed: number;
  /** Members that came back after failing (they may hold fewer volumes). */
  returned: number;
  /** Members of the fleet, and volumes per member at the start. */
  members: number;
  perMember: number;
  /**
   * The step's probabilities to finish and to start a move, and the dt and means they were
   * computed for: they change only with `set` or the step, and two exponentials at every step
   * were a tenth of this component's cost at 1 s steps.
   */
  odds: Float64Array;
}

/** [dt, finishMinutes, startMinutes, finish, start] in `odds`, recomputed when an input changed. */
function stepOdds(s: MemberFailoverState, api: StepApi): Float64Array {
  const odds = s.odds;
  const finishMinutes = api.p.finishMinutes!;
  const startMinutes = api.p.startMinutes!;
  if (odds[0] !== api.dt || odds[1] !== finishMinutes || odds[2] !== startMinutes) {
    odds[0] = api.dt;
    odds[1] = finishMinutes;
    odds[2] = startMinutes;
    odds[3] = stepProbability(finishMinutes, api.dt);
    odds[4] = stepProbability(startMinutes, api.dt);
  }
  return odds;
}

function push(s: MemberFailoverState, n: number, v: number): void {
  const cap = s.count.length;
  if (s.size === cap) {
    // Full (fractional cohorts): merge into the newest, at their mean volumes per member.
    const last = (s.head + s.size - 1) % cap;
    const total = s.count[last]! + n;
    s.volumes[last] = total > 0 ? (s.count[last]! * s.volumes[last]! + n * v) / total : v;
    s.count[last] = total;
    return;
  }
  const at = (s.head + s.size) % cap;
  s.count[at] = n;
  s.volumes[at] = v;
  s.size++;
}

/** Bring the cohorts in line with the `failed` stock. */
function sync(s: MemberFailoverState, api: StepApi): void {
  const now = api.values[api.port.failed!]!;
  const port = api.port;
  if (now > s.failed) {
    const n = now - s.failed;
    const healthy = s.members - s.failed;
    const v = s.returned > 0 && healthy > 0 ? api.values[port.serving!]! / healthy : s.perMember;
    push(s, n, v);
    api.move(port.serving!, port.stuck!, n * v, api.flow.failed!);
    s.failed = now;
  } else if (now < s.failed) {
    let back = s.failed - now;
    let volumes = 0;
    const cap = s.count.length;
    while (back > 0 && s.size > 0) {
      const c = s.head;
      const k = Math.min(s.count[c]!, back);
      volumes += k * s.volumes[c]!;
      s.count[c]! -= k;
      back -= k;
      if (s.count[c]! <= 0) {
        s.head = (s.head + 1) % cap;
        s.size--;
      }
    }
    api.move(port.stuck!, port.serving!, volumes, api.flow.recovered!);
    s.returned += s.failed - now;
    s.failed = now;
  }
}

export const memberFailover: ComponentType<MemberFailoverState> = {
  type: 'member-failover',
  description:
    'Volumes held by the members of a fleet: a failed member’s volumes are stuck and fail over to spare room on healthy members while room lasts; a recovered member serves what it still holds.',
  equations:
    'moving → moved at 1 − e^(−dt/finishMinutes); stuck → moving at 1 − e^(−dt/startMinutes) per volume, all together at most the free spare room; a failed member’s volumes: serving → stuck, back when it recovers (oldest failed first)',
  parameters: {
    members: { unit: 'servers', description: 'members of the fleet (rounded to a whole number)', min: 0 },
    volumesPerMember: { unit: 'volumes', description: 'volumes each member holds at the start', min: 0 },
    spareRoom: { unit: 'volumes', description: 'room on healthy members to take over volumes', default: 0, min: 0 },
    startMinutes: { unit: 'min', description: 'mean time before a stuck volume starts to move to a spare (0: at once)', default: 0, min: 0 },
    finishMinutes: { unit: 'min', description: 'mean time a move (re-mirror) takes; the volume is stuck meanwhile (0: at once)', default: 0, min: 0 },
  },
  stocks: {
    failed: { unit: 'servers', access: 'read', description: 'members that cannot serve their volumes now' },
    serving: { unit: 'volumes', access: 'write', description: 'volumes on healthy members' },
    stuck: { unit: 'volumes', access: 'write', description: 'volumes still on failed members' },
    moving: { unit: 'volumes', access: 'write', description: 'volumes being re-mirrored to a spare (stuck)' },
    moved: { unit: 'volumes', access: 'write', description: 'volumes served by a spare' },
    outside: { unit: 'volumes', access: 'write', optional: true, role: 'source', description: 'where the volumes come from at the start' },
    spareFree: { unit: 'volume slots', access: 'write', description: 'spare room left' },
    spareUsed: { unit: 'volume slots', access: 'write', optional: true, description: 'spare room claimed by moving and moved volumes' },
    room: { unit: 'volume slots', access: 'write', optional: true, role: 'source', description: 'where the spare room comes from at the start' },
  },
  flows: {
    failed: { unit: 'volumes', description: 'volumes stuck as their member failed' },
    recovered: { unit: 'volumes', description: 'volumes serving again as their member recovered' },
    started: { unit: 'volumes', description: 'volumes that started to move to a spare' },
    finished: { unit: 'volumes', description: 'volumes that finished moving' },
    claimed: { unit: 'volume slots', description: 'spare room claimed by moves that started' },
  },
  actions: {},

  init(api) {
    const members = Math.max(0, Math.round(api.p.members!));
    const perMember = Math.max(0, api.p.volumesPerMember!);
    api.move(api.port.outside!, api.port.serving!, members * perMember, api.flow.recovered!);
    api.move(api.port.room!, api.port.spareFree!, Math.max(0, api.p.spareRoom!), api.flow.claimed!);
    const cap = members + 2;
    // NaN matches no dt: the first step computes the odds.
    const odds = Float64Array.of(Number.NaN, 0, 0, 0, 0);
    return { count: new Float64Array(cap), volumes: new Float64Array(cap), head: 0, size: 0, failed: 0, returned: 0, members, perMember, odds };
  },

  step(s, api) {
    sync(s, api);
    const port = api.port;
    const odds = stepOdds(s, api);
    const finish = odds[3]!;
    const start = odds[4]!;
    const values = api.values;
    const moving = values[port.moving!]!;
    if (moving > 0) api.move(port.moving!, port.moved!, moving * finish, api.flow.finished!);

    // No room left, nothing granted: the pass over the cohorts below would ask in vain (and the
    // room runs out early in a fleet-wide failure, with hundreds of cohorts stuck to the end).
    if (values[port.spareFree!]! <= 0) return;
    const cap = s.count.length;
    let asked = 0;
    for (let j = 0, c = s.head; j < s.size; j++, c = c + 1 === cap ? 0 : c + 1) asked += s.count[c]! * s.volumes[c]! * start;
    if (asked <= 0) return;
    const granted = Math.min(asked, Math.max(0, values[port.spareFree!]!));
    if (granted <= 0) return;
    const share = granted / asked;
    let go = 0;
    for (let j = 0, c = s.head; j < s.size; j++, c = c + 1 === cap ? 0 : c + 1) {
      const v = s.volumes[c]!;
      if (v === 0) continue;
      const each = Math.min(v, v * start * share);
      s.volumes[c] = v - each;
      go += s.count[c]! * each;
    }
    api.move(port.stuck!, port.moving!, go, api.flow.started!);
    api.move(port.spareFree!, port.spareUsed!, granted, api.flow.claimed!);
  },
};
