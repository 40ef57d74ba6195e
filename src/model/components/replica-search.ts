// replica-search: volumes that lost a replica search a pool of free replica space for a new
// one. Searching is fast when there is space: "In a normally functioning cluster, finding a
// location for the new replica occurs in milliseconds", so within a step re-mirroring is bounded
// by free space, not by time. The space is two stocks, free and used (in replicas), so the
// engine's conservation check covers it with the volumes.
//
// From the April 2011 EBS summary (aws.amazon.com/message/65648):
// - "When the EBS cluster in the affected Availability Zone entered the re-mirroring storm and
//   exhausted its available capacity ..." a volume that finds no space stays searching.
// - "However, volumes were also slowly re-mirroring as some capacity was made available which
//   allowed existing 'stuck' volumes to become 'unstuck'." The summary does not say where that
//   space came from; here it is released (`spaceReleasedPerHour`) only while nodes still search.
// - "At about 02:00AM PDT on April 22nd, the team successfully started adding significant
//   amounts of new capacity and working through the replication backlog." Servers are
//   installed at a rate until there is space for the backlog and the buffer (`spareCapacity`)
//   again: "the team had to install a large amount of additional new capacity to replace that
//   capacity in the cluster". Re-mirroring then goes on through throttled negotiation.
// - "While the restored volumes were fully replicated, not all of them immediately became
//   'unstuck' from the perspective of the attached EC2 instances because some were blocked
//   waiting for the EBS control plane to be contactable": `electionNeeded` % of re-mirrored
//   volumes wait for an election (see zone-control-plane); the others are usable at once.
//
// Searching volumes may be split by origin over two stocks (`searching`, and `searchingAlso`
// for volumes whose replica holder crashed, whose negotiations load the control plane): space
// goes to both in proportion to their sizes.
import type { ComponentType, StepApi } from '../compose/component.js';

const FREE = 0;
const STOPPED = 1;
const THROTTLED = 2;

interface State {
  /** FREE: node-to-node search (normal, and the storm); STOPPED; THROTTLED: negotiation with new servers. */
  mode: number;
  adding: boolean;
}

/**
 * Moves `amount` out of stocks `a` and `b` in proportion to what they hold, each part split
 * between destinations: `first` takes `firstShare` of it, `second` takes `secondShare` of the
 * rest, `third` (if ≥ 0) what is left, otherwise `second` takes all of the rest.
 */
export function takeInProportion(
  api: StepApi,
  a: number,
  b: number,
  amount: number,
  flow: number,
  first: number,
  firstShare: number,
  second: number,
  secondShare: number,
  third: number,
): void {
  const v = api.values;
  const total = v[a]! + v[b]!;
  if (total <= 0 || amount <= 0) return;
  // Taking everything empties both stocks exactly: a sliver of rounding left searching would
  // keep a search (and its released space) going that has nothing left to find.
  const all = amount >= total;
  const take = Math.min(amount, total);
  const fromA = all ? v[a]! : take * (v[a]! / total);
  splitInto(api, a, fromA, all, flow, first, firstShare, second, secondShare, third);
  splitInto(api, b, all ? v[b]! : take - fromA, all, flow, first, firstShare, second, secondShare, third);
}

function splitInto(
  api: StepApi,
  from: number,
  x: number,
  all: boolean,
  flow: number,
  first: number,
  firstShare: number,
  second: number,
  secondShare: number,
  third: number,
): void {
  if (!(x > 0)) return;
  const toFirst = x * firstShare;
  api.move(from, first, toFirst, flow);
  const last = third < 0 ? second : third;
  if (third >= 0) api.move(from, second, (x - toFirst) * secondShare, flow);
  // The last destination takes the rest: all that is left when the whole stock goes.
  const rest = third < 0 ? x - toFirst : x - toFirst - (x - toFirst) * secondShare;
  api.move(from, last, all ? api.values[from]! : rest, flow);
}

/** Volumes per step at `percentPerHour` % of `volumes` per hour. */
export const perStep = (volumes: number, percentPerHour: number, dt: number): number => (Math.max(0, volumes) * percentPerHour * dt) / 100 / 60;

