// Each time form and document class of issue 12 on a small inline document: metadata that dates
// the times, HTML blocks, plans and stamps, newest-first updates, "the next day" inside one
// entry, ranges and impact windows, and prose times moved to the timeline's day.
import { describe, it, expect } from 'vitest';
import { importPostmortem } from '../../src/import/import-postmortem.js';
import { readFrontMatter } from '../../src/import/read-front-matter.js';
import { htmlTextBlocks } from '../../src/import/html-text-blocks.js';

const utc = (text: string, options: Parameters<typeof importPostmortem>[1] = { file: 't.md' }) =>
  importPostmortem(text, options).events.map((e) => new Date(e.epochMs).toISOString().slice(0, 16));
const rules = (text: string) => importPostmortem(text, { file: 't.md' }).warnings.map((w) => w.rule);

describe('the document dates its times', () => {
  const statusPage = `---
title: "Fedora integration outage"
date: "2024-05-27T14:20:00+02:00"
resolved: true
resolvedWhen: "2024-05-27T18:35:00+02:00"
---

Fedora integration is disrupted:

- since 2pm CEST for our stage deployment
- since 6pm CEST for our production deployment
`;
  it('front matter: its date dates the body, its keys are neither events nor the title line', () => {
    const r = importPostmortem(statusPage, { file: 's.md' });
    expect(r.events.map((e) => new Date(e.epochMs).toISOString())).toEqual(['2024-05-27T12:00:00.000Z', '2024-05-27T16:00:00.000Z']);
    expect(r.title).toBe('Fedora integration outage');
    expect(r.warnings.find((w) => w.rule === 'import/date-from-metadata')?.message).toContain("document's date (front matter `date`, line 3)");
  });
  it('readFrontMatter blanks the block, keeps offsets, reads TOML and dated paths', () => {
    const toml = '+++\ntitle = "Breach"\npath = "/blog/2019/04/11/breach"\n+++\nBody';
    const f = readFrontMatter(toml);
    expect(f.text).toHaveLength(toml.length);
    expect(f.text.endsWith('\nBody')).toBe(true);
    expect(f.text.slice(0, 20).trim()).toBe('');
    expect(f.date?.ymd).toEqual({ year: 2019, month: 4, day: 11 });
    expect(readFrontMatter('---\nno end').text).toBe('---\nno end');
  });
  it('a yearless [MM-DD] in a timeline dated March 2019 that says December is the year before', () => {
    const doc = '# March 26th, 2019 Outage\n\nAll times in UTC.\n\n## Timeline\n\n- [12-05 16:21] bug introduced\n- [03-26 17:40] upgrade started\n';
    expect(utc(doc)).toEqual(['2018-12-05T16:21', '2019-03-26T17:40']);
  });
  it('a weekday fixes the year among the years the document writes', () => {
    const doc = '# Outage\n\nSee https://example.org/2022/report and v2019 notes.\n\n## Updates\n\n- Tue Oct 11 12:24 UTC: queue draining\n- Wed Oct 12 05:27 UTC: normal again\n';
    expect(utc(doc)).toEqual(['2022-10-11T12:24', '2022-10-12T05:27']);
    expect(rules(doc)).toContain('import/year-from-weekday');
  });
  it('no year at all: nothing placed, the warning names the year, not the date', () => {
    const doc = '# Outage\n\n## Timeline\n\n- Oct 11 12:24 UTC: queue draining\n';
    const r = importPostmortem(doc, { file: 't.md' });
    expect(r.events).toEqual([]);
    expect(r.warnings.map((w) => w.rule)).toEqual(['import/no-year']);
    expect(r.warnings[0]!.hint).toContain('--year');
  });
});

describe('HTML blocks', () => {
  it('are read as text with offsets into the input', () => {
    const html = '<p>At 14:03 UTC on 2023-11-08 the deploy &amp; restart began.</p>\n<ul>\n<li>14:10 UTC alerts fired</li>\n</ul>';
    const blocks = htmlTextBlocks(html, 100, false);
    expect(blocks.map((b) => [b.text.trim(), b.listItem === true])).toEqual([
      ['At 14:03 UTC on 2023-11-08 the deploy & restart began.', false],
      ['14:10 UTC alerts fired', true],
    ]);
    expect(blocks[0]!.offsets[0]).toBe(103);
    expect(utc(`# Outage\n\n${html}\n`)).toEqual(['2023-11-08T14:03', '2023-11-08T14:10']);
  });
  it('skip code and comments, never throw on broken markup or huge entities', () => {
    expect(htmlTextBlocks('<pre>14:03 UTC</pre><!-- 15:00 --><p>ok &#99999999; &bogus; <b</p>', 0, false).map((b) => b.text)).toEqual(['ok &#99999999; &bogus; <b']);
  });
});

