// From volumes to the instances that use them: an instance that needs all of its k volumes is
// stuck when any one of them is. If volumes are stuck independently with probability s, the
// instance is stuck with probability 1 − (1 − s)^k. The April 2011 summary explains the RDS
// figures this way: "a 'stuck' I/O on any volume for a single-AZ database instance can make it
// inoperable". Independence is an assumption: volumes of one instance placed on the same nodes
// would be stuck together, and the instance figure would be closer to the volume figure.

/** Percentage of instances stuck, given the percentage of volumes stuck and volumes per instance. */
export function instanceStuckPercent(volumeStuckPercent: number, volumesPerInstance: number): number {
  const s = Math.min(1, Math.max(0, volumeStuckPercent / 100));
  const k = Math.max(0, volumesPerInstance);
  return 100 * (1 - Math.pow(1 - s, k));
}
