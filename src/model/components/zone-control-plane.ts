// zone-control-plane: a regional control plane whose pool of threads the zones share, seen from
// a degraded zone's storage cluster. Three mechanisms of the April 2011 EBS event
// (aws.amazon.com/message/65648) meet in it:
//
// 1. Calls held until a timeout. "When the EBS cluster in the affected Availability Zone entered
//    the re-mirroring storm and exhausted its available capacity, the cluster became unable to
//    service 'create volume' API requests." A new volume competes for free space with the
//    volumes searching for it: the share of CreateVolume calls that hang is the searching
//    volumes' share of (searching + free space). "Because the EBS control plane (and the create
//    volume API in particular) was configured with a long time-out period, these slow API calls
//    began to back up and resulted in thread starvation in the EBS control plane." Each hanging
//    call holds a thread until its timeout (calls-held-until-timeout.ts, a running sum: O(1)
//    per step however many steps the timeout spans). `callTimeoutSpread` spreads the hold times
//    over the last part of the timeout: with one exact value the calls admitted together time
//    out together and the other zones' errors ring with the timeout's period, an artefact of the
//    discretisation (see calls-held-until-timeout.ts).
// 2. Negotiations that retry. "When data for a volume needs to be re-mirrored, a negotiation
//    must take place between the EC2 instance, the EBS nodes with the volume data, and the EBS
//    control plane ... As more EBS nodes continued to fail because of the race condition
//    described above, the volume of such negotiations with the EBS control plane increased.
//    Because data was not being successfully re-mirrored, the number of these calls increased
//    as the system retried and new requests came in." Each volume whose replica holder crashed
//    (`crashSearching` and the three no-copy stocks) retries until it is re-mirrored or
//    restored: Little's law, retries per minute × thread minutes per attempt. Assumed: the
//    volumes still searching after the partition keep their primary, so their search loads the
//    cluster (node-crashes), not the control plane; the summary ties the growth of the
//    negotiations to the crashes.
// 3. Elections. Re-mirrored volumes whose instance needs a writable copy elected wait: "some
//    were blocked waiting for the EBS control plane to be contactable". With the full link an
//    election takes milliseconds when it gets a thread (the degraded zone's served fraction);
//    through coarse throttles or a dedicated control plane the backlog drains at a rate per
//    hour; with the link cut, not at all.
//
// The pool is shared-pool-allocation.ts: served in proportion while threads last, the degraded
// zone capped at `degradedZoneShare` % ("more Availability Zone aware and shed load
// intelligently"). The allocation is recomputed from the stocks after every step, action and
// `set`, so the series show an action's effect at the action's own minute; a step elects and
// admits calls with the allocation of the state it starts from.
import type { ComponentType, StepApi } from '../compose/component.js';
import { admitHeldCalls, createCallsHeldUntilTimeout, type CallsHeldUntilTimeout } from './calls-held-until-timeout.js';
import { allocateSharedPool, type SharedPoolAllocation } from './shared-pool-allocation.js';

const FULL = 0;
const OFF = 1;
const THROTTLED = 2;
const DEDICATED = 3;

interface State {
  link: number;
  callsEnabled: boolean;
  hanging: CallsHeldUntilTimeout;
  /** New calls this step that will hang until their timeout. */
  hangingCalls: number;
  /** Threads the degraded zone's negotiations ask for now. */
  negotiationThreads: number;
  allocation: SharedPoolAllocation;
}

/** The allocation of the pool for the state now; published on the `otherServed` and `degradedAsked` stocks. */
function allocate(s: State, api: StepApi): void {
  const v = api.values;
  const port = api.port;
  const p = api.p;
  const want = v[port.searching!]! + v[port.searchingAlso!]!;
  const free = v[port.freeSpace!]!;
  const hangShare = s.callsEnabled && s.link === FULL && want > 0 ? want / (want + free) : 0;
  s.hangingCalls = p.callsPerMin! * hangShare * api.dt;
  const crashOrigin = v[port.crashSearching!]! + (v[port.noCopySnapshot!]! + v[port.noCopyForensic!]! + v[port.lost!]!);
  s.negotiationThreads = s.link === FULL ? crashOrigin * p.negotiationRetriesPerMin! * p.negotiationThreadMinutes! : 0;
  const asked = s.hangingCalls + s.negotiationThreads;
  allocateSharedPool(s.allocation, p.threads!, v[port.held!]!, p.otherZonesThreads!, asked, p.degradedZoneShare! / 100);
  setLevel(api, port.otherServed!, s.allocation.otherServed);
  setLevel(api, port.degradedAsked!, asked);
}