describe('times that are not moments of the incident', () => {
  it('plans, announced updates and "as of" or "updated" stamps', () => {
    const doc = `# Outage on 2023-11-08

Last updated: 2023-11-09 10:00 UTC

There will be a maintenance window starting at 2023-11-20 02:00 UTC.

## Timeline (UTC)

- 14:03 deploy started
- 14:30 we will provide the next update at 15:00
- 14:40 rollback finished (as of 14:45 all green)

## Planned maintenance

Koji upgrade at 2023-11-21 21:00 UTC
`;
    expect(utc(doc)).toEqual(['2023-11-08T14:03', '2023-11-08T14:30', '2023-11-08T14:40']);
  });
});

describe('order and dates of entries', () => {
  it('newest-first updates cross midnight backwards', () => {
    const doc = `# API errors

## Updates

- **Resolved** - Nov 9, 2023 00:20 UTC: fixed
- **Monitoring** - 00:05 UTC: fix deployed
- **Identified** - 23:50 UTC: cause found
- **Investigating** - 23:30 UTC: we are investigating
`;
    const r = importPostmortem(doc, { file: 't.md' });
    expect(r.events.map((e) => new Date(e.epochMs).toISOString().slice(0, 16))).toEqual(['2023-11-08T23:30', '2023-11-08T23:50', '2023-11-09T00:05', '2023-11-09T00:20']);
    expect(r.warnings.map((w) => w.rule)).not.toContain('import/flashback');
  });
  it('newest-first updates stamped below them (sourcehut\'s status page): an announcement stamped with the start it announces is not a second event', () => {
    const page = (begun: boolean) => `---
title: Planned outage
---

**Maintenance complete**.
{{< track "2020-07-29 21:00:00" >}}

**More time needed**.
{{< track "2020-07-29 17:50:00" >}}
${begun ? '\n**Maintenance has begun**.\n{{< track "2020-07-29 17:00:00" >}}\n' : ''}
**Planned maintenance**:
At 17:00 UTC on July 29th, we will migrate the server.
{{< track "2020-07-29 17:00:00" >}}
`;
    expect(utc(page(true))).toEqual(['2020-07-29T17:00', '2020-07-29T17:50', '2020-07-29T21:00']);
    expect(importPostmortem(page(true), { file: 't.md' }).events.map((e) => e.line)).toEqual([12, 9, 6]);
    // Without the update that states the start, the announcement's stamp is the only one: kept.
    expect(utc(page(false))).toEqual(['2020-07-29T17:00', '2020-07-29T17:50', '2020-07-29T21:00']);
  });
  it('"the next day" after an entry\'s time dates only what follows it in that entry', () => {
    const doc = `# Outage

## Timeline

- 2023-11-08 22:00 UTC: deploy started; the full fix followed the next day at 09:00 UTC
- 22:30 UTC: alerts fired
- 23:10 UTC: rollback
`;
    expect(utc(doc)).toEqual(['2023-11-08T22:00', '2023-11-08T22:30', '2023-11-08T23:10', '2023-11-09T09:00']);
  });
  it('"the next day" leading a sentence moves the story on', () => {
    expect(utc('# Outage\n\nOn 2023-11-08 at 22:00 UTC the deploy started. The next day at 09:00 UTC the fix shipped. At 10:00 UTC all was well.\n')).toEqual([
      '2023-11-08T22:00',
      '2023-11-09T09:00',
      '2023-11-09T10:00',
    ]);
  });
  it('a range across dates is one event with its end', () => {
    const r = importPostmortem('# Outage\n\nBetween 2023-11-08 23:30 and 2023-11-09 00:30 UTC the API failed.\n', { file: 't.md' });
    expect(r.events).toHaveLength(1);
    expect(new Date(r.events[0]!.epochMs).toISOString()).toBe('2023-11-08T23:30:00.000Z');
    expect(r.events[0]!.until).toMatch(/2023-11-09 00:30/);
  });
  it('an impact window outside the timeline is kept; a time that repeats the timeline is not; prose times take the timeline\'s day', () => {
    const doc = `# Prow outage

Last Modified: 2019-02-10

## Impact

Jobs could not start (between 1:46pm (first report) - 5:30pm).

## Root cause

At around 13:00 we started the upgrade. At 16:04 someone noticed.

## Timeline

All times in PST, on February 8th 2019

- [16:04] Prow is slow
- [17:59] Prow is healthy
`;
    const r = importPostmortem(doc, { file: 't.md' });
    expect(r.events.map((e) => [new Date(e.epochMs).toISOString().slice(0, 16), e.until !== undefined])).toEqual([
      ['2019-02-08T21:00', false],
      ['2019-02-08T21:46', true],
      ['2019-02-09T00:04', false],
      ['2019-02-09T01:59', false],
    ]);
  });
});

