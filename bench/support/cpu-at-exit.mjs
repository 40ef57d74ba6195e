// Preloaded (`node --import`) into a benchmarked process: prints the process's CPU time (user +
// system, all threads) on exit, which a busy machine inflates far less than wall time.
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\ncpu-at-exit ${((user + system) / 1000).toFixed(1)}\n`);
});
