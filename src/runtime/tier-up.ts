// When V8 optimises a function. V8 runs a function in its interpreter until the function has
// used up an "interrupt budget" of bytecode, then hands it to its optimising compiler on a
// background thread. That suits a program that runs for minutes; `build`, `report` and
// `validate` run for one or two seconds and touch many functions a few thousand times each (the
// YAML reader, the checks, Chart.js's layout, the markdown serializer): on Node 20, a `build`
// of the three seed incidents optimised about 290 functions, some several times, and the
// compiler threads used about 1.5 s of CPU against the main thread's 1.9 s. On a two-core
// machine they take the main thread's core for much of that time. With a budget eight times
// V8's default, fewer functions reach the compiler, and the ones that do are those that run
// long enough to repay it. Measured side by side on two cores, the CPU of a command fell by a
// sixth to a quarter in every run (`build` 4.6 → 3.9 s and 3.7 → 2.9 s, `report` 2.1 → 1.7 s
// and 1.6 → 1.3 s, `validate` by a quarter), with the same bytes; the wall time by up to a fifth
// (`build`, 15 rounds: 2.3 → 1.8 s), or not at all when the machine was in a slow spell (the
// main thread then runs longer in the interpreter). Long computations want the opposite: a
// Monte Carlo run, the sensitivity and the boundary maps replay the same model thousands of
// times, and optimised early they finish sooner (at eight times the budget, 1,000 seeds took 9 %
// longer). So those restore V8's own budget when they start.
//
// The budget is a process-wide V8 flag, changed with `v8.setFlagsFromString`; it is an integer
// V8 reads whenever it resets a function's budget, and changes only when code is optimised,
// never what it computes: the bytes of every replay and report are the same either way. Only
// the V8 this was measured on (Node 20's 11.3, whose default budget is 66 KB of bytecode; a
// test holds that against `node --v8-options`) is tuned; other versions keep their defaults.
//
// V8's code cache (cli/code-cache.ts) is only accepted under the flags it was written with, so
// the command-line program decides before it compiles anything (`startTierUp`, called by
// `dist/cli/bin.js`), and the cache is read and written under the flags the process started
// with (`underStartFlags`) even after a long computation has restored V8's own budget.
import v8 from 'node:v8';

/** V8's own interrupt budget, by the V8 version (major.minor) it was read from. */
export const defaultInterruptBudgets: Readonly<Record<string, number>> = { '11.3': 67584 };

/** How many times V8's budget a short command runs with. */
export const shortRunFactor = 8;

/** The commands that run for a second or two (a build with its sensitivity run restores the budget for it). */
const shortCommands = new Set(['validate', 'build', 'report', 'site']);

/**
 * Whether the command line runs a short command. The global options are all flags, so the
 * command is the first argument that is not one.
 */
export function isShortCommand(argv: readonly string[]): boolean {
  return shortCommands.has(argv.find((a) => !a.startsWith('-')) ?? '');
}

function defaultBudget(): number | undefined {
  const [major, minor] = process.versions.v8.split('.');
  return defaultInterruptBudgets[`${major}.${minor}`];
}

/** The budget set now and the one the process started with; undefined: V8's own, untouched. */
let current: number | undefined;
let atStart: number | undefined;

function setBudget(budget: number | undefined): void {
  const usual = defaultBudget();
  if (usual === undefined || budget === current) return;
  // Leaving V8's own budget: Node's modules first (see builtinsLoadedFirst; loaded already, a lookup each).
  if (current === undefined) loadBuiltinsFirst();
  v8.setFlagsFromString(`--interrupt-budget=${budget ?? usual}`);
  current = budget;
}

/** The command line's choice, before anything is compiled: later tier-up for a short command. */
export function startTierUp(argv: readonly string[]): void {
  if (isShortCommand(argv)) tierUpLater();
  atStart = current;
  optimiseWorkersOnTheirOwnThread();
}

/**
 * Node's own modules that every command loads (the output streams, the code cache's hashing,
 * the worker threads of a build, and what they pull in), loaded before the budget first changes
 * (`setBudget`).
 * Node compiles its modules from a code cache of its own, which V8 rejects once the budget
 * differs from the flags it was written under (it then compiles them from source): 7 of these
 * took 17 ms after the change against 7.6 ms before it, and a short command loads about 60 such
 * internal modules after starting. Loaded here, they are compiled from Node's cache; any the
 * command does not use cost a fraction of a millisecond each. A worker thread started later
 * still compiles its start-up modules from source (about 15 ms more a worker).
 */
export const builtinsLoadedFirst: readonly string[] = [
  'stream',
  'crypto',
  'vm',
  'assert',
  'os',
  'net',
  'perf_hooks',
  'fs/promises',
  'diagnostics_channel',
  'worker_threads',
];

function loadBuiltinsFirst(): void {
  for (const name of builtinsLoadedFirst) process.getBuiltinModule(`node:${name}`);
}

/** Whether worker threads started from now on optimise on their own thread (see below). */
let workersOptimiseInline = false;

/**
 * Worker threads started after this compile their optimised code on their own thread, when
 * they ask for it, instead of queueing it for V8's background compiler threads. A worker of a
 * Monte Carlo run, a sensitivity run or a boundary map replays one model thousands of times; on
 * two cores the background compilations of two computing threads took CPU from both, while each
 * ran the code unoptimised until its compilation came back. Inline, the thread pauses for the
 * compilation and then runs it. Measured side by side: 1,000 seeds of the 84-hour storm 7–12 %
 * less wall time, the sensitivity of Kinesis on two workers 9 %, a boundary map of EBS 2011
 * 11 %, with the same bytes. V8 reads the flag when it sets up a thread's isolate, so the main
 * thread, set up before any of this runs, keeps its background compiler. Set once, before
 * anything is compiled, and never changed: V8's code cache is only accepted under the flags it
 * was written with (`startFlags` names it).
 */
function optimiseWorkersOnTheirOwnThread(): void {
  if (defaultBudget() === undefined) return;
  v8.setFlagsFromString('--no-concurrent-recompilation');
  workersOptimiseInline = true;
}

/** For a command of a second or two: functions are optimised later (see the top of the file). */
export function tierUpLater(): void {
  const usual = defaultBudget();
  if (usual !== undefined) setBudget(usual * shortRunFactor);
}

/** For a long computation starting: V8's own budget again, if it was changed. */
export function tierUpAsUsual(): void {
  setBudget(undefined);
}

/** Whether functions are optimised later than V8's default now. */
export function tiersUpLater(): boolean {
  return current !== undefined;
}

/** A short name of the flags the process started with, for keys of what depends on them. */
export function startFlags(): string {
  const budget = atStart === undefined ? 'v8-default' : `interrupt-budget=${atStart}`;
  return workersOptimiseInline ? `${budget} no-concurrent-recompilation` : budget;
}

/** Runs `work` under the flags the process started with (see the top of the file). */
export function underStartFlags<T>(work: () => T): T {
  if (current === atStart) return work();
  const now = current;
  setBudget(atStart);
  try {
    return work();
  } finally {
    setBudget(now);
  }
}