describe('event texts', () => {
  it('an entry written "[MM-DD HH:MM] text" or "[HH:MM] text" keeps its text without the stamp', () => {
    const r = importPostmortem('# Outage, 2019-03-26\n\nAll times in UTC.\n\n## Timeline\n\n- [03-26 08:10] Fixed image deployed\n- [09:00] Jobs pass again\n', { file: 't.md' });
    expect(r.events.map((e) => e.text)).toEqual(['Fixed image deployed', 'Jobs pass again']);
  });
});

describe('schedules and second renderings in whole documents', () => {
  it('a routine schedule neither becomes an event nor rolls the later entries over midnight', () => {
    const doc = '# Outage\n\n## Timeline (UTC)\n\n- 2023-11-08 22:10 the backup job, which runs daily at 00:00, was still running\n- 22:40 disk full\n- 23:05 job killed\n';
    expect(utc(doc)).toEqual(['2023-11-08T22:10', '2023-11-08T22:40', '2023-11-08T23:05']);
  });
  it('"(3:00pm US EST)" after a UTC time is the same event, not a second one', () => {
    const r = importPostmortem('# Outage\n\nOn 2023-11-08 at 20:00 UTC (3:00pm US EST) the site went down.\n', { file: 't.md' });
    expect(r.events).toHaveLength(1);
    expect(new Date(r.events[0]!.epochMs).toISOString()).toBe('2023-11-08T20:00:00.000Z');
    expect(r.warnings.map((w) => w.rule)).not.toContain('import/zone-contradiction');
  });
});

describe('the start told outside the timeline', () => {
  it('"starting at approximately 20:00 UTC" in the summary is kept; a plain restatement is not', () => {
    const doc = '# Outage\n\nOn Monday, Oct 15, 2018, starting at approximately 20:00 UTC, the registry sustained an incident. At 20:09 the user registered.\n\n## Timeline\n\n- 20:09: the user registers\n- 20:13: uploads begin\n';
    expect(utc(doc)).toEqual(['2018-10-15T20:00', '2018-10-15T20:09', '2018-10-15T20:13']);
  });
});

describe('date-only entries under a date line', () => {
  it('each time-less entry under "April 9th" is a TODO with that date; "Updated …" stamps are not events', () => {
    const doc = '# Breach, 2019\n\n### Timeline\n\n<p>April 4th <b>Updated 2019-04-12 11:00 UTC</b></p>\n<ul>\n<li>Attacker gains access</li>\n</ul>\n\n<p>April 9th</p>\n\n- Vulnerability reported\n- Jenkins patched\n\nAt around 5am UTC on Apr 12, 2019, DNS was repointed.\n';
    const r = importPostmortem(doc, { file: 't.md' });
    expect(r.events.map((e) => new Date(e.epochMs).toISOString().slice(0, 16))).toEqual(['2019-04-12T05:00']);
    expect(r.warnings.filter((w) => w.rule === 'import/date-only').map((w) => [w.line, w.message])).toEqual([
      [7, 'the timeline entry on April 4th gives a date and no time: kept as a TODO'],
      [12, 'the timeline entry on April 9th gives a date and no time: kept as a TODO'],
      [13, 'the timeline entry on April 9th gives a date and no time: kept as a TODO'],
    ]);
  });
});
