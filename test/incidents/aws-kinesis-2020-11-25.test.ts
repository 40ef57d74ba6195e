// The Kinesis event of 25 November 2020 (PST): the incident file, its calibration against the
// published record, and its counterfactuals, replayed through the `thread-limit` kind.
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadIncidentFile } from '../../src/incident/load.js';
import { checkIncident } from '../../src/incident/check.js';
import type { Incident } from '../../src/incident/schema.js';
import { instantOf, planReplay } from '../../src/model/plan.js';
import { planProblems, runReplay, type SeriesSet } from '../../src/model/engine.js';
import { createRandomSource } from '../../src/model/random.js';
import { threadLimit } from '../../src/model/kinds/thread-limit.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const file = path.join(repo, 'incidents/aws-kinesis-2020-11-25.yaml');
// The source documents live beside the checkout (shared/), not in it.
const shared = path.resolve(repo, '../shared');
const seedFile = path.join(shared, 'seeds/003_8814c68e3357f6f7.txt');
const factsFile = path.join(shared, 'FACTS.md');

let incident: Incident;
beforeAll(async () => {
  const loaded = await loadIncidentFile(file);
  expect(loaded.diagnostics).toEqual([]);
  incident = loaded.incident!;
});

const day = (hhmm: string) => `2020-11-25 ${hhmm}`;

/** Replay a scenario (or the actual) with optional parameter overrides. */
function replay(scenario = 'actual', overrides: Record<string, number> = {}, seed?: number): SeriesSet {
  const plan = planReplay(incident, scenario);
  Object.assign(plan.params, overrides);
  expect(planProblems(threadLimit, plan)).toEqual([]);
  return runReplay(threadLimit, plan, { random: seed === undefined ? null : createRandomSource(seed) });
}

/** Value of a series at a local time of the day (a step boundary). */
function at(set: SeriesSet, series: string, hhmm: string): number {
  const i = (instantOf(incident, day(hhmm)) - set.startMs) / 60_000 / set.stepMinutes;
  expect(Number.isInteger(i)).toBe(true);
  return set.series[series]![i]!;
}

/** Local time (minutes since midnight) from which errors stay below 1% after the peak. */
function recoveryMinute(set: SeriesSet): number {
  const errors = set.series.errors!;
  const peak = errors.indexOf(Math.max(...errors));
  let last = -1;
  for (let i = peak; i < set.length; i++) if (errors[i]! >= 1) last = i;
  const startMinute = (set.startMs - instantOf(incident, day('00:00'))) / 60_000;
  return startMinute + (last + 1) * set.stepMinutes;
}
const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** Local time (minutes since midnight) of the first sample where `test` holds. */
function minuteOfFirst(set: SeriesSet, series: string, test: (v: number) => boolean): number {
  const i = set.series[series]!.findIndex(test);
  const startMinute = (set.startMs - instantOf(incident, day('00:00'))) / 60_000;
  return startMinute + i * set.stepMinutes;
}

/** Largest value of a series between two local times (inclusive). */
function over(set: SeriesSet, series: string, from: string, to: string, _how: 'max'): number {
  let most = Number.NEGATIVE_INFINITY;
  for (let m = minuteOf(from); m <= minuteOf(to); m++) {
    const hhmm = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    most = Math.max(most, at(set, series, hhmm));
  }
  return most;
}

