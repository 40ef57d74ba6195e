// The EBS memory leak of 22 October 2012: the incident file is valid, encodes every timestamped
// fact, quotes its sources word for word, and its replay is calibrated to the published figures.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadIncidentFile } from '../../src/incident/load.js';
import { checkIncident } from '../../src/incident/check.js';
import type { Incident } from '../../src/incident/schema.js';
import { instantOf, planReplay } from '../../src/model/plan.js';
import { runReplay, type SeriesSet } from '../../src/model/engine.js';
import { createRandomSource } from '../../src/model/random.js';
import { resourceLeak } from '../../src/model/kinds/resource-leak.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const file = path.join(root, 'incidents/aws-ebs-2012-10-22.yaml');
const shared = path.resolve(root, '../shared');

let incident: Incident;
const replays: Record<string, SeriesSet> = {};

beforeAll(async () => {
  const loaded = await loadIncidentFile(file);
  expect(loaded.diagnostics).toEqual([]);
  incident = loaded.incident!;
  for (const id of ['actual', ...incident.scenarios!.map((s) => s.id)]) {
    replays[id] = runReplay(resourceLeak, planReplay(incident, id));
  }
});

/** The sample of `series` at local time `time` (`2012-10-22 10:00`). */
function at(replay: SeriesSet, series: string, time: string): number {
  const i = Math.round((instantOf(incident, time) - replay.startMs) / 60_000 / replay.stepMinutes);
  return replay.series[series]![i]!;
}

/** Max of `series` from `from` to `to` (inclusive). */
function maxOver(replay: SeriesSet, series: string, from: string, to: string): number {
  const i = Math.round((instantOf(incident, from) - replay.startMs) / 60_000 / replay.stepMinutes);
  const j = Math.round((instantOf(incident, to) - replay.startMs) / 60_000 / replay.stepMinutes);
  return Math.max(...replay.series[series]!.subarray(i, j + 1));
}

/** Integral of the series in % × hours. */
function area(replay: SeriesSet, series = 'stuck'): number {
  return replay.series[series]!.reduce((sum, v) => sum + v, 0) * (replay.stepMinutes / 60);
}

function peak(replay: SeriesSet, series = 'stuck'): { value: number; index: number } {
  const s = replay.series[series]!;
  let index = 0;
  for (let i = 1; i < s.length; i++) if (s[i]! > s[index]!) index = i;
  return { value: s[index]!, index };
}

function localTime(replay: SeriesSet, index: number): string {
  const d = new Date(replay.startMs + index * replay.stepMinutes * 60_000 - 7 * 3_600_000);
  return d.toISOString().slice(11, 16);
}

describe('the incident file', () => {
  it('passes every semantic check; at most it is warned about the two events of the week before', async () => {
    const loaded = await loadIncidentFile(file);
    const diagnostics = await checkIncident(loaded);
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual([]);
    // The DNS change and the failed alarm lie a week before the replay: their effects apply at
    // its start, which is what the model wants (the leak's age is `leakHoursBeforeStart`).
    const lineOf = (id: string) => loaded.positionOf(['timeline', incident.timeline.findIndex((e) => e.id === id), 'at']).line;
    const expected = new Set([lineOf('dns-change'), lineOf('leak-alarm-failed')]);
    for (const d of diagnostics.filter((d) => d.severity === 'warning')) {
      expect([d.rule, expected.has(d.line)]).toEqual(['model/effect-outside-window', true]);
    }
  });

  it('encodes every timestamped 2012 fact as a timeline event at its local PDT time', () => {
    const events = Object.fromEntries(incident.timeline.map((e) => [e.id, e]));
    expect(events['dns-change']).toMatchObject({ phase: 'context', approximate: true, at: '2012-10-15 10:00' });
    expect(events['onset']).toMatchObject({ phase: 'impact', at: '2012-10-22 10:00' });
    expect(events['small-number-stuck']).toMatchObject({ at: '2012-10-22 10:00' });
    expect(events['large-number-stuck']).toMatchObject({ phase: 'impact', at: '2012-10-22 11:00' });
    expect(events['api-throttling']).toMatchObject({ at: '2012-10-22 12:06', until: '2012-10-22 14:33' });
    expect(events['root-cause-found']).toMatchObject({ phase: 'diagnosis', approximate: true, at: '2012-10-22 15:00' });
    expect(events['back-to-normal']).toMatchObject({ approximate: true, at: '2012-10-22 16:00' });
    expect(events['elb-recovered']).toMatchObject({ phase: 'resolved', at: '2012-10-22 21:50' });
    // 10:00 PDT is 17:00 UTC: the "PST" of the article is read as daylight time.
    expect(new Date(instantOf(incident, '2012-10-22 10:00')).toISOString()).toBe('2012-10-22T17:00:00.000Z');
    expect(events['onset']!.reading).toMatch(/PDT/);
  });

  it('drives the model from the timeline: the DNS change, the failed alarm and the fix', () => {
    const actions = incident.timeline.flatMap((e) => (e.effects ?? []).map((x) => `${e.id}:${x.action ?? Object.keys(x.set!).join()}`));
    expect(actions).toEqual(['dns-change:dns-update-missed', 'leak-alarm-failed:leakAlarm', 'root-cause-found:stop-leak', 'root-cause-found:reclaim-memory']);
  });

  it('marks every unpublished model number as assumed or derived, with a note', () => {
    const parameters = Object.entries(incident.model!.parameters);
    expect(parameters.map(([name]) => name).sort()).toEqual(Object.keys(resourceLeak.parameters).sort());
    for (const [, p] of parameters) {
      expect(['assumed', 'derived']).toContain(p.provenance);
      expect(p.note.length).toBeGreaterThan(20);
    }
  });

  it('links every action item to a scenario that exists', () => {
    const scenarios = new Set(incident.scenarios!.map((s) => s.id));
    for (const item of incident.actionItems!) expect(scenarios.has(item.scenario!)).toBe(true);
  });
});