function remirror(s: State, api: StepApi): void {
  if (s.mode === STOPPED) return;
  const v = api.values;
  const port = api.port;
  const want = v[port.searching!]! + v[port.searchingAlso!]!;
  const done = Math.min(Math.max(0, want), v[port.freeSpace!]!);
  if (done <= 0) return;
  api.move(port.freeSpace!, port.usedSpace!, done, api.flow.spaceTaken!);
  takeInProportion(api, port.searching!, port.searchingAlso!, done, api.flow.remirrored!, port.waiting!, api.p.electionNeeded! / 100, port.healthy!, 0, -1);
}

export const replicaSearch: ComponentType<State> = {
  type: 'replica-search',
  description:
    'Volumes searching a pool of free replica space for a new replica: re-mirrored at once while there is space, space released while the search runs, new capacity installed at a rate up to the backlog plus a buffer.',
  equations:
    'each step: if searching: usedSpace → freeSpace at spaceReleasedPerHour·V/100/60; if adding: reserve → freeSpace at newCapacityPerHour·V/100/60 up to searching + spareCapacity·V/100; ' +
    'done = min(searching, freeSpace): freeSpace → usedSpace, searching → waiting (electionNeeded %) and healthy',
  parameters: {
    volumes: { unit: 'volumes', description: 'volumes of the store (the base of the rates in %)', min: 0 },
    spareCapacity: { unit: 'percent', description: 'free space the capacity addition restores beyond the backlog, % of the volumes', min: 0 },
    spaceReleasedPerHour: { unit: 'percent/hour', description: 'space released while the search runs, % of the volumes per hour', default: 0, min: 0 },
    newCapacityPerHour: { unit: 'percent/hour', description: 'new space installed per hour once capacity is being added, % of the volumes', default: 0, min: 0 },
    electionNeeded: { unit: 'percent', description: 're-mirrored volumes that must wait for an election before use, %', default: 0, min: 0, max: 100 },
  },
  stocks: {
    searching: { unit: 'volumes', access: 'write', description: 'volumes searching for space' },
    searchingAlso: { unit: 'volumes', access: 'write', optional: true, description: 'more volumes searching (another origin), served in proportion' },
    healthy: { unit: 'volumes', access: 'write', description: 'volumes fully replicated and usable' },
    waiting: { unit: 'volumes', access: 'write', description: 'volumes re-mirrored but waiting for an election' },
    freeSpace: { unit: 'replicas', access: 'write', description: 'free replica space' },
    usedSpace: { unit: 'replicas', access: 'write', description: 'replica space in use' },
    reserve: { unit: 'replicas', access: 'write', optional: true, role: 'source', description: 'where new capacity comes from' },
  },
  flows: {
    remirrored: { unit: 'volumes', description: 'volumes that found space for a new replica' },
    spaceTaken: { unit: 'replicas', description: 'space taken by new replicas' },
    spaceReleased: { unit: 'replicas', description: 'space released while the search runs' },
    spaceAdded: { unit: 'replicas', description: 'new capacity installed' },
  },
  actions: {
    stop: { description: 'nodes stop searching: no released space, no re-mirroring' },
    'add-capacity': { description: 'new capacity is installed at `newCapacityPerHour`; re-mirroring resumes through throttled negotiation' },
    remirror: { description: 're-mirror now with the free space there is (after a change within the minute)' },
  },

  init() {
    return { mode: FREE, adding: false };
  },

  apply(s, action, _args, api) {
    if (action === 'stop') s.mode = STOPPED;
    else if (action === 'add-capacity') {
      s.adding = true;
      s.mode = THROTTLED;
    } else if (action === 'remirror') remirror(s, api);
  },

  step(s, api) {
    const v = api.values;
    const port = api.port;
    const p = api.p;
    const searching = v[port.searching!]! + v[port.searchingAlso!]!;
    if (s.mode === FREE && searching > 0) {
      const released = Math.min(perStep(p.volumes!, p.spaceReleasedPerHour!, api.dt), v[port.usedSpace!]!);
      api.move(port.usedSpace!, port.freeSpace!, released, api.flow.spaceReleased!);
    }
    if (s.adding) {
      const target = searching + (Math.max(0, p.volumes!) * p.spareCapacity!) / 100;
      const short = Math.max(0, target - v[port.freeSpace!]!);
      api.move(port.reserve!, port.freeSpace!, Math.min(short, perStep(p.volumes!, p.newCapacityPerHour!, api.dt)), api.flow.spaceAdded!);
    }
    remirror(s, api);
  },
};
