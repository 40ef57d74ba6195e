// "How much would have been enough": the smallest change of one number, from the value the
// system had towards the value a scenario gives it, that meets a goal (a peak kept under 1 %).
// A pure search over a function `meets(x)` that replays the world with the number set to x.
//
// Bisection is only honest when the goal, once met, stays met further along the change. That
// is checked, not assumed: the bracket is first sampled on a grid, and the met/not-met pattern
// must switch exactly once; otherwise the answer is `not-monotone`, with the two values that
// show it. A goal still missed at the valid bound (or, when the model declares none, after the
// change has been stretched a few times past the scenario's value) is `not-reached`, unless a
// point of the grid before it meets the goal (then it is `not-monotone` too).
export interface EnoughSearch {
  /** The value the system had (where the change starts). */
  from: number;
  /** The value the scenario gives it: the change's direction and first bracket. */
  to: number;
  /** The valid bound in the direction of the change (±Infinity when the model declares none). */
  bound: number;
  /** Whole numbers only. */
  integer?: boolean;
  /** Stop when the bracket is this narrow (in the parameter's unit). Default: |to − from| / 500, finer than the three digits a threshold is printed with. */
  tolerance?: number;
  /** Interior points of the monotonicity check (default 5). */
  grid?: number;
  /** Answers already known (the replays a caller has made anyway), by value. */
  known?: ReadonlyMap<number, boolean>;
}

export type EnoughOutcome =
  /** The goal is met without any change. */
  | { status: 'already'; threshold: number; evaluations: number }
  /** The smallest change that meets the goal, within the tolerance (on the meeting side). */
  | { status: 'found'; threshold: number; evaluations: number }
  /** Met at `met`, missed again at `missed`, further along the change. */
  | { status: 'not-monotone'; met: number; missed: number; evaluations: number }
  /** Missed everywhere up to `searchedTo` (the valid bound, or as far as the search stretched). */
  | { status: 'not-reached'; searchedTo: number; evaluations: number };

/** How many times the change is stretched past the scenario's value when no bound stops it. */
const maxStretches = 6;

export function findEnough(search: EnoughSearch, meets: (x: number) => boolean): EnoughOutcome {
  const { from, to } = search;
  const direction = Math.sign(to - from);
  let evaluations = 0;
  const memo = new Map<number, boolean>(search.known ?? []);
  const test = (x: number): boolean => {
    let r = memo.get(x);
    if (r === undefined) {
      r = meets(x);
      evaluations++;
      memo.set(x, r);
    }
    return r;
  };
  const snap = (x: number) => (search.integer ? (direction >= 0 ? Math.ceil(x) : Math.floor(x)) : x);
  const gridPoints = Math.max(1, Math.floor(search.grid ?? 5));

  if (direction === 0) {
    return test(from) ? { status: 'already', threshold: from, evaluations } : { status: 'not-reached', searchedTo: from, evaluations };
  }
  const beyond = (x: number) => (direction > 0 ? x > search.bound : x < search.bound);

  // The far end of the bracket: the scenario's value, stretched towards the bound until the goal is met.
  let far = to;
  if (beyond(far)) far = search.bound;
  let stretches = 0;
  const gridOf = (end: number) => {
    const points = [from];
    for (let k = 1; k <= gridPoints; k++) points.push(snap(from + ((end - from) * k) / (gridPoints + 1)));
    points.push(end);
    return points.filter((x, i) => i === 0 || x !== points[i - 1]);
  };
  while (!test(far)) {
    const atBound = far === search.bound;
    if (atBound || (!Number.isFinite(search.bound) && stretches >= maxStretches)) {
      // Missed at the end: met anywhere before it is a goal that is not monotone, not one out of reach.
      const metAt = gridOf(far).find(test);
      return metAt === undefined
        ? { status: 'not-reached', searchedTo: far, evaluations }
        : { status: 'not-monotone', met: metAt, missed: far, evaluations };
    }
    far = from + 2 * (far - from);
    if (beyond(far)) far = search.bound;
    far = snap(far);
    stretches++;
  }

  // The monotonicity check: from … far on a grid, the goal must switch from missed to met once.
  const unique = gridOf(far);
  const met = unique.map(test);
  const firstMet = met.indexOf(true);
  const missedAfter = met.findIndex((m, i) => i > firstMet && !m);
  if (missedAfter !== -1) return { status: 'not-monotone', met: unique[firstMet]!, missed: unique[missedAfter]!, evaluations };
  if (firstMet === 0) return { status: 'already', threshold: from, evaluations };

  // Bisection between the last missed and the first met grid point.
  let lo = unique[firstMet - 1]!;
  let hi = unique[firstMet]!;
  const tolerance = Math.max(search.tolerance ?? Math.abs(to - from) / 500, search.integer ? 1 : 0, Number.EPSILON * Math.abs(hi));
  while (Math.abs(hi - lo) > tolerance) {
    const mid = search.integer ? Math.floor((lo + hi) / 2) : (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (test(mid)) hi = mid;
    else lo = mid;
  }
  return { status: 'found', threshold: hi, evaluations };
}