describe('the incident file', () => {
  it('passes the schema and every semantic check', async () => {
    const loaded = await loadIncidentFile(file);
    expect(loaded.diagnostics).toEqual([]);
    expect(await checkIncident(loaded)).toEqual([]);
  });

  it('reads its times as PST (UTC−8) on 25 November 2020', () => {
    expect(new Date(instantOf(incident, day('02:44'))).toISOString()).toBe('2020-11-25T10:44:00.000Z');
    expect(new Date(instantOf(incident, day('22:23'))).toISOString()).toBe('2020-11-26T06:23:00.000Z');
  });

  it('gives every parameter of the kind, each unpublished one assumed or derived with its reason', () => {
    const params = incident.model!.parameters;
    expect(Object.keys(params).sort()).toEqual(Object.keys(threadLimit.parameters).sort());
    for (const [name, p] of Object.entries(params)) {
      expect(p.unit, name).toBe(threadLimit.parameters[name]!.unit);
      if (p.provenance === 'assumed') expect(p.note, name).toMatch(/^Not published/);
    }
    expect(Object.entries(params).filter(([, p]) => p.provenance === 'assumed').map(([n]) => n).sort()).toEqual(
      ['addedServers', 'baseThreads', 'demandShare', 'threadLimit'],
    );
  });

  it('derives the fleet size from the restart rate and the 10:07 → 22:23 window', () => {
    const { fleetSize, restartRate, bootMinutes, maxBootstrapping, removalMinutes, additionMinutes } = incident.model!.parameters;
    const hours = (minuteOf('22:23') - minuteOf('10:07')) / 60;
    expect(fleetSize!.value).toBe(Math.round(restartRate!.value * hours));
    // Its fitting range is the same window at 200–400 servers an hour, rounded to tens.
    expect(Math.abs(fleetSize!.min! - 200 * hours)).toBeLessThan(10);
    expect(Math.abs(fleetSize!.max! - 400 * hours)).toBeLessThan(10);
    expect(fleetSize!.value).toBeGreaterThanOrEqual(2500);
    expect(fleetSize!.value).toBeLessThanOrEqual(5000);
    expect(bootMinutes!.value).toBe(minuteOf('10:07') - minuteOf('09:39'));
    expect(maxBootstrapping!.value).toBe((restartRate!.value * bootMinutes!.value) / 60);
    expect(removalMinutes!.value).toBe(minuteOf('09:39') - minuteOf('05:15'));
    expect(additionMinutes!.value).toBe(minuteOf('03:47') - minuteOf('02:44'));
  });

  it('puts the fleet under the limit before the addition and over it after', () => {
    const p = Object.fromEntries(Object.entries(incident.model!.parameters).map(([k, v]) => [k, v.value]));
    const threadsBefore = p.baseThreads! + p.fleetSize! - 1;
    const threadsAfter = threadsBefore + p.addedServers!;
    expect(threadsBefore).toBeLessThanOrEqual(p.threadLimit!);
    expect(threadsAfter).toBeGreaterThan(p.threadLimit!);
  });

  it('has an event for every timestamped fact of FACTS.md’s 2020 section', () => {
    const times = new Set(incident.timeline.flatMap((e) => [e.at, e.until].filter(Boolean).map((t) => t!.slice(11))));
    const expected = ['02:44', '03:47', '05:15', '06:15', '07:01', '07:51', '09:39', '10:07', '10:36', '12:00', '14:18', '22:23', '22:31'];
    for (const t of expected) expect(times, t).toContain(t);
    if (existsSync(factsFile)) {
      const facts = readFileSync(factsFile, 'utf8');
      const section = facts.slice(facts.indexOf('## Kinesis'));
      const stated = new Set([...section.matchAll(/\b(\d{2}:\d{2})\b/g)].map((m) => m[1]!));
      for (const t of stated) expect(times, `FACTS.md time ${t}`).toContain(t);
    }
  });

  it('gives each event that drives the model an action of the kind', () => {
    const actions = incident.timeline.flatMap((e) => (e.effects ?? []).map((f) => [e.id, f.action]));
    expect(actions).toEqual([
      ['capacity-addition', 'add-capacity'],
      ['removal-starts', 'remove-capacity'],
      ['restart-proceeds', 'restart-fleet'],
    ]);
  });

  it('cites public documents only: no notes of our own, and the AWS summary’s facts no seed words as paraphrases', () => {
    expect(incident.sources.map((s) => s.id)).toEqual(['aws-summary', 'seed-cause-of-outage']);
    expect(readFileSync(path.join(repo, 'incidents/aws-kinesis-2020-11-25.yaml'), 'utf8')).not.toMatch(/FACTS\.md|calibration-facts/);
    for (const e of incident.timeline.filter((e) => e.source === 'aws-summary')) {
      expect(e.provenance, e.id).toBe('secondary');
      expect(e.quote, e.id).toBeUndefined();
    }
  });

  it.skipIf(!existsSync(seedFile))('quotes its sources word for word', () => {
    // The seed separates some words with no-break spaces: compare with runs of spaces folded.
    const fold = (s: string) => s.replace(/\s+/gu, ' ').trim();
    const text: Record<string, string> = {
      'seed-cause-of-outage': fold(readFileSync(seedFile, 'utf8')),
    };
    const quoted = [
      ...incident.timeline,
      ...(incident.observed ?? []),
      ...(incident.contributingFactors ?? []),
      ...(incident.actionItems ?? []),
      ...(incident.scenarios ?? []).map((s) => ({ source: s.source, quote: s.remediation })),
    ];
    let checked = 0;
    for (const q of quoted) {
      if (!q.quote || !q.source) continue;
      expect(Object.keys(text), `source ${q.source}`).toContain(q.source);
      expect(text[q.source], q.quote).toContain(fold(q.quote));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });
});

describe('calibration of the actual replay', () => {
  let actual: SeriesSet;
  beforeAll(() => {
    actual = replay();
  });

  it('is healthy before the addition', () => {
    expect(at(actual, 'useful', '02:44')).toBeCloseTo(100, 9);
    expect(at(actual, 'errors', '02:44')).toBeCloseTo(0, 9);
  });

  it('takes every server over the limit within the discovery delay after the addition', () => {
    const delay = incident.model!.parameters.discoveryDelayMinutes!.value;
    expect(delay).toBe(60);
    expect(at(actual, 'withinLimit', '04:47')).toBeLessThan(0.5);
    expect(at(actual, 'threads', '04:47')).toBeGreaterThan(at(actual, 'threadLimit', '04:47'));
    // …and not before the addition had taken the fleet past the headroom.
    expect(at(actual, 'withinLimit', '03:15')).toBeCloseTo(100, 9);
  });

  it('starts the errors when the record does: as the shard-maps go stale, just before the first alarm', () => {
    // Past the limit, every server still routes on the map it built before crossing.
    expect(at(actual, 'errors', '04:47')).toBe(0);
    expect(over(actual, 'errors', '02:00', '05:09', 'max')).toBe(0);
    const firstError = minuteOfFirst(actual, 'errors', (v) => v > 0.5);
    expect(firstError).toBeGreaterThanOrEqual(minuteOf('05:05'));
    expect(firstError).toBeLessThanOrEqual(minuteOf('05:15'));
    // Then the maps go useless in the order their servers crossed: all of them by about 06:11.
    expect(at(actual, 'errors', '06:15')).toBeGreaterThan(99.5);
    expect(at(actual, 'useful', '06:15')).toBeLessThan(0.5);
  });

  it('without a map lifetime, fails every server as it crosses (the limiting case)', () => {
    const atOnce = replay('actual', { shardMapLifetimeMinutes: 0 });
    expect(at(atOnce, 'errors', '04:47')).toBeGreaterThan(99.5);
    expect(at(atOnce, 'useful', '04:47')).toBeCloseTo(at(atOnce, 'withinLimit', '04:47'), 9);
  });

  it('stays down through the rollback: removing the capacity repairs no server', () => {
    expect(at(actual, 'withinLimit', '05:15')).toBeLessThan(0.5);
    for (const t of ['06:15', '07:51', '09:39', '10:00']) expect(at(actual, 'useful', t), t).toBeLessThan(0.5);
    expect(at(actual, 'fleet', '09:39')).toBeCloseTo(incident.model!.parameters.fleetSize!.value, 6);
    // Back under the limit on paper, yet every server still holds a useless shard-map.
    expect(at(actual, 'threads', '10:00')).toBeLessThan(at(actual, 'threadLimit', '10:00'));
  });

  it('has the first restarted servers serving at 10:07', () => {
    expect(at(actual, 'useful', '10:06')).toBe(0);
    expect(at(actual, 'useful', '10:07')).toBeGreaterThan(0);
    expect(at(actual, 'useful', '10:22')).toBeGreaterThan(0);
    expect(at(actual, 'useful', '10:22')).toBeLessThan(5);
  });

  it('has errors falling steadily through noon', () => {
    expect(at(actual, 'errors', '12:00')).toBeLessThan(at(actual, 'errors', '11:00'));
    expect(at(actual, 'errors', '13:00')).toBeLessThan(at(actual, 'errors', '12:00'));
    expect(at(actual, 'markedUnhealthy', '23:59')).toBe(0);
  });

  it('recovers fully within 30 minutes of 22:23', () => {
    expect(Math.abs(recoveryMinute(actual) - minuteOf('22:23'))).toBeLessThanOrEqual(30);
    expect(at(actual, 'useful', '22:53')).toBeGreaterThan(99.5);
    expect(at(actual, 'restarted', '23:59')).toBeCloseTo(incident.model!.parameters.fleetSize!.value, 6);
  });

  it('meets every observed point within its tolerance', () => {
    for (const point of incident.observed!) {
      const value = at(actual, point.series, point.at!.slice(11));
      expect(Math.abs(value - point.value), `${point.id}: replay ${value}`).toBeLessThanOrEqual(point.tolerance);
    }
  });

  it('is the same twice, and the same again with one Monte Carlo seed', () => {
    const again = replay();
    for (const name of Object.keys(actual.series)) expect([...again.series[name]!], name).toEqual([...actual.series[name]!]);
    const a = replay('actual', {}, 11);
    const b = replay('actual', {}, 11);
    for (const name of Object.keys(a.series)) expect([...b.series[name]!], name).toEqual([...a.series[name]!]);
  });

  it('calibrates in Monte Carlo too: random discovery lags move the failure, not the outcome', () => {
    for (const seed of [1, 2, 3]) {
      const mc = replay('actual', {}, seed);
      expect(at(mc, 'withinLimit', '04:47')).toBeLessThan(0.5);
      expect(at(mc, 'useful', '06:15')).toBeLessThan(0.5);
      expect(Math.abs(recoveryMinute(mc) - minuteOf('22:23'))).toBeLessThanOrEqual(30);
    }
    // Lags drawn per server differ from the expected split, so the failure ramps differently.
    const mc = replay('actual', {}, 1);
    expect(at(mc, 'withinLimit', '04:00')).not.toBeCloseTo(at(actual, 'withinLimit', '04:00'), 6);
  });
});

describe('counterfactuals', () => {
  const peak = (set: SeriesSet, series: string) => Math.max(...set.series[series]!);

  it('a higher thread limit: no outage for an addition of this size', () => {
    const s = replay('higher-thread-limit');
    expect(peak(s, 'errors')).toBeLessThan(1e-9);
    expect(peak(s, 'threads')).toBeLessThan(at(s, 'threadLimit', '12:00'));
  });

  it('fewer, larger servers: threads per server stay under the unchanged limit', () => {
    const s = replay('fewer-larger-servers');
    const actual = replay();
    expect(peak(s, 'threads')).toBeLessThan(incident.model!.parameters.threadLimit!.value);
    expect(peak(s, 'threads')).toBeLessThan(peak(actual, 'threads') * 0.6);
    expect(peak(s, 'errors')).toBeLessThan(1e-9);
  });

  it('cells: the same addition touches one cell, far from its limit', () => {
    const s = replay('front-end-cells');
    expect(peak(s, 'errors')).toBeLessThan(1e-9);
    expect(peak(s, 'threads')).toBeLessThan(1300);
  });

  it('cells: even with each cell as close to its limit as the real fleet was, only one cell fails', () => {
    // Headroom of the actual fleet (65 threads) kept per cell of 920 servers.
    const p = incident.model!.parameters;
    const cell = p.fleetSize!.value / 4;
    const headroom = p.threadLimit!.value - p.baseThreads!.value - (p.fleetSize!.value - 1);
    const s = replay('front-end-cells', { threadLimit: p.baseThreads!.value + cell - 1 + headroom });
    expect(peak(s, 'errors')).toBeCloseTo(25, 6);
    expect(peak(replay(), 'errors')).toBeCloseTo(100, 6);
  });

  it('a faster cold start: the fleet still fails, and is back hours before 22:23', () => {
    const s = replay('faster-cold-start');
    expect(peak(s, 'errors')).toBeCloseTo(100, 6);
    expect(recoveryMinute(s)).toBeLessThan(minuteOf('22:23') - 6 * 60);
    expect(at(s, 'markedUnhealthy', '23:59')).toBe(0);
  });

  it('restarting faster without a faster cold start gets servers marked unhealthy and gains nothing', () => {
    const rushed = replay('actual', { restartRate: 1200 });
    expect(at(rushed, 'markedUnhealthy', '23:59')).toBeGreaterThan(1000);
    expect(recoveryMinute(rushed)).toBeGreaterThanOrEqual(recoveryMinute(replay()) - 5);
  });

  it('restarting before the fleet is back under the limit only fails the servers again', () => {
    // Restart at 04:00 instead of 09:39, before any capacity is removed. The removal (from
    // 05:15, a server every 2.64 minutes) brings the fleet under the limit once 3 of the 100
    // are out, at about 05:23: until then every restarted server learns a fleet too large.
    const withEarly: Incident = {
      ...incident,
      scenarios: [
        ...incident.scenarios!,
        { id: 'early-restart', title: 'Restart at 04:00', rationale: 'test', timeline: { shift: [{ event: 'restart-proceeds', by: '-5h39m' }] } },
      ],
    };
    const s = runReplay(threadLimit, planReplay(withEarly, 'early-restart'));
    const i = (hhmm: string) => (instantOf(incident, day(hhmm)) - s.startMs) / 60_000;
    expect(s.series.restarted![i('05:15')]).toBeGreaterThan(50);
    expect(s.series.withinLimit![i('05:22')]).toBe(0);
    expect(s.series.withinLimit![i('05:30')]).toBeGreaterThan(0);
  });
});
