import { describe, it, expect } from 'vitest';
import { importPostmortem, type ImportOptions } from '../../src/import/import-postmortem.js';

const run = (text: string, options: Partial<ImportOptions> = {}) => importPostmortem(text, { file: 'pm.md', ...options });
const ats = (text: string, options: Partial<ImportOptions> = {}) => run(text, options).events.map((e) => (e.until ? `${e.at}..${e.until}` : e.at));
const rules = (text: string, options: Partial<ImportOptions> = {}) => run(text, options).warnings.map((w) => w.rule);

describe('clock forms', () => {
  it('reads 12-hour clocks with AM/PM and a zone abbreviation', () => {
    expect(ats('At 12:47 AM PDT on April 21, 2011, a change was made.')).toEqual(['2011-04-21 00:47']);
    expect(ats('At 12:30PM PDT on April 22, 2011, volumes were restored.')).toEqual(['2011-04-22 12:30']);
    expect(ats('On 2020-11-25 the alarm fired at 9:39am PST.')).toEqual(['2020-11-25 09:39']);
    expect(ats('On 2020-11-25 the alarm fired at 9:39 a.m. PST.')).toEqual(['2020-11-25 09:39']);
    expect(ats('On 2020-11-25 errors fell from 5 PM PST.')).toEqual(['2020-11-25 17:00']);
  });

  it('reads 24-hour clocks and UTC', () => {
    const r = run('On 2021-06-01 at 14:03 UTC the deploy started.');
    expect(r.events.map((e) => e.at)).toEqual(['2021-06-01 14:03']);
    expect(r.timezone).toBe('UTC');
    expect(r.events[0]!.zone).toBe('UTC');
  });

  it('reads Noon, "Noon PM" and midnight', () => {
    expect(ats('Errors lasted until Noon PDT on April 21st, 2011.')).toEqual(['2011-04-21 12:00']);
    expect(ats('Errors lasted until Noon PM PDT on April 21st, 2011.')).toEqual(['2011-04-21 12:00']);
    expect(ats('On 2011-04-21 the backlog was cleared at midnight UTC.')).toEqual(['2011-04-21 00:00']);
  });

  it('reads four-digit times only with a zone after them', () => {
    expect(ats('On 2021-06-01 at 1400 UTC the deploy began, and at 0930Z it ended.')).toEqual(['2021-06-01 09:30', '2021-06-01 14:00']);
    expect(run('In 2011 we had 1400 servers.').timedSentences).toBe(0);
  });

  it('reads seconds and ISO 8601 timestamps with offsets', () => {
    expect(ats('The job failed at 2021-03-04T05:06:07Z.')).toEqual(['2021-03-04 05:06:07']);
    // An offset that is not the zone of the draft is kept as an offset.
    const r = run('Alerts fired at 2021-03-04T05:06+01:00. The page went out at 2021-03-04T05:10+01:00.');
    expect(r.events.map((e) => e.at)).toEqual(['2021-03-04T05:06+01:00', '2021-03-04T05:10+01:00']);
    expect(r.events[0]!.zone).toBe('UTC+01:00');
  });

  it('reads UTC offsets written after a clock', () => {
    expect(ats('On 2011-04-21 at 00:47 UTC−7 the change began.')).toEqual(['2011-04-21T00:47-07:00']);
    expect(ats('On 2011-04-21 at 09:47 UTC+01:00 the change began.')).toEqual(['2011-04-21T09:47+01:00']);
    expect(ats('On 2011-04-21 at 09:47 GMT the change began.')).toEqual(['2011-04-21 09:47']);
    expect(ats('Sent: Sat, 27 Oct 2012 08:10:45 +0000.')).toEqual(['2012-10-27 08:10:45']);
    expect(ats('On 2011-04-21 at 09:47+01:00 the change began.')).toEqual(['2011-04-21T09:47+01:00']);
    expect(ats('On 2011-04-21 at 09:47 -0700 the change began.')).toEqual(['2011-04-21T09:47-07:00']);
  });

  it('maps zone names to IANA zones', () => {
    const zone = (text: string) => run(text).events[0]?.zone;
    expect(zone('On 2021-01-05 at 10:00 EST we deployed.')).toBe('America/New_York');
    expect(zone('On 2021-07-05 at 10:00 EDT we deployed.')).toBe('America/New_York');
    expect(zone('On 2021-07-05 at 10:00 Eastern we deployed.')).toBe('America/New_York');
    expect(zone('On 2021-07-05 at 10:00 CEST we deployed.')).toBe('Europe/Berlin');
    expect(zone('On 2021-01-05 at 10:00 CET we deployed.')).toBe('Europe/Berlin');
    expect(zone('On 2021-01-05 at 10:00 PST we deployed.')).toBe('America/Los_Angeles');
    expect(zone('On 2021-01-05 at 10:00Z we deployed.')).toBe('UTC');
  });

  it('does not read version numbers, ratios or scores as times', () => {
    expect(run('We upgraded to version 2.3 and a 3:1 ratio on 2021-01-05.').timedSentences).toBe(0);
  });
});

