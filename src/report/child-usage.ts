// CPU time and peak memory of the helper processes this process started (the chart renderers),
// which `process.resourceUsage()` does not count: `--stats` adds them, so the benchmark's
// figures cover all the work a command did and all the memory it held.
export interface ProcessUsage {
  cpuMs: number;
  maxRssMb: number;
}

const children: ProcessUsage[] = [];

export function recordChildUsage(usage: ProcessUsage): void {
  children.push(usage);
}

/** Total CPU of the children, and the sum of their peaks (they may all peak at once). */
export function childUsage(): ProcessUsage {
  return children.reduce((sum, u) => ({ cpuMs: sum.cpuMs + u.cpuMs, maxRssMb: sum.maxRssMb + u.maxRssMb }), { cpuMs: 0, maxRssMb: 0 });
}

/** This process's own usage, in the same units. */
export function ownUsage(): ProcessUsage {
  const usage = process.resourceUsage();
  // maxRSS is in kilobytes and CPU times in microseconds; both cover worker threads.
  return { cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000), maxRssMb: Math.round(usage.maxRSS / 1024) };
}
