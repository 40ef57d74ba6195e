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