describe('dates', () => {
  it('reads dates written out in both orders, with and without a year', () => {
    expect(ats('At 10:00 UTC on 21 April 2011 it began.')).toEqual(['2011-04-21 10:00']);
    expect(ats('On Apr 22, 2011 at 10:00 UTC it began.')).toEqual(['2011-04-22 10:00']);
    expect(ats('At 10:00 UTC on the 3rd of May it began.', { year: 2019 })).toEqual(['2019-05-03 10:00']);
    expect(ats('At 10:00 UTC on April 21st it began.', { year: 2011 })).toEqual(['2011-04-21 10:00']);
  });

  it('reads numeric dates only when they read one way', () => {
    expect(ats('At 14:03 UTC on 04/21/2011 it began.')).toEqual(['2011-04-21 14:03']);
    expect(ats('At 14:03 UTC on 21/04/2011 it began.')).toEqual(['2011-04-21 14:03']);
    const r = run('At 10:00 UTC on 2021-01-01 we met. At 14:03 UTC on 03/04/2021 it began.');
    expect(r.events.map((e) => e.at)).toEqual(['2021-01-01 10:00']);
    expect(r.warnings).toMatchObject([{ rule: 'import/ambiguous-date', line: 1, column: 39, unplaced: true }]);
  });

  it('takes the year from anywhere in the document', () => {
    expect(ats('# Outage of March 2011\n\nAt 10:00 UTC on April 21st it began.')).toEqual(['2011-04-21 10:00']);
  });

  it('warns when no year is known, and places nothing', () => {
    const r = run('At 10:00 UTC on April 21st it began.');
    expect(r.events).toEqual([]);
    expect(r.warnings.map((w) => [w.rule, w.line, w.column])).toEqual([['import/no-year', 1, 4]]);
  });

  it('does not read "may" the verb as a month', () => {
    expect(run('Clients may 2 times retry at 10:00 UTC.', { date: { year: 2021, month: 1, day: 1 } }).events[0]!.at).toBe('2021-01-01 10:00');
  });

  it('carries the date forward across sentences', () => {
    expect(ats('At 10:00 UTC on 2021-01-05 the deploy began. At 10:20 UTC alarms fired. At 11:00 UTC it was rolled back.')).toEqual([
      '2021-01-05 10:00',
      '2021-01-05 10:20',
      '2021-01-05 11:00',
    ]);
  });

  it('uses the date of a heading for the times under it', () => {
    const md = '# Outage\n\n## April 21, 2011\n\n- 23:10 UTC deploy\n- 23:40 UTC alarm\n\n## April 22, 2011\n\n- 01:00 UTC rolled back\n';
    expect(ats(md)).toEqual(['2011-04-21 23:10', '2011-04-21 23:40', '2011-04-22 01:00']);
  });

  it('uses a default date stated in the text, and --date when the text has none', () => {
    const md = 'Unless noted, all times are on March 3, 2022, in UTC.\n\nAt 10:00 the deploy began. At 10:30 it was rolled back.';
    const r = run(md);
    expect(r.events.map((e) => e.at)).toEqual(['2022-03-03 10:00', '2022-03-03 10:30']);
    expect(r.timezone).toBe('UTC');
    expect(ats('At 02:44 PST capacity was added.', { date: { year: 2020, month: 11, day: 25 } })).toEqual(['2020-11-25 02:44']);
  });

  it('reports a time without any date', () => {
    const r = run('Intro.\n\nAt 02:44 PST capacity was added.');
    expect(r.events).toEqual([]);
    expect(r.warnings).toMatchObject([{ rule: 'import/no-date', line: 3, column: 4, unplaced: true, quote: 'At 02:44 PST capacity was added.' }]);
  });

  it('moves to the next day on "the next morning"', () => {
    expect(ats('At 22:00 UTC on 2021-01-05 it began. The next morning at 09:00 UTC it was resolved.')).toEqual([
      '2021-01-05 22:00',
      '2021-01-06 09:00',
    ]);
  });

  it('warns about a day named without a date ("Saturday morning")', () => {
    const r = run('At 10:00 UTC on 2021-01-05 it began. By Saturday morning, the work was done.');
    expect(r.events.map((e) => e.at)).toEqual(['2021-01-05 10:00']);
    expect(r.warnings).toMatchObject([{ rule: 'import/named-day', line: 1, column: 41, unplaced: false }]);
  });
});

