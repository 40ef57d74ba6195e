// validate: provenance that contradicts what an entry carries, figures compared at a time the
// record does not give, and key moments that rest only on a guess.
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/incident/diagnostic.js';
import { createDiagnose } from '../../support/diagnose.js';
import { numberIsIn } from '../../../src/incident/checks/check-provenance.js';

const { diagnose, textAt } = createDiagnose();
const brief = (d: Diagnostic) => `${d.rule} @ ${textAt(d)}`;
const only = (prefix: string[]) => (d: Diagnostic) => prefix.some((p) => d.rule.startsWith(p));

const head = `id: x
title: X
summary: X.
service: X
region: r
timezone: UTC
severity: sev3
sources:
  - id: s
    title: S
    url: https://example.com/s
`;

describe('checkProvenance', () => {
  it('flags a published figure its quote does not state, a reading saying "not published", and a time the record does not give', async () => {
    const d = await diagnose(`${head}timeline:
  - at: 2020-01-01 00:00
    phase: impact
    text: Start.
    source: s
    quote: It started.
observed:
  - id: large
    series: stuck
    at: 2020-01-01 01:00
    value: 35
    unit: count
    source: s
    provenance: published
    quote: By 11:00 a large number of volumes were stuck.
    reading: The number is not published.
    tolerance: 1
  - id: storm
    series: stuck
    at: 2020-01-01 02:00
    value: 13
    unit: count
    source: s
    quote: At this point, about 13% were stuck.
    reading: '"At this point" has no time.'
    tolerance: 1
`);
    expect(d.filter(only(['provenance/'])).map(brief)).toEqual([
      'provenance/value-not-in-quote @ 35',
      'provenance/contradiction @ published',
      'provenance/time-not-published @ 2020-01-01 02:00',
    ]);
  });

  it('requires a quote for a published entry and a reading for a derived one', async () => {
    const d = await diagnose(`${head}timeline:
  - at: 2020-01-01 00:00
    phase: impact
    text: Start.
    source: s
    provenance: published
  - at: 2020-01-01 05:00
    phase: resolved
    text: Done.
    source: s
    provenance: derived
`);
    expect(d.filter(only(['provenance/'])).map((x) => x.rule)).toEqual(['provenance/published-without-quote', 'provenance/missing-reading']);
  });
});

describe('checkMomentProvenance', () => {
  it('warns when a key moment rests on an approximate event, not on a derived one or a bare time the author chose', async () => {
    const d = await diagnose(`${head}timeline:
  - id: start
    at: 2020-01-01 00:00
    phase: impact
    text: Start.
    source: s
    quote: It started.
  - id: noticed
    at: 2020-01-01 00:10
    approximate: true
    phase: detection
    text: Noticed, shortly after.
    source: s
    reading: '"Shortly after" read as ten minutes.'
  - id: fixed
    at: 2020-01-01 05:00
    approximate: true
    provenance: derived
    phase: mitigation
    text: Fixed five hours later.
    source: s
    reading: Five hours after the start.
moments:
  resolved: 2020-01-01 06:00
`);
    expect(d.filter(only(['moments/'])).map(brief)).toEqual(['moments/guessed @ 2020-01-01 00:10']);
  });
});

describe('numberIsIn', () => {
  it('finds the number a quote states, however written', () => {
    expect(numberIsIn(13, 'about 13% of the volumes')).toBe(true);
    expect(numberIsIn(41, 'decreased to 41.0% at the end')).toBe(true);
    expect(numberIsIn(3680, '3,680 servers')).toBe(true);
    expect(numberIsIn(35, 'a large number')).toBe(false);
    expect(numberIsIn(1, 'at 10:15 the first group')).toBe(false);
  });
});
