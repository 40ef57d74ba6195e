import { describe, it, expect } from 'vitest';
import { runReplay, ReplayError, planProblems } from '../../src/model/engine.js';
import type { ReplayPlan } from '../../src/model/plan.js';
import { threadLimit } from '../../src/model/kinds/thread-limit.js';

// A small fleet where the numbers can be worked out by hand: 100 servers, no base threads, a
// limit of 104 threads (so a server fails once it knows more than 105 members), 10 servers
// added one a minute from minute 0, and a discovery delay of 10 minutes (lags 0.5, 1.5 … 9.5).
const small = {
  fleetSize: 100,
  baseThreads: 0,
  threadLimit: 104,
  addedServers: 10,
  additionMinutes: 10,
  discoveryDelayMinutes: 10,
  removalMinutes: 10,
  restartRate: 60,
  bootMinutes: 2,
  maxBootstrapping: 1000,
  demandShare: 1,
  cells: 1,
};

function plan(params: Record<string, number>, actions: Array<[number, string]>, minutes: number): ReplayPlan {
  return {
    kind: 'thread-limit',
    zone: 'UTC',
    startMs: 0,
    endMs: minutes * 60_000,
    stepMinutes: 1,
    params,
    effects: actions.map(([t, action], eventIndex) => ({ t, eventIndex, effect: { action } })),
    scenarioId: 'actual',
  };
}

function run(params: Record<string, number>, actions: Array<[number, string]>, minutes: number) {
  const problems: string[] = [];
  const result = runReplay(threadLimit, plan(params, actions, minutes), {
    onStep: (state, ctx) => problems.push(...threadLimit.invariants!(state as never, ctx).map((p) => `t=${ctx.t}: ${p}`)),
  });
  expect(problems).toEqual([]);
  return result.series;
}