// The seeds live beside the checkout; without them there is nothing to compare the quotes with.
describe.skipIf(!existsSync(path.join(shared, 'seeds')))('quotes', () => {
  const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
  const documentOf = (sourceId: string | undefined): string => {
    const source = incident.sources.find((s) => s.id === sourceId)!;
    // The AWS summary is not among the seeds: its words are quoted only where TechCrunch quotes
    // them, in the HTML copy of its article.
    return normalise(readFileSync(path.join(shared, 'seeds', source.seed ?? '001_8a01722fb6744206.txt'), 'utf8').replace(/<[^>]*>/g, ' '));
  };

  it('are word for word from the source each cites', () => {
    const quoted: { where: string; source?: string; quote?: string }[] = [
      ...incident.timeline.map((e) => ({ where: `timeline ${e.id}`, source: e.source, quote: e.quote })),
      ...incident.observed!.map((o) => ({ where: `observed ${o.id}`, source: o.source, quote: o.quote })),
      ...incident.scenarios!.map((s) => ({ where: `scenario ${s.id}`, source: s.source, quote: s.remediation })),
      ...incident.contributingFactors!.map((c) => ({ where: `factor ${c.id}`, source: c.source, quote: c.quote })),
      ...incident.actionItems!.map((a) => ({ where: `action ${a.id}`, source: a.source, quote: a.quote })),
    ].filter((q) => q.quote !== undefined);
    const missing = quoted.filter((q) => !documentOf(q.source).includes(normalise(q.quote!))).map((q) => q.where);
    expect(missing).toEqual([]);
  });

  it('cite no notes of our own, and mark the AWS summary’s facts no seed words as paraphrases', () => {
    expect(readFileSync(file, 'utf8')).not.toMatch(/FACTS\.md|calibration facts/);
    for (const e of incident.timeline.filter((e) => e.source === 'aws-summary' && e.quote === undefined)) {
      expect(e.provenance, e.id).toBe('secondary');
    }
    expect(new Set(incident.sources.map((s) => s.url ?? s.id)).size).toBe(incident.sources.length);
  });
});

