// A resource leak on each server of a fleet, with a threshold. Every server has a headroom (how
// much of the resource it can lose and still keep up with its work); a leaking server loses some
// of it every step, and once the loss reaches the headroom the server is degraded: it can no
// longer keep up. A degraded server recovers only when the leaked resource is reclaimed (its
// leaking process restarted). An optional per-process cap kills and restarts the leaking process
// when its holdings reach the cap, before the server degrades if the cap is below the headroom.
//
// One entry per server in typed arrays: the fleets the kinds model are a few thousand servers,
// and the engine steps them a thousand times per replay, so the state is mutated in place.
// Amounts are in the resource's unit (for a memory leak: % of a server's memory).

export interface ServerLeak {
  /** 1 where the server's process leaks. */
  readonly leaking: Uint8Array;
  /** 1 where the server is past its threshold and cannot keep up. */
  readonly degraded: Uint8Array;
  /** How much each server can lose before it stops keeping up. */
  readonly headroom: Float64Array;
  /** How much each server has lost to the leak so far. */
  readonly leaked: Float64Array;
  /** Processes killed at their cap and restarted, in total. */
  capRestarts: number;
  /** Servers whose leaked resource was reclaimed by a restart, in total. */
  reclaimed: number;
}

export interface ServerLeakCounts {
  /** Not leaking and not degraded. */
  clean: number;
  /** Leaking but still keeping up. */
  leaking: number;
  /** Past the threshold. */
  degraded: number;
}

/** A fleet of `servers` servers with `headroom` each, none leaking yet. */
export function createServerLeak(servers: number, headroom: number): ServerLeak {
  const n = Math.max(0, Math.floor(servers));
  return {
    leaking: new Uint8Array(n),
    degraded: new Uint8Array(n),
    headroom: new Float64Array(n).fill(Math.max(0, headroom)),
    leaked: new Float64Array(n),
    capRestarts: 0,
    reclaimed: 0,
  };
}

/** Mark server `i` as leaking, with its own headroom and what it has already lost. */
export function startServerLeak(leak: ServerLeak, i: number, headroom: number, alreadyLeaked = 0): void {
  leak.leaking[i] = 1;
  leak.headroom[i] = Math.max(0, headroom);
  leak.leaked[i] = Math.max(0, alreadyLeaked);
  settle(leak, i, Number.POSITIVE_INFINITY);
}

/** Stop every server's leak; what was lost stays lost until reclaimed. */
export function stopServerLeak(leak: ServerLeak): void {
  leak.leaking.fill(0);
}

/**
 * Every leaking server loses `amount`; a server whose process reaches `cap` (0 or less: no cap)
 * has it killed and restarted, which frees what it held. Returns the servers newly degraded.
 */
export function stepServerLeak(leak: ServerLeak, amount: number, cap = 0): number {
  const limit = cap > 0 ? cap : Number.POSITIVE_INFINITY;
  let newlyDegraded = 0;
  let capRestarts = 0;
  // `settle` written out over local arrays: this loop runs once per server per step (a replay
  // at 1 s steps, a thousand servers: 60 million times), and a call and the loads through
  // `leak` in it cost more than the arithmetic.
  const { leaking, degraded, leaked, headroom } = leak;
  for (let i = 0; i < leaking.length; i++) {
    if (leaking[i] === 0) continue;
    const x = leaked[i]! + amount;
    if (x >= limit) {
      leaked[i] = 0;
      degraded[i] = 0;
      capRestarts++;
      continue;
    }
    leaked[i] = x;
    if (x >= headroom[i]! && degraded[i] === 0) {
      degraded[i] = 1;
      newlyDegraded++;
    }
  }
  leak.capRestarts += capRestarts;
  return newlyDegraded;
}

