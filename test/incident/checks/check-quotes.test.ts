// validate: a quote that is not in the local copy of its source, and sources that are not
// public documents or are one document listed twice.
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/incident/diagnostic.js';
import { createDiagnose } from '../../support/diagnose.js';

const { diagnose, textAt } = createDiagnose();
const brief = (d: Diagnostic) => `${d.rule} @ ${textAt(d)}`;
const only = (prefix: string[]) => (d: Diagnostic) => prefix.some((p) => d.rule.startsWith(p));

const incident = (sources: string, timeline: string) => `id: x
title: X
summary: X.
service: X
region: r
timezone: UTC
severity: sev3
sources:
${sources}
timeline:
${timeline}
`;

// The incident text is diagnosed as `x.yaml` in the working directory (the checkout), so
// `file:` paths are relative to it.
const article = `  - id: article
    title: The Cause Of The Outage
    url: https://example.com/outage
    file: test/fixtures/sources/article.txt`;

describe('checkQuotes', () => {
  it('accepts a quote found word for word, typographic quotes and line breaks aside', async () => {
    const d = await diagnose(
      incident(article, `  - at: 2020-01-01 00:00
    phase: impact
    text: Servers fail.
    source: article
    quote: >-
      the servers "ended up with useless shard-maps" and could not route requests.`),
    );
    expect(d.filter(only(['quote/', 'source/']))).toEqual([]);
  });

  it('warns at a quote the copy does not have, and at a paraphrase in `quote:`', async () => {
    const d = await diagnose(
      incident(article, `  - at: 2020-01-01 00:00
    phase: impact
    text: Servers fail.
    source: article
    quote: The servers had broken shard maps.
  - at: 2020-01-01 01:00
    phase: recovery
    text: Servers restarted.
    source: article
    provenance: secondary
    quote: the servers were restarted`),
    );
    expect(d.filter(only(['quote/', 'provenance/'])).map(brief)).toEqual([
      'quote/not-in-source @ The servers had broken shard maps.',
      'provenance/quote-on-paraphrase @ the servers were restarted',
      'quote/not-in-source @ the servers were restarted',
    ]);
  });
});

describe('checkSources', () => {
  it('warns about a source with no public address and one URL listed twice', async () => {
    const d = await diagnose(
      incident(
        `${article}
  - id: notes
    title: Our calibration notes
    kind: secondary
  - id: article-text
    title: The same article, as text
    url: http://www.example.com/outage/`,
        `  - at: 2020-01-01 00:00
    phase: impact
    text: Servers fail.
    source: notes
    provenance: secondary`,
      ),
    );
    expect(d.filter(only(['source/'])).map(brief)).toEqual(['source/not-public @ notes', 'source/duplicate-url @ http://www.example.com/outage/']);
  });
});
