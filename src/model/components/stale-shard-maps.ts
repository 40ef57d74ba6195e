// Members past the thread limit that still route on the last shard-map they built.
//
// The AWS summary of the Kinesis event (aws.amazon.com/message/11201) separates the two: the
// new capacity took every server past the limit, and "as this limit was being exceeded, cache
// construction was failing to complete and front-end servers were ending up with useless
// shard-maps". A server that crosses the limit cannot build a new map, but the one it built
// before still routes until it is too old to trust. So crossing the limit is not yet an error:
// the first alarm (05:15) comes well after the first crossings (about 03:46 in the replay).
//
// Model: the map a member built before crossing stays usable for `lifetime` minutes (a cache
// with a time to live: no construction completes past the limit, so nothing renews it), then it
// is useless until a restart. Per cell, the members that crossed in each of the last
// L = round(lifetime / dt) steps are kept in a ring:
//     routing_c(n) = Σ_{j = n−L+1}^{n} crossed_c(j) · Π keep_c   (restarts and removals since j)
// A restart or a removal takes members from every group of a cell in proportion, so it scales
// what is left of each crossing by the same factor; the factor is applied lazily (one scale per
// cell), so a step costs O(cells) however many steps the lifetime spans. Lifetime 0: crossing
// the limit is failing at once (the model before this module).

export interface StaleShardMaps {
  cells: number;
  /** Steps a map stays usable after its member crossed the limit (0: none). */
  steps: number;
  /** `cells × steps` crossings, stored divided by the cell's scale; `next` is the oldest slot. */
  ring: Float64Array;
  next: number;
  /** Per cell: members routing on a stale map now, in real units. */
  routing: Float64Array;
  /** Per cell: product of the keep factors since the ring was (re)based. */
  scale: Float64Array;
  /** Per cell: slots holding members; at 0, `routing` is exactly 0 (no rounding left over). */
  alive: Int32Array;
}

export function lifetimeSteps(lifetimeMinutes: number, stepMinutes: number): number {
  const m = Number.isFinite(lifetimeMinutes) && lifetimeMinutes > 0 ? lifetimeMinutes : 0;
  return m === 0 ? 0 : Math.max(1, Math.round(m / stepMinutes));
}

export function createStaleShardMaps(cells: number, lifetimeMinutes: number, stepMinutes: number): StaleShardMaps {
  const steps = lifetimeSteps(lifetimeMinutes, stepMinutes);
  return {
    cells,
    steps,
    ring: new Float64Array(cells * steps),
    next: 0,
    routing: new Float64Array(cells),
    scale: new Float64Array(cells).fill(1),
    alive: new Int32Array(cells),
  };
}

/**
 * One step: the crossings of `steps` steps ago lose their map, `crossed[c]` members of each cell
 * cross now and keep theirs. Returns nothing; read `routing`.
 */
export function advanceStaleShardMaps(m: StaleShardMaps, crossed: Float64Array): void {
  if (m.steps === 0) return;
  for (let c = 0; c < m.cells; c++) {
    const at = c * m.steps + m.next;
    const leaving = m.ring[at]!;
    const entering = Math.max(0, crossed[c]!);
    if (leaving > 0) {
      m.alive[c]!--;
      m.routing[c]! -= leaving * m.scale[c]!;
    }
    m.ring[at] = entering / m.scale[c]!;
    if (entering > 0) {
      m.alive[c]!++;
      m.routing[c]! += entering;
    }
    m.routing[c] = m.alive[c] === 0 ? 0 : Math.max(0, m.routing[c]!);
  }
  m.next = m.next + 1 === m.steps ? 0 : m.next + 1;
}

/** Members of cell `c` taken out in proportion (a restart, a removal): `keep` of each crossing stays. */
export function keepStaleShardMaps(m: StaleShardMaps, c: number, keep: number): void {
  if (m.steps === 0 || m.alive[c] === 0) return;
  const k = Math.min(1, Math.max(0, keep));
  if (k < 1e-12) {
    // Everyone (or all but a rounding error) is gone: start the cell afresh.
    m.ring.fill(0, c * m.steps, (c + 1) * m.steps);
    m.routing[c] = 0;
    m.scale[c] = 1;
    m.alive[c] = 0;
    return;
  }
  m.scale[c]! *= k;
  m.routing[c]! *= k;
  if (m.scale[c]! < 1e-150) {
    // Many small takes: fold the scale into the stored amounts before it underflows.
    for (let i = c * m.steps, end = i + m.steps; i < end; i++) m.ring[i]! *= m.scale[c]!;
    m.scale[c] = 1;
  }
}
