import type { ComponentType } from '../compose/component.js';
import { numberArg } from '../compose/component.js';
// A pool of worker threads (or connection slots) in front of a backend, as a fluid model.
// By Little's law a pool receiving λ requests a minute that each hold a thread W minutes needs
// L = λ·W threads. When L exceeds the pool, only `threads / W` requests a minute get a thread;
// the rest are rejected (or queue until their own timeout, which for the caller is the same
// error). This is how a long timeout to a degraded backend exhausts a shared pool: the stuck
// requests hold their threads for the whole timeout and starve every other caller.

export interface ThreadPoolOptions {
  /** Threads in the pool. */
  threads: number;
  /** Requests arriving per minute. */
  arrivalsPerMinute: number;
  /** Minutes a request that the backend answers holds its thread. */
  serviceMinutes: number;
  /** Fraction of requests whose backend never answers: they hold a thread until the timeout. */
  stuckFraction?: number;
  /** Minutes before a request is abandoned (its thread released, the request failed). */
  timeoutMinutes?: number;
}

export interface ThreadPoolLoad {
  /** Mean minutes a thread is held per request: (1−f)·min(S, T) + f·T. */
  holdMinutes: number;
  /** Threads in use (Little's law, capped at the pool). */
  busy: number;
  /** Threads the load would need, uncapped: λ·W. */
  demanded: number;
  /** Fraction of the pool in use, [0, 1]. */
  occupancy: number;
  /** Requests per minute that got a thread. */
  admitted: number;
  /** Requests per minute turned away because no thread was free. */
  rejected: number;
  /** Requests per minute that got a thread and an answer in time. */
  succeeded: number;
  /** Percentage of requests that failed (rejected, stuck until timeout, or too slow). */
  errorPercent: number;
}

/** The steady state of the pool under a load: a pure function of the options. */
export function threadPoolLoad(options: ThreadPoolOptions): ThreadPoolLoad {
  const threads = Math.max(0, options.threads);
  const lambda = Math.max(0, options.arrivalsPerMinute);
  const service = Math.max(0, options.serviceMinutes);
  const stuck = Math.min(1, Math.max(0, options.stuckFraction ?? 0));
  const timeout = options.timeoutMinutes ?? Number.POSITIVE_INFINITY;
  // A request the backend answers still fails when its answer takes longer than the timeout.
  const answeredHold = Math.min(service, timeout);
  const answeredInTime = service <= timeout ? 1 : 0;
  // With no timeout a stuck request holds its thread forever: the pool ends up all stuck.
  const holdMinutes = stuck > 0 ? (1 - stuck) * answeredHold + stuck * timeout : answeredHold;
  const demanded = lambda * holdMinutes;
  if (lambda === 0) {
    return { holdMinutes, busy: 0, demanded: 0, occupancy: 0, admitted: 0, rejected: 0, succeeded: 0, errorPercent: 0 };
  }
  const busy = Number.isFinite(demanded) ? Math.min(threads, demanded) : threads;
  const admitted = holdMinutes > 0 ? (Number.isFinite(holdMinutes) ? Math.min(lambda, busy / holdMinutes) : 0) : lambda;
  const rejected = lambda - admitted;
  const succeeded = admitted * (1 - stuck) * answeredInTime;
  return {
    holdMinutes,
    busy,
    demanded,
    occupancy: threads > 0 ? busy / threads : 1,
    admitted,
    rejected,
    succeeded,
    errorPercent: (100 * (lambda - succeeded)) / lambda,
  };
}

interface PoolState {
  /** Share of requests whose backend never answers (a degraded dependency), set by actions. */
  stuckShare: number;
}

/**
 * thread-pool as a component: each step, the attempts in `incoming` arrive at λ = A / dt and
 * are answered or failed by `threadPoolLoad`'s steady state (the pool settles within one hold
 * time; use a step no longer than `serviceTime` where the transient matters).
 */
export const threadPool: ComponentType<PoolState> = {
  type: 'thread-pool',
  description: 'A pool of threads or connections before a backend (Little’s law): requests beyond threads / hold time are turned away; stuck requests hold a thread until the timeout.',
  equations: 'hold W = (1−f)·min(S, T) + f·T; busy = min(threads, λ·W); admitted = busy / W; succeeded = admitted·(1−f)·[S ≤ T]',
  parameters: {
    threads: { unit: 'threads', description: 'threads in the pool', min: 0, extensive: true },
    serviceTime: { unit: 'min', description: 'minutes an answered request holds its thread', min: 0 },
    timeout: { unit: 'min', description: 'minutes before a request is abandoned and its thread released (default: never)', default: Number.POSITIVE_INFINITY, min: 0 },
    stuckShare: { unit: 'share', description: 'share of requests whose backend never answers, at the start', default: 0, min: 0, max: 1 },
  },
  stocks: {
    incoming: { unit: 'requests', access: 'write', description: 'requests arriving this step (the pool takes them all)' },
    succeeded: { unit: 'requests', access: 'write', description: 'requests answered in time' },
    failed: { unit: 'requests', access: 'write', description: 'requests turned away, stuck until the timeout, or answered too late' },
  },
  flows: {
    offered: { unit: 'requests', description: 'requests that arrived' },
    good: { unit: 'requests', description: 'requests answered in time' },
    rejected: { unit: 'requests', description: 'requests turned away for want of a thread' },
    lost: { unit: 'requests', description: 'requests that got a thread but no answer in time' },
    threadMinutes: { unit: 'thread-minutes', description: 'threads busy × minutes (per minute in a series: threads busy)' },
  },
  actions: {
    degrade: {
      description: 'the backend stops answering a share of requests (they hold threads until the timeout)',
      args: { stuckShare: { description: 'share of requests that get no answer', required: true, min: 0, max: 1 } },
    },
    recover: { description: 'the backend answers every request again' },
  },
  init: (api) => ({ stuckShare: api.p.stuckShare! }),
  apply(s, action, args) {
    if (action === 'degrade') s.stuckShare = numberArg(args, 'stuckShare') ?? s.stuckShare;
    else if (action === 'recover') s.stuckShare = 0;
  },
  step(s, api) {
    const port = api.port;
    const flow = api.flow;
    const arrived = Math.max(0, api.values[port.incoming!]!);
    api.count(flow.offered!, arrived);
    if (arrived === 0) return;
    const load = threadPoolLoad({
      threads: api.p.threads!,
      arrivalsPerMinute: arrived / api.dt,
      serviceMinutes: api.p.serviceTime!,
      stuckFraction: s.stuckShare,
      timeoutMinutes: api.p.timeout!,
    });
    const good = Math.min(arrived, load.succeeded * api.dt);
    const rejected = Math.min(arrived - good, load.rejected * api.dt);
    api.move(port.incoming!, port.succeeded!, good, flow.good!);
    api.move(port.incoming!, port.failed!, rejected, flow.rejected!);
    api.move(port.incoming!, port.failed!, arrived - good - rejected, flow.lost!);
    api.count(flow.threadMinutes!, load.busy * api.dt);
  },
};