describe('calibration of the actual replay', () => {
  it('has no stuck volumes before 09:45 and some by 10:15', () => {
    const actual = replays.actual!;
    expect(maxOver(actual, 'stuck', '2012-10-22 06:00', '2012-10-22 09:45')).toBe(0);
    expect(at(actual, 'stuck', '2012-10-22 10:00')).toBeLessThanOrEqual(2);
    expect(at(actual, 'stuck', '2012-10-22 10:15')).toBeGreaterThan(1);
  });

  it('has a large share stuck by 11:00 (read as 20–50% of the zone’s volumes)', () => {
    const stuck = at(replays.actual!, 'stuck', '2012-10-22 11:00');
    expect(stuck).toBeGreaterThanOrEqual(20);
    expect(stuck).toBeLessThanOrEqual(50);
  });

  it('peaks between 11:00 and the root cause at 15:00, bounded by the spare room', () => {
    const actual = replays.actual!;
    const { value, index } = peak(actual);
    const time = localTime(actual, index);
    expect(time >= '11:00' && time <= '15:00').toBe(true);
    // Closed form: half the fleet degraded, a tenth of the volumes moved to spares: 50 − 10 = 40%.
    expect(value).toBeCloseTo(40, 0);
    expect(at(actual, 'degradedServers', '2012-10-22 14:00')).toBe(500);
    expect(at(actual, 'spareServers', '2012-10-22 14:00')).toBeCloseTo(0, 6);
  });

  it('is back near zero within half an hour of 16:00, and not before 15:00', () => {
    const actual = replays.actual!;
    expect(at(actual, 'stuck', '2012-10-22 15:00')).toBeGreaterThan(30);
    expect(at(actual, 'stuck', '2012-10-22 15:30')).toBeGreaterThan(1);
    expect(at(actual, 'stuck', '2012-10-22 16:00')).toBeLessThan(1);
    // Moves in flight finish exponentially: what is left after 16:30 is a rounding residue.
    expect(maxOver(actual, 'stuck', '2012-10-22 16:30', '2012-10-22 23:00')).toBeLessThan(1e-3);
    expect(at(actual, 'degradedServers', '2012-10-22 16:30')).toBe(0);
  });

  it('meets every observed point within its tolerance', () => {
    const actual = replays.actual!;
    for (const o of incident.observed!) {
      const replayed = o.window
        ? maxOver(actual, o.series, o.window.from, o.window.to)
        : at(actual, o.series, o.at!);
      expect(Math.abs(replayed - o.value), o.id).toBeLessThanOrEqual(o.tolerance);
    }
  });

  it('shows the headroom of the leaking servers running out before the onset', () => {
    const actual = replays.actual!;
    const early = at(actual, 'headroom', '2012-10-22 06:00');
    const before = at(actual, 'headroom', '2012-10-22 09:30');
    expect(early).toBeGreaterThan(before);
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(1);
    expect(at(actual, 'headroom', '2012-10-22 12:00')).toBeCloseTo(0, 6);
    expect(at(actual, 'headroom', '2012-10-22 17:00')).toBeCloseTo(25, 6);
  });
});

describe('counterfactuals move the curve the way their remediation claims', () => {
  it('a working leak alarm leaves a much smaller impact', () => {
    expect(peak(replays['leak-alarm']!).value).toBeLessThan(peak(replays.actual!).value / 4);
    expect(area(replays['leak-alarm']!)).toBeLessThan(area(replays.actual!) / 10);
  });

  it('a per-process memory limit keeps every server below its threshold', () => {
    expect(peak(replays['agent-memory-limit']!).value).toBeLessThan(0.5);
    expect(peak(replays['agent-memory-limit']!, 'degradedServers').value).toBe(0);
  });

  it('verified DNS propagation: the leak never starts', () => {
    const r = replays['dns-propagation-verified']!;
    expect(peak(r).value).toBe(0);
    expect(Math.min(...r.series.headroom!)).toBe(25);
  });

  it('a fixed agent: the servers retry but lose nothing', () => {
    expect(peak(replays['leak-fixed']!).value).toBe(0);
  });

  it('a later alarm leaves more stuck than an earlier one, and less than none', () => {
    const plan = (alarmHeadroom: number) => {
      const p = planReplay(incident, 'leak-alarm');
      return { ...p, params: { ...p.params, alarmHeadroom } };
    };
    const areas = [1, 0.5, 0.2, 0.05].map((h) => area(runReplay(resourceLeak, plan(h))));
    for (let k = 1; k < areas.length; k++) expect(areas[k]!).toBeGreaterThanOrEqual(areas[k - 1]!);
    expect(areas[3]!).toBeGreaterThan(0);
    expect(areas[3]!).toBeLessThan(area(replays.actual!));
  });
});

describe('Monte Carlo runs of the actual replay', () => {
  it('stay close to the deterministic calibration across seeds', () => {
    const plan = planReplay(incident);
    const at11: number[] = [];
    for (let seed = 1; seed <= 8; seed++) {
      const r = runReplay(resourceLeak, plan, { random: createRandomSource(seed) });
      expect(maxOver(r, 'stuck', '2012-10-22 06:00', '2012-10-22 09:30')).toBe(0);
      expect(at(r, 'stuck', '2012-10-22 16:30')).toBeLessThan(1e-3);
      at11.push(at(r, 'stuck', '2012-10-22 11:00'));
    }
    const mean = at11.reduce((a, b) => a + b, 0) / at11.length;
    expect(mean).toBeGreaterThan(15);
    expect(mean).toBeLessThan(50);
    // Seeds differ: the randomness is real.
    expect(new Set(at11.map((v) => v.toFixed(6))).size).toBeGreaterThan(1);
  });
});
