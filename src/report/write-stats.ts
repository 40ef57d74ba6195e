// Hidden `--stats` of `report` and `build`: wall time, CPU time and peak memory of this process,
// read by bench/build.bench.mjs (no `/usr/bin/time` needed). CPU time is the steadier number on
// a busy machine; wall time is what a user waits.
export function writeStats(io: { stderr: { write(text: string): unknown } }, startedMs: number): void {
  const usage = process.resourceUsage();
  // maxRSS is in kilobytes and CPU times in microseconds; both cover worker threads.
  const stats = {
    wallMs: Math.round(performance.now() - startedMs),
    cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000),
    maxRssMb: Math.round(usage.maxRSS / 1024),
  };
  io.stderr.write(`stats: ${JSON.stringify(stats)}\n`);
}
