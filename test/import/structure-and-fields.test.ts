// Structure first, each time form and each section-to-field mapping, on small inline documents.
import { describe, it, expect } from 'vitest';
import { importPostmortem } from '../../src/import/import-postmortem.js';
import { findTimeMentions } from '../../src/import/find-time-mentions.js';
import { sectionKind } from '../../src/import/document-sections.js';
import { limitNesting } from '../../src/import/limit-nesting.js';
import { markdownChunks } from '../../src/import/markdown-chunks.js';
import { toDraftYaml } from '../../src/import/to-draft-yaml.js';
import { parse } from 'yaml';
import { loadIncidentBytes } from '../../src/incident/load.js';
import { checkIncident } from '../../src/incident/check.js';

const doc = `# Payments API outage, 2023-11-08

Status: resolved · Authors: A. Person

On November 8, 2023 the payments API failed for 45 minutes after a bad deploy at 14:03.

Duration: 14:03 to 14:48

## Timeline (all times UTC)

- 14:03: deploy of version 42 started
- 14:10: alerts fired for payments latency
- 14:48: incident resolved

## Chat log

> [11-08 13:05] alice: is anyone seeing errors?

## Action items

| item | owner |
| --- | --- |
| PAY-123 add a canary stage by 17:00 | @alice |

## Contributing factors

- The cache setting was not reviewed.

## Lessons learned

### What went well

- Alerts fired quickly at 14:10.

Severity: SEV-1
`;

const at = (r: ReturnType<typeof importPostmortem>) => r.events.map((e) => e.at);

describe('structure first', () => {
  const r = importPostmortem(doc, { file: 'd.md' });
  it('takes events from the timeline, drops restated times, skips quotes, actions and lessons', () => {
    expect(at(r)).toEqual(['2023-11-08 14:03', '2023-11-08 14:10', '2023-11-08 14:48']);
    expect(r.events.every((e) => e.line >= 11 && e.line <= 13)).toBe(true);
  });
  it('reads the zone from the timeline heading', () => {
    expect(r.timezone).toBe('UTC');
  });
  it('reads "incident resolved" as resolved', () => {
    expect(r.events[2]!.phase).toBe('resolved');
  });
  it('takes times outside quotes when nothing else states one', () => {
    const q = importPostmortem('# X\n\n> At 2020-01-01 10:00 UTC the disk filled.\n', { file: 'q.md' });
    expect(at(q)).toEqual(['2020-01-01 10:00']);
  });
  it('classifies headings', () => {
    expect(sectionKind('Timeline (all times BST)')).toBe('timeline');
    expect(sectionKind('Appendix: raw logs')).toBe('appendix');
    expect(sectionKind('Follow-ups')).toBe('actions');
    expect(sectionKind('Root cause')).toBe('factors');
    expect(sectionKind('Where we got lucky')).toBe('lessons');
  });
});

describe('time forms', () => {
  it('HH:MM: as an entry separator', () => {
    expect(findTimeMentions('14:03: deploy started').clocks.map((c) => [c.hour, c.minute])).toEqual([[14, 3]]);
  });
  it('[MM-DD HH:MM] as a date without a year', () => {
    const m = findTimeMentions('[11-08 13:05] alice: errors');
    expect(m.dates.map((d) => [d.month, d.day, d.year])).toEqual([[11, 8, undefined]]);
    expect(m.clocks).toHaveLength(1);
  });
  it('a routine schedule is not a time of the incident', () => {
    expect(findTimeMentions('Backups run daily at 00:00.').clocks).toEqual([]);
  });
  it('a second rendering in "US EST" is linked to the first', () => {
    const m = findTimeMentions('At 20:00 UTC (3:00pm US EST) the site went down.');
    expect(m.clocks[1]!.alternateOf).toBe(0);
  });
});