describe('midnight and year rollover in a running narrative', () => {
  it('rolls a time earlier than the previous one over to the next day', () => {
    expect(ats('At 23:50 UTC on 2021-06-01 the deploy began. At 00:10 UTC alarms fired. At 00:40 UTC it was rolled back.')).toEqual([
      '2021-06-01 23:50',
      '2021-06-02 00:10',
      '2021-06-02 00:40',
    ]);
  });

  it('rolls over the end of a year', () => {
    expect(ats('At 23:50 UTC on Dec 31, 2021 the deploy began. At 00:10 UTC alarms fired.')).toEqual(['2021-12-31 23:50', '2022-01-01 00:10']);
    // A date without a year after December is in the next year.
    expect(ats('At 23:50 UTC on Dec 31, 2021 the deploy began. At 00:10 UTC on Jan 1 alarms fired.')).toEqual([
      '2021-12-31 23:50',
      '2022-01-01 00:10',
    ]);
  });

  it('reads a much earlier time as a flashback on the same day, with a warning', () => {
    const r = run('At 12:00 UTC on 2021-06-01 errors ended. At 11:30 UTC a change fixed it.');
    expect(r.events.map((e) => e.at)).toEqual(['2021-06-01 11:30', '2021-06-01 12:00']);
    expect(r.warnings).toMatchObject([{ rule: 'import/flashback', line: 1, column: 45 }]);
  });

  it('does not roll over once the narrative has gone back in time', () => {
    const text = 'At 12:00 UTC on 2021-06-01 errors ended. At 11:30 UTC a change was made. At 23:50 UTC a cleanup ran. At 00:10 UTC it finished.';
    expect(ats(text)).toEqual(['2021-06-01 00:10', '2021-06-01 11:30', '2021-06-01 12:00', '2021-06-01 23:50']);
    expect(rules(text)).toEqual(['import/flashback', 'import/flashback']);
  });

  it('does not roll over a time with its own date', () => {
    expect(ats('At 23:50 UTC on 2021-06-01 it began. At 00:10 UTC on 2021-06-01 a test ran.')).toEqual(['2021-06-01 00:10', '2021-06-01 23:50']);
  });
});

describe('ranges and second zones', () => {
  it('reads "from X to Y", "X–Y" and "between X and Y"', () => {
    expect(ats('Impact from 12:50 AM PDT to 2:40 AM PDT on April 21st, 2011.')).toEqual(['2011-04-21 00:50..2011-04-21 02:40']);
    expect(ats('On 2020-11-25, capacity was added 02:44–03:47 PST.')).toEqual(['2020-11-25 02:44..2020-11-25 03:47']);
    expect(ats('On 2012-10-22 throttling hurt customers between 12:06 and 14:33 PDT.')).toEqual(['2012-10-22 12:06..2012-10-22 14:33']);
    expect(ats('On 2011-04-21, errors 12:50–2:40 AM PDT.')).toEqual(['2011-04-21 00:50..2011-04-21 02:40']);
  });

  it('ends a range that crosses midnight on the next day', () => {
    expect(ats('On 2021-06-01 maintenance ran from 23:00 to 01:00 UTC.')).toEqual(['2021-06-01 23:00..2021-06-02 01:00']);
  });

  it('keeps one event for a time given in two zones', () => {
    const r = run('On 2021-06-01 at 10:00 PDT (17:00 UTC) the deploy began.');
    expect(r.events.map((e) => e.at)).toEqual(['2021-06-01 10:00']);
    expect(r.warnings).toEqual([]);
  });

  it('warns when the two zones name different moments', () => {
    const r = run('On 2021-06-01 at 10:00 PDT (18:00 UTC) the deploy began.');
    expect(r.events).toHaveLength(1);
    expect(r.warnings).toMatchObject([{ rule: 'import/zone-contradiction', line: 1, column: 29 }]);
  });
});

