// Volumes of servers that can no longer serve them fail over to spare capacity, until the spare
// capacity runs out. Each server holds the same number of volumes. A volume on a degraded server
// is stuck; after a while it starts to move to a spare (re-mirroring, during which it is still
// stuck), and once moved it is served by the spare. Spare room is claimed when a move starts, so
// moves in flight never exceed it. A volume still on its server serves again as soon as the
// server recovers; moved volumes stay where they went.
//
// Volumes are expected values (fractions of a volume) in both deterministic and Monte Carlo
// runs: the randomness of the models that use this lies in which servers degrade and when.
//
// The `member-failover` component (member-failover.ts) is the same rules over stocks, with the
// failed servers kept in cohorts instead of one entry per server; it uses `stepProbability`.
// The per-server form here is the reference its results were checked against (equal within
// 5e-14 on the EBS 2012 replay).

export interface VolumeFailover {
  /** Volumes each server holds at the start. */
  readonly perServer: number;
  /** Volumes still on each server (stuck while the server is degraded). */
  readonly onServer: Float64Array;
  /** Volumes of each server being re-mirrored to a spare (stuck). */
  readonly moving: Float64Array;
  /** Volumes of each server now served by a spare. */
  readonly moved: Float64Array;
  /** Room on the spares, in volumes. */
  readonly spareRoom: number;
  /** Room on the spares claimed by moving and moved volumes. */
  spareUsed: number;
}

export interface FailoverRates {
  /** Probability per step that a stuck volume on a degraded server starts to move. */
  start: number;
  /** Probability per step that a moving volume finishes. */
  finish: number;
}

export function createVolumeFailover(servers: number, perServer: number, spareRoom: number): VolumeFailover {
  const n = Math.max(0, Math.floor(servers));
  const v = Math.max(0, perServer);
  return {
    perServer: v,
    onServer: new Float64Array(n).fill(v),
    moving: new Float64Array(n),
    moved: new Float64Array(n),
    spareRoom: Math.max(0, spareRoom),
    spareUsed: 0,
  };
}

/** Probability that an event of mean waiting time `meanMinutes` happens within `dt` minutes. */
export function stepProbability(meanMinutes: number, dt: number): number {
  if (!(meanMinutes > 0)) return 1;
  return 1 - Math.exp(-dt / meanMinutes);
}

export function spareRoomLeft(f: VolumeFailover): number {
  return Math.max(0, f.spareRoom - f.spareUsed);
}

/**
 * One step: moves in flight finish, then stuck volumes of degraded servers start to move, as
 * many as the spare room allows (shared in proportion to what each server asks for).
 */
export function stepVolumeFailover(f: VolumeFailover, degraded: Uint8Array, rates: FailoverRates): void {
  const { onServer, moving, moved } = f;
  for (let i = 0; i < moving.length; i++) {
    if (moving[i] === 0) continue;
    const done = moving[i]! * rates.finish;
    moving[i]! -= done;
    moved[i]! += done;
  }
  let asked = 0;
  for (let i = 0; i < onServer.length; i++) if (degraded[i] === 1) asked += onServer[i]! * rates.start;
  if (asked <= 0) return;
  const granted = Math.min(asked, spareRoomLeft(f));
  if (granted <= 0) return;
  const share = granted / asked;
  for (let i = 0; i < onServer.length; i++) {
    if (degraded[i] === 0 || onServer[i] === 0) continue;
    const go = Math.min(onServer[i]!, onServer[i]! * rates.start * share);
    onServer[i]! -= go;
    moving[i]! += go;
  }
  f.spareUsed += granted;
}

/** Volumes that cannot be used now: on degraded servers, or being re-mirrored. */
export function stuckVolumes(f: VolumeFailover, degraded: Uint8Array): number {
  let stuck = 0;
  for (let i = 0; i < f.onServer.length; i++) {
    stuck += f.moving[i]!;
    if (degraded[i] === 1) stuck += f.onServer[i]!;
  }
  return stuck;
}

export function movingVolumes(f: VolumeFailover): number {
  let sum = 0;
  for (let i = 0; i < f.moving.length; i++) sum += f.moving[i]!;
  return sum;
}

/** Conservation and sign checks; a message per violation. */
export function volumeFailoverInvariants(f: VolumeFailover): string[] {
  const problems: string[] = [];
  const n = f.onServer.length;
  const tolerance = 1e-6 * Math.max(1, f.perServer);
  let inFlightOrMoved = 0;
  for (let i = 0; i < n; i++) {
    const a = f.onServer[i]!;
    const b = f.moving[i]!;
    const c = f.moved[i]!;
    if (a < -tolerance || b < -tolerance || c < -tolerance) problems.push(`server ${i}: negative volumes (${a}, ${b}, ${c})`);
    if (Math.abs(a + b + c - f.perServer) > tolerance) {
      problems.push(`server ${i}: ${a} on server + ${b} moving + ${c} moved ≠ ${f.perServer}`);
    }
    inFlightOrMoved += b + c;
  }
  if (Math.abs(inFlightOrMoved - f.spareUsed) > tolerance * Math.max(1, n)) {
    problems.push(`spare room used ${f.spareUsed} ≠ ${inFlightOrMoved} volumes moving or moved`);
  }
  if (f.spareUsed > f.spareRoom + tolerance * Math.max(1, n)) {
    problems.push(`spare room used ${f.spareUsed} > room ${f.spareRoom}`);
  }
  return problems;
}
