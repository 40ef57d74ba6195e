// Hidden `--stats` of `report` and `build`: wall time and peak memory of this process, read by
// bench/build.bench.mjs (no `/usr/bin/time` needed).
export function writeStats(io: { stderr: { write(text: string): unknown } }, startedMs: number): void {
  // maxRSS is in kilobytes; it covers worker threads, which share the process.
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  io.stderr.write(`stats: ${JSON.stringify({ wallMs: Math.round(performance.now() - startedMs), maxRssMb: Math.round(maxRssMb) })}\n`);
}