describe('zones and DST', () => {
  it('uses --timezone for times without a zone', () => {
    const r = run('At 10:00 on 2021-06-01 the deploy began.', { timezone: 'Europe/Paris' });
    expect(r.events.map((e) => [e.at, e.zone])).toEqual([['2021-06-01 10:00', 'Europe/Paris']]);
    expect(r.timezone).toBe('Europe/Paris');
    expect(r.timezoneFrom).toBe('option');
  });

  it('reports a time without a zone when there is none at all', () => {
    expect(rules('At 10:00 on 2021-06-01 the deploy began.')).toEqual(['import/no-zone']);
  });

  it('warns about a local time that does not exist (DST starts) and leaves it out', () => {
    const r = run('At 01:50 on 2011-03-13 the deploy began. At 02:30 alarms fired. At 03:10 it was rolled back.', {
      timezone: 'America/Los_Angeles',
    });
    expect(r.events.map((e) => e.at)).toEqual(['2011-03-13 01:50', '2011-03-13 03:10']);
    expect(r.warnings).toMatchObject([{ rule: 'import/nonexistent-time', line: 1, column: 45, unplaced: true }]);
  });

  it('warns about an ambiguous local time (DST ends) and leaves it out', () => {
    const r = run('At 01:30 on 2011-11-06 the deploy began.', { timezone: 'America/Los_Angeles' });
    expect(r.events).toEqual([]);
    expect(r.warnings).toMatchObject([{ rule: 'import/ambiguous-time', line: 1, column: 4 }]);
  });

  it('lets the abbreviation pick the reading in a DST overlap', () => {
    const r = run('At 01:30 PST on 2011-11-06 the deploy began.');
    expect(r.events.map((e) => e.at)).toEqual(['2011-11-06T01:30-08:00']);
  });

  it('warns when the abbreviation does not fit the date', () => {
    const r = run('At 10:00 PST on 2012-10-22 volumes got stuck.');
    expect(r.events.map((e) => e.at)).toEqual(['2012-10-22 10:00']);
    expect(r.warnings).toMatchObject([{ rule: 'import/zone-mismatch', unplaced: false }]);
  });
});

describe('blocks', () => {
  it('reads times in table rows and quotes the row as written', () => {
    const md = '# Timeline\n\n| time (UTC) | what |\n| --- | --- |\n| 2021-06-01 14:03 | alarm fired |\n| 2021-06-01 14:20 | rolled back |\n';
    const r = run(md);
    expect(r.events.map((e) => [e.at, e.phase, e.quote, e.line, e.column])).toEqual([
      ['2021-06-01 14:03', 'detection', '| 2021-06-01 14:03 | alarm fired |', 5, 3],
      ['2021-06-01 14:20', 'mitigation', '| 2021-06-01 14:20 | rolled back |', 6, 3],
    ]);
    expect(r.events.map((e) => e.text)).toEqual(['Alarm fired', 'Rolled back']);
  });

  it('reads list items and headings, and quotes them as the input has them', () => {
    const md = '# 10:00 UTC on 2021-06-01: deploy started\n\n- **10:05 UTC**: the alarm fired.\n';
    const r = run(md);
    expect(r.events.map((e) => [e.at, e.quote, e.line, e.column])).toEqual([
      ['2021-06-01 10:00', '10:00 UTC on 2021-06-01: deploy started', 1, 3],
      ['2021-06-01 10:05', '**10:05 UTC**: the alarm fired.', 3, 5],
    ]);
  });

  it('takes the title from the first heading and the summary from the first paragraph', () => {
    const r = run('# Kinesis outage\n\nThe front-end fleet failed. It was restored.\n\nAt 10:00 UTC on 2020-11-25 it began.');
    expect(r.title).toBe('Kinesis outage');
    expect(r.summary).toBe('The front-end fleet failed. It was restored.');
    expect(r.id).toBe('kinesis-outage-2020-11-25');
  });

  it('splits a plain-text line that looks like a heading off the next sentence', () => {
    const r = run('Title line\nPrimary Outage\nAt 10:00 UTC on 2020-11-25, a change was made.');
    expect(r.events[0]!.quote).toBe('At 10:00 UTC on 2020-11-25, a change was made.');
  });
});

describe('phases', () => {
  it('guesses the phase of each clause of a sentence', () => {
    const r = run(
      'At 2:40 AM PDT on April 21st, 2011, the team deployed a change that disabled all new requests, and by 2:50 AM PDT, error rates recovered.',
    );
    expect(r.events.map((e) => [e.at, e.phase, e.cue])).toEqual([
      ['2011-04-21 02:40', 'mitigation', 'disabled'],
      ['2011-04-21 02:50', 'recovery', 'recovered'],
    ]);
  });

  it('re-guesses a phase that would put the key moments out of order', () => {
    const r = run('At 10:00 UTC on 2021-06-01 the issue was resolved. At 11:00 UTC errors began to rise.');
    expect(r.events.map((e) => e.phase)).toEqual(['recovery', 'trigger']);
    expect(r.warnings.map((w) => w.rule)).toEqual(['import/phase-order']);
  });
});
