// The engine hands a composed kind every run of samples between two effects in one call
// (ModelKind.advanceSpan). Whatever the incident, scenario, step or seed, that gives the same
// samples to the bit as the sample-by-sample loop (which a test's onStep keeps), and a cursor
// advanced a few samples at a time (Monte Carlo in lockstep) gives the same samples again.
import { describe, it, expect, beforeAll } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadIncidentFile } from '../../src/incident/load.js';
import type { Incident } from '../../src/incident/schema.js';
import { planReplay, type ReplayPlan } from '../../src/model/plan.js';
import { runReplay, sampleCount, startReplay, type SeriesSet } from '../../src/model/engine.js';
import { createRandomSource } from '../../src/model/random.js';
import type { ModelKind } from '../../src/model/types.js';
import { kindForIncident } from '../../src/replay/replay-incident.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const files = ['incidents/aws-ebs-2011-04-21.yaml', 'incidents/aws-ebs-2012-10-22.yaml', 'incidents/aws-kinesis-2020-11-25.yaml', 'bench/peers/retry-storm-84h.yaml'];
const loaded = new Map<string, { incident: Incident; kind: ModelKind }>();

beforeAll(async () => {
  for (const file of files) {
    const { incident } = await loadIncidentFile(path.join(repo, file));
    loaded.set(file, { incident: incident!, kind: await kindForIncident(incident!, path.join(repo, file)) });
  }
});

/** Every sample of every series the same, NaN and −0 included. */
function expectSameSamples(a: SeriesSet, b: SeriesSet, what: string): void {
  expect(Object.keys(a.series)).toEqual(Object.keys(b.series));
  for (const [name, column] of Object.entries(a.series)) {
    const other = b.series[name]!;
    const first = column.findIndex((v, i) => !Object.is(v, other[i]));
    expect(first, `${what}: series \`${name}\` first differs at sample ${first}: ${column[first]} against ${other[first]}`).toBe(-1);
  }
}

const sampleBySample = { onStep: () => {} };

describe('the engine’s span path gives the samples of its sample loop', () => {
  for (const file of files) {
    it(`${path.basename(file)}: every scenario at 1 min and 20 s, and two seeds`, () => {
      const { incident, kind } = loaded.get(file)!;
      expect(kind.advanceSpan, 'a composed kind has the span path').toBeTypeOf('function');
      const scenarios = ['actual', ...(incident.scenarios ?? []).map((s) => s.id)];
      for (const scenario of scenarios) {
        for (const stepMinutes of [1, 1 / 3]) {
          const plan = planReplay(incident, scenario, { stepMinutes });
          expectSameSamples(runReplay(kind, plan), runReplay(kind, plan, sampleBySample), `${scenario} at ${stepMinutes} min`);
        }
      }
      const plan = planReplay(incident, 'actual');
      for (const seed of [1, 2]) {
        expectSameSamples(
          runReplay(kind, plan, { random: createRandomSource(seed) }),
          runReplay(kind, plan, { random: createRandomSource(seed), ...sampleBySample }),
          `seed ${seed}`,
        );
      }
    });
  }

  it('a cursor advanced 7 samples at a time, into a step-major buffer, gives the whole run', () => {
    const { incident, kind } = loaded.get('bench/peers/retry-storm-84h.yaml')!;
    const plan: ReplayPlan = planReplay(incident, 'actual');
    const length = sampleCount(plan);
    const whole = runReplay(kind, plan);
    const names = Object.keys(kind.series);
    // Two runs side by side (stride 2), this one in the odd places.
    const columns = names.map(() => new Float64Array(2 * length));
    const cursor = startReplay(kind, plan);
    for (let next = 0; next < length; next += 7) cursor.advance(next + 7, columns, 1 + 2 * next, 2);
    expect(cursor.next).toBe(length);
    for (const name of kind.backfillFirstSample ?? []) columns[names.indexOf(name)]![1] = columns[names.indexOf(name)]![3]!;
    const chunked: SeriesSet = { ...whole, series: Object.fromEntries(names.map((n, k) => [n, columns[k]!.filter((_, i) => i % 2 === 1)])) };
    expectSameSamples(whole, chunked, 'chunks of 7');
  });
});
