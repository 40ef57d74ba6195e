// Hidden `--stats` of `report` and `build`: wall time, CPU time and peak memory of this process
// and of the chart renderers it started, read by bench/build.bench.mjs (no `/usr/bin/time`
// needed). CPU time is the steadier number on a busy machine; wall time is what a user waits.
import { childUsage, ownUsage } from './child-usage.js';

export function writeStats(io: { stderr: { write(text: string): unknown } }, startedMs: number): void {
  const own = ownUsage();
  const children = childUsage();
  const stats = {
    wallMs: Math.round(performance.now() - startedMs),
    cpuMs: own.cpuMs + children.cpuMs,
    // Peaks add up as if they coincided: an upper bound of the memory held at once.
    maxRssMb: own.maxRssMb + children.maxRssMb,
    mainMaxRssMb: own.maxRssMb,
  };
  io.stderr.write(`stats: ${JSON.stringify(stats)}\n`);
}