/** A stock that shows a level of the pool now: emptied into the pool, then filled to `amount`. */
function setLevel(api: StepApi, slot: number, amount: number): void {
  api.move(slot, api.port.pool!, api.values[slot]!, api.flow.pool!);
  api.move(api.port.pool!, slot, amount, api.flow.pool!);
}

function elect(s: State, api: StepApi): void {
  let share = 0;
  if (s.link === FULL) share = s.allocation.degradedServedFraction;
  else if (s.link === THROTTLED) share = 1 - Math.exp((-api.p.throttledReleasePerHour! / 60) * api.dt);
  else if (s.link === DEDICATED) share = 1 - Math.exp((-api.p.dedicatedReleasePerHour! / 60) * api.dt);
  const waiting = api.port.waiting!;
  api.move(waiting, api.port.healthy!, api.values[waiting]! * Math.min(1, Math.max(0, share)), api.flow.elected!);
}

export const zoneControlPlane: ComponentType<State> = {
  type: 'zone-control-plane',
  description:
    'A regional control plane whose thread pool the zones share: calls to a degraded zone that cannot serve them hold threads until their timeout, volumes whose replica holder crashed retry negotiations, and re-mirrored volumes wait for an election; the other zones fail for want of threads.',
  equations:
    'hanging calls per step = callsPerMin·dt·S/(S + freeSpace), S = searching + searchingAlso (link full, calls enabled); negotiation threads = N·negotiationRetriesPerMin·negotiationThreadMinutes, N = crash-origin volumes (link full); ' +
    'pool: free = threads − held, served in proportion min(1, free/asked), degraded capped at degradedZoneShare·threads − held; held += admitted calls, −= released, released(n) = (1/W)·Σ admitted(n − h) over h = kMin … kMax steps, kMax = callTimeout/dt, kMin = max(1, (1 − callTimeoutSpread/100)·callTimeout/dt), W = kMax − kMin + 1 (hold times uniform over the last callTimeoutSpread % of the timeout; 0: exactly the timeout); ' +
    'elections: waiting → healthy at the degraded served fraction per step (full), 1 − exp(−rate·dt/60) (throttled, dedicated), 0 (off)',
  parameters: {
    threads: { unit: 'threads', description: 'threads of the regional pool', min: 0 },
    otherZonesThreads: { unit: 'threads', description: 'threads the healthy zones’ requests need', min: 0 },
    callsPerMin: { unit: 'calls/minute', description: 'calls to the degraded zone per minute that hang while it has no space', default: 0, min: 0 },
    callTimeout: { unit: 'minutes', description: 'how long a hanging call holds its thread (at most, with a spread)', min: 0 },
    callTimeoutSpread: {
      unit: 'percent',
      description: 'share of the timeout below it over which hanging calls give up: hold times uniform between (1 − spread)·callTimeout and callTimeout (0: all exactly callTimeout)',
      default: 0,
      min: 0,
      max: 100,
    },
    negotiationRetriesPerMin: { unit: 'attempts/minute', description: 'negotiation attempts per minute of a volume whose replica holder crashed', default: 0, min: 0 },
    negotiationThreadMinutes: { unit: 'minutes', description: 'thread time one negotiation attempt takes', default: 0, min: 0 },
    degradedZoneShare: { unit: 'percent', description: 'most of the pool one zone may hold (100: no zone awareness)', default: 100, min: 0, max: 100 },
    throttledReleasePerHour: { unit: '1/hour', description: 'share of waiting volumes elected per hour through coarse throttles', default: 0, min: 0 },
    dedicatedReleasePerHour: { unit: '1/hour', description: 'share of waiting volumes elected per hour through a dedicated control plane', default: 0, min: 0 },
  },
  stocks: {
    searching: { unit: 'volumes', access: 'read', description: 'volumes searching for space (their zone cannot create volumes)' },
    searchingAlso: { unit: 'volumes', access: 'read', optional: true, description: 'more searching volumes (another origin)' },
    crashSearching: { unit: 'volumes', access: 'read', optional: true, description: 'searching volumes whose replica holder crashed (they negotiate)' },
    noCopySnapshot: { unit: 'volumes', access: 'read', optional: true, description: 'volumes with no live copy (they negotiate)' },
    noCopyForensic: { unit: 'volumes', access: 'read', optional: true, description: 'volumes with no live copy (they negotiate)' },
    lost: { unit: 'volumes', access: 'read', optional: true, description: 'volumes with no live copy (they negotiate)' },
    freeSpace: { unit: 'replicas', access: 'read', optional: true, description: 'free replica space of the degraded cluster (none if unwired)' },
    waiting: { unit: 'volumes', access: 'write', description: 're-mirrored volumes waiting for an election' },
    healthy: { unit: 'volumes', access: 'write', description: 'usable volumes' },
    held: { unit: 'threads', access: 'write', optional: true, description: 'threads held by hanging calls' },
    otherServed: { unit: 'threads', access: 'write', optional: true, description: 'threads serving the other zones now' },
    degradedAsked: { unit: 'threads', access: 'write', optional: true, description: 'threads the degraded zone asks for now' },
    pool: { unit: 'threads', access: 'write', optional: true, role: 'source', description: 'where threads come from and return to' },
  },
  flows: {
    admitted: { unit: 'threads', description: 'hanging calls admitted (each holds a thread)' },
    timedOut: { unit: 'threads', description: 'hanging calls that timed out, releasing their thread' },
    elected: { unit: 'volumes', description: 'waiting volumes whose writable copy was elected' },
    pool: { unit: 'threads', description: 'threads assigned and returned as the allocation changes' },
  },
  actions: {
    'disable-calls': { description: 'new calls to the degraded zone are refused at once' },
    'enable-calls': { description: 'calls to the degraded zone are accepted again' },
    disconnect: { description: 'no communication between the degraded cluster and the control plane' },
    throttle: { description: 'state changes propagate through coarse throttles (`throttledReleasePerHour`)' },
    dedicated: { description: 'a control plane partitioned to the zone works the backlog (`dedicatedReleasePerHour`)' },
    connect: { description: 'full access to the regional control plane again' },
    settle: { description: 'elect now with the threads there are (after a change within the minute)' },
  },
  timeConstants: (p) => [{ parameter: 'callTimeout', minutes: p.callTimeout! }],

  init(api) {
    const s: State = {
      link: FULL,
      callsEnabled: true,
      hanging: createCallsHeldUntilTimeout(api.p.callTimeout!, api.dt, (api.p.callTimeoutSpread ?? 0) / 100),
      hangingCalls: 0,
      negotiationThreads: 0,
      allocation: { degradedServed: 0, otherServed: 0, degradedServedFraction: 1, otherErrorPercent: 0, loadPercent: 0 },
    };
    allocate(s, api);
    return s;
  },

  apply(s, action, _args, api) {
    switch (action) {
      case 'disable-calls':
        s.callsEnabled = false;
        break;
      case 'enable-calls':
        s.callsEnabled = true;
        break;
      case 'disconnect':
        s.link = OFF;
        break;
      case 'throttle':
        s.link = THROTTLED;
        break;
      case 'dedicated':
        s.link = DEDICATED;
        break;
      case 'connect':
        s.link = FULL;
        break;
      case 'settle':
        allocate(s, api);
        elect(s, api);
        break;
    }
    allocate(s, api);
  },

  update(s, api) {
    allocate(s, api);
  },

  step(s, api) {
    elect(s, api);
    const asked = s.hangingCalls + s.negotiationThreads;
    const admitted = asked > 0 ? s.allocation.degradedServed * (s.hangingCalls / asked) : 0;
    const released = admitHeldCalls(s.hanging, admitted);
    const held = api.port.held!;
    api.move(held, api.port.pool!, released, api.flow.timedOut!);
    api.move(api.port.pool!, held, admitted, api.flow.admitted!);
    // The ring knows when every call has timed out: no sliver of rounding stays held.
    if (s.hanging.held === 0) api.move(held, api.port.pool!, api.values[held]!, api.flow.timedOut!);
    allocate(s, api);
  },
};