describe('sections into fields', () => {
  const r = importPostmortem(doc, { file: 'd.md' });
  it('reads action items with tracker and owner, factors, severity, lessons', () => {
    expect(r.fields.actionItems).toEqual([expect.objectContaining({ tracker: 'PAY-123', owner: 'alice', line: 23 })]);
    expect(r.fields.factors.map((f) => f.text)).toEqual(['The cache setting was not reviewed.']);
    expect(r.fields.severity?.value).toBe('sev1');
    expect(r.fields.lessons.wentWell.map((f) => f.text)).toEqual(['Alerts fired quickly at 14:10.']);
  });
  it('summary is the first paragraph of prose; the id holds the date once', () => {
    expect(r.summary).toMatch(/^On November 8, 2023 the payments API failed/);
    expect(r.id).toBe('payments-api-outage-2023-11-08');
  });
  it('the draft writes owner, tracker, type, customer impact and lessons as fields, and validates', async () => {
    const yaml = toDraftYaml(r);
    const draft = parse(yaml) as Record<string, unknown>;
    expect(draft.actionItems).toEqual([
      expect.objectContaining({ id: 'action-1', owner: 'alice', tracker: { id: 'PAY-123' }, type: 'prevent', status: 'proposed' }),
    ]);
    expect(draft.lessons).toEqual({ wentWell: [{ text: 'Alerts fired quickly at 14:10.', source: 'postmortem' }] });
    expect(yaml).not.toContain('no field');
    const loaded = loadIncidentBytes('draft.yaml', new TextEncoder().encode(yaml));
    const errors = [...loaded.diagnostics, ...(await checkIncident(loaded))].filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
  });
  it('customer impact: who from the paragraph, what as written', () => {
    const text = '# Outage\n\n## Impact\n\nSome customers in eu-west-1 could not check out for 40 minutes.\n\n## Timeline\n\n- 2023-11-08 14:03 UTC: deploy started\n';
    const draft = parse(toDraftYaml(importPostmortem(text, { file: 'i.md' }))) as { customerImpact: unknown };
    expect(draft.customerImpact).toEqual([{ who: 'Some customers in eu-west-1', what: 'Some customers in eu-west-1 could not check out for 40 minutes.', source: 'postmortem' }]);
  });
});

describe('bounded pre-passes', () => {
  it('limitNesting keeps the length and cuts past 32 levels', () => {
    const deep = '>'.repeat(100) + ' x';
    const r = limitNesting(deep);
    expect(r.text).toHaveLength(deep.length);
    expect(r.cut).toEqual([{ line: 1, depth: 100 }]);
    expect(limitNesting('> > shallow').text).toBe('> > shallow');
  });
  it('markdownChunks covers the input exactly, never cutting a fence at a blank line', () => {
    const text = Array.from({ length: 1000 }, (_, i) => (i % 50 === 0 ? '' : i === 199 ? '```' : i === 260 ? '```' : `line ${i}`)).join('\n');
    const chunks = markdownChunks(text);
    expect(chunks.map((c) => c.text).join('')).toBe(text);
    expect(chunks.every((c, i) => i === 0 || c.start === chunks[i - 1]!.start + chunks[i - 1]!.text.length)).toBe(true);
  });
});

describe('date-only timeline entries', () => {
  it('are kept as a TODO with their date', () => {
    const text = '# Outage\n\n## Timeline\n\n- 2023-11-07: the certificate was renewed by hand\n- 2023-11-08 14:03 UTC: the deploy started\n';
    const r = importPostmortem(text, { file: 't.md' });
    expect(r.events.map((e) => e.at)).toEqual(['2023-11-08 14:03']);
    const todo = r.warnings.find((w) => w.rule === 'import/date-only');
    expect(todo).toMatchObject({ line: 5, unplaced: true, quote: '2023-11-07: the certificate was renewed by hand' });
    expect(toDraftYaml(r)).toContain('# TODO: t.md:5:3 the timeline entry on 2023-11-07 gives a date and no time');
  });
});