/** Apply the cap, then the threshold, to server `i`. */
function settle(leak: ServerLeak, i: number, limit: number): void {
  if (leak.leaked[i]! >= limit) {
    // The process is killed at its cap and restarted: the memory comes back, the leak goes on.
    leak.leaked[i] = 0;
    leak.degraded[i] = 0;
    leak.capRestarts++;
    return;
  }
  if (leak.leaked[i]! >= leak.headroom[i]!) leak.degraded[i] = 1;
}

/**
 * Restart up to `budget` servers' leaking processes, reclaiming what they lost: degraded
 * servers first (in fleet order), then the servers that have lost the most. A restarted server
 * keeps leaking if the leak has not been stopped. Returns the servers restarted.
 */
export function reclaimServers(leak: ServerLeak, budget: number): number {
  let left = Math.max(0, Math.floor(budget));
  const { degraded, leaked } = leak;
  let restarted = 0;
  for (let i = 0; i < degraded.length && left > 0; i++) {
    if (degraded[i] === 0) continue;
    degraded[i] = 0;
    leaked[i] = 0;
    left--;
    restarted++;
  }
  while (left > 0) {
    let worst = -1;
    for (let i = 0; i < leaked.length; i++) if (leaked[i]! > 0 && (worst === -1 || leaked[i]! > leaked[worst]!)) worst = i;
    if (worst === -1) break;
    leaked[worst] = 0;
    left--;
    restarted++;
  }
  leak.reclaimed += restarted;
  return restarted;
}

/** True while some server (of the first `upTo`, by default all) still holds leaked resource or is degraded. */
export function hasLeakedServers(leak: ServerLeak, upTo = leak.leaked.length): boolean {
  const { leaked, degraded } = leak;
  const end = Math.min(upTo, leaked.length);
  for (let i = 0; i < end; i++) if (leaked[i]! > 0 || degraded[i] === 1) return true;
  return false;
}

export function countServerLeak(leak: ServerLeak): ServerLeakCounts {
  const counts: ServerLeakCounts = { clean: 0, leaking: 0, degraded: 0 };
  for (let i = 0; i < leak.leaking.length; i++) {
    if (leak.degraded[i] === 1) counts.degraded++;
    else if (leak.leaking[i] === 1) counts.leaking++;
    else counts.clean++;
  }
  return counts;
}

/** Smallest headroom left (headroom − leaked, at least 0) among the servers that leak. */
export function minHeadroomLeft(leak: ServerLeak): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < leak.leaking.length; i++) {
    if (leak.leaking[i] === 0 || leak.degraded[i] === 1) continue;
    min = Math.min(min, Math.max(0, leak.headroom[i]! - leak.leaked[i]!));
  }
  return min;
}

/** Mean headroom left (at least 0) over the servers selected by `include`. */
export function meanHeadroomLeft(leak: ServerLeak, include: (i: number) => boolean): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < leak.leaked.length; i++) {
    if (!include(i)) continue;
    sum += Math.max(0, leak.headroom[i]! - leak.leaked[i]!);
    count++;
  }
  return count === 0 ? Number.NaN : sum / count;
}

/** Conservation and sign checks; a message per violation. */
export function serverLeakInvariants(leak: ServerLeak): string[] {
  const problems: string[] = [];
  const counts = countServerLeak(leak);
  const n = leak.leaking.length;
  if (counts.clean + counts.leaking + counts.degraded !== n) {
    problems.push(`servers: ${counts.clean} clean + ${counts.leaking} leaking + ${counts.degraded} degraded ≠ ${n}`);
  }
  for (let i = 0; i < n; i++) {
    if (!(leak.leaked[i]! >= 0)) problems.push(`server ${i}: leaked ${leak.leaked[i]} < 0`);
    if (!(leak.headroom[i]! >= 0)) problems.push(`server ${i}: headroom ${leak.headroom[i]} < 0`);
    if (leak.degraded[i] === 0 && leak.leaked[i]! >= leak.headroom[i]! && leak.leaked[i]! > 0) {
      problems.push(`server ${i}: lost ${leak.leaked[i]} of ${leak.headroom[i]} but not degraded`);
    }
  }
  return problems;
}