describe('thread-limit', () => {
  it('declares every parameter its mechanism reads, and a plan of the small fleet has no problems', () => {
    expect(planProblems(threadLimit, plan(small, [[0, 'add-capacity']], 10))).toEqual([]);
    expect(threadLimit.primarySeries).toBe('errors');
  });

  it('keeps a fleet under the limit useful, with threads = base + peers', () => {
    // 5 + 99 = 104 threads: at the limit, not past it, is fine.
    const s = run({ ...small, baseThreads: 5 }, [], 30);
    for (const x of s.useful!) expect(x).toBeCloseTo(100, 9);
    expect([...s.errors!].every((x) => x === 0)).toBe(true);
    expect(s.threads![30]).toBe(5 + 99);
    expect(s.threadLimit![0]).toBe(104);
  });

  it('fails each lag class as its view of the fleet crosses the limit (worked out by hand)', () => {
    const s = run(small, [[0, 'add-capacity']], 40);
    // The fleet passes 105 members at minute 5. The class of lag k + 0.5 sees it at 5.5 + k, so
    // at the first step after: minute 6 + k. At minute 8 classes 0–2 have failed: 70 of the 100
    // original servers are useful. Of the added ones, those that joined at minutes 1–5 learned a
    // fleet under the limit and fail like the rest (70% of 5 = 3.5 useful); those joining at
    // 6, 7, 8 learn a fleet over it and fail at once. 108 members.
    expect(s.useful![5]).toBe(100);
    expect(s.useful![8]).toBeCloseTo((100 * 73.5) / 108, 9);
    expect(s.errors![8]).toBeCloseTo(100 * (1 - 73.5 / 100), 9);
    // The last class (lag 9.5) fails at minute 15, and nothing is useful after.
    expect(s.useful![14]).toBeGreaterThan(0);
    expect(s.useful![15]).toBe(0);
    expect(s.errors![40]).toBe(100);
    expect(s.overLimit![40]).toBeCloseTo(110, 9);
    // Everyone knows all 110 members once the delay has passed.
    expect(s.threads![40]).toBeCloseTo(109, 9);
  });

  it('with demand below the fleet’s capacity, errors start only when the useful servers cannot carry it', () => {
    const s = run({ ...small, demandShare: 0.5 }, [[0, 'add-capacity']], 40);
    expect(s.errors![8]).toBe(0);
    expect(s.errors![40]).toBe(100);
  });

  it('removing the capacity repairs nobody: over-limit servers stay so until restarted', () => {
    const s = run(small, [[0, 'add-capacity'], [20, 'remove-capacity']], 60);
    expect(s.fleet![30]).toBeCloseTo(100, 9);
    expect(s.useful![60]).toBe(0);
    expect(s.threads![60]).toBeCloseTo(99, 9);
  });

  it('a restarted server serves only once the fleet it learns fits under the unchanged limit', () => {
    // Removal from minute 20 at one server a minute: 110 − (t − 20) members. A server restarted
    // at t serves at t + 2 if the fleet then has at most 105 members, i.e. from minute 25.
    const s = run(small, [[0, 'add-capacity'], [20, 'remove-capacity'], [20, 'restart-fleet']], 140);
    expect(s.useful![24]).toBe(0);
    expect(s.restarted![24]).toBeCloseTo(3, 9); // restarted at 20, 21, 22 and back over the limit
    expect(s.useful![25]).toBeGreaterThan(0);
    expect(s.markedUnhealthy![140]).toBe(0);
    // About 100 servers at one a minute, plus the three that failed again: not all back by
    // minute 100, all back by 140.
    expect(s.useful![100]).toBeLessThan(90);
    expect(s.useful![140]).toBeCloseTo(100, 6);
    expect(s.errors![140]).toBeCloseTo(0, 6);
  });

  it('restarts at the operators’ rate: useful servers grow by restartRate per hour after the boot', () => {
    const s = run({ ...small, restartRate: 120 }, [[0, 'add-capacity'], [0, 'remove-capacity'], [30, 'restart-fleet']], 90);
    // Removal at minute 0 cancels the addition before anyone joins: nothing fails...
    expect(s.useful![29]).toBe(100);
    const failed = run({ ...small, restartRate: 120 }, [[0, 'add-capacity'], [20, 'remove-capacity'], [40, 'restart-fleet']], 90);
    // ...here all failed, the fleet is back to 100 at minute 30, restarts start at 40: two a
    // minute, each serving two minutes later.
    expect(failed.useful![41]).toBe(0);
    expect(failed.useful![42]).toBeCloseTo(2, 9);
    expect(failed.useful![50]).toBeCloseTo(18, 9);
    // The restarts of a step count from its start, so at minute 50 those started at 49 are
    // still booting and those of 48 are done.
    expect(failed.bootstrapping![50]).toBeCloseTo(2, 9);
  });

  it('marks unhealthy the bootstrapping servers past the bound, so a faster restart is no faster', () => {
    const actions: Array<[number, string]> = [[0, 'add-capacity'], [20, 'remove-capacity'], [40, 'restart-fleet']];
    const bounded = run({ ...small, restartRate: 120, bootMinutes: 4, maxBootstrapping: 8 }, actions, 120);
    const rushed = run({ ...small, restartRate: 600, bootMinutes: 4, maxBootstrapping: 8 }, actions, 120);
    expect(bounded.markedUnhealthy![120]).toBe(0);
    expect(rushed.markedUnhealthy![120]).toBeGreaterThan(0);
    const firstFull = (u: Float64Array) => u.findIndex((x) => x > 99.999);
    expect(firstFull(rushed.useful!)).toBeGreaterThanOrEqual(firstFull(bounded.useful!));
  });

  it('with cells, an addition to one cell costs at most that cell’s share of the requests', () => {
    // Two cells of 50: a server fails past 53 members of its own cell; the addition is in cell 0.
    const s = run({ ...small, cells: 2, threadLimit: 52 }, [[0, 'add-capacity']], 40);
    expect(s.errors![40]).toBeCloseTo(50, 9);
    expect(s.useful![40]).toBeCloseTo((100 * 50) / 110, 9);
    expect(s.threads![0]).toBe(49);
  });

  it('refuses an action it does not define, and a cell that does not exist', () => {
    expect(() => run(small, [[0, 'reboot']], 5)).toThrow(ReplayError);
    expect(() =>
      runReplay(threadLimit, {
        ...plan(small, [], 5),
        effects: [{ t: 0, eventIndex: 0, effect: { action: 'add-capacity', with: { cell: 3 } } }],
      }),
    ).toThrow(/cell 3 does not exist; cells are 0 to 0/);
  });

  it('fails a fleet that starts over the limit at once', () => {
    const s = run({ ...small, threadLimit: 50 }, [], 5);
    expect(s.useful![0]).toBe(0);
    expect(s.errors![0]).toBe(100);
    // A negative limit (a typo) reads as 0, in the mechanism and in the series.
    const negative = run({ ...small, threadLimit: -5 }, [], 5);
    expect(negative.useful![5]).toBe(0);
    expect(negative.threadLimit![5]).toBe(0);
  });
});
