import { describe, it, expect } from 'vitest';
import { parse } from 'yaml';
import { dateInId, scaffoldIncident } from '../../src/incident/scaffold-incident.js';
import { idPattern } from '../../src/incident/schema.js';
import { Incident } from '../../src/incident/schema.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';

describe('scaffoldIncident', () => {
  const options = { id: 'x', timezone: 'UTC', schemaPath: '../schema/incident.schema.json', date: '2020-11-25' };

  it('passes the schema for titles that need quoting', () => {
    for (const title of ['Plain title', 'Kinesis: thread limit', 'null', '42', 'yes', '"quoted"', "it's # not a comment", ' padded ']) {
      const data = parse(scaffoldIncident({ ...options, title }));
      expect(data.title, title).toBe(title);
      expect(Incident.safeParse(data).success, title).toBe(true);
    }
  });

  it('gives the ISO example with the offset in force in the zone that day', () => {
    const text = (zone: string, date: string) => scaffoldIncident({ ...options, timezone: zone, date });
    expect(text('America/Los_Angeles', '2020-11-25')).toContain('(`2020-11-25T09:00-08:00`)');
    expect(text('America/Los_Angeles', '2011-04-21')).toContain('(`2011-04-21T09:00-07:00`)');
    expect(text('Asia/Kolkata', '2011-04-21')).toContain('(`2011-04-21T09:00+05:30`)');
    expect(text('UTC', '2011-04-21')).toContain('(`2011-04-21T09:00Z`)');
  });

  it('lists the kinds it is given', () => {
    expect(scaffoldIncident({ ...options, kinds: ['a-kind', 'b-kind'] })).toContain('# kind (a-kind, b-kind);\n');
  });

  it('without a model (`new --no-model`): the same record, no model, scenarios or effects, and no word of them left as if they were there', () => {
    const withModel = parse(scaffoldIncident(options));
    const text = scaffoldIncident({ ...options, model: false });
    const data = parse(text);
    expect(Incident.safeParse(data).success).toBe(true);
    expect(data.model).toBeUndefined();
    expect(data.scenarios).toBeUndefined();
    expect(data.actionItems[0].scenario).toBeUndefined();
    for (const event of data.timeline) expect(event.effects).toBeUndefined();
    // Everything of the record is kept as the modelled example has it.
    const record = (d: Record<string, unknown>) => ({
      ...d,
      model: undefined,
      scenarios: undefined,
      timeline: (d.timeline as Record<string, unknown>[]).map((e) => ({ ...e, effects: undefined })),
      actionItems: (d.actionItems as Record<string, unknown>[]).map((a) => ({ ...a, scenario: undefined })),
    });
    expect(data).toEqual(record(withModel));
    expect(text).not.toMatch(/retry-storm|\n# Counterfactuals|commits to; `scenario`/);
    expect(text).toContain('# No `model:`');
  });
});

describe('dateInId', () => {
  it('finds a real date in the id', () => {
    expect(dateInId('aws-ebs-2011-04-21')).toBe('2011-04-21');
    expect(dateInId('2020-11-25-kinesis')).toBe('2020-11-25');
    expect(dateInId('aws-2011-02-30')).toBeUndefined();
    expect(dateInId('build-20110421')).toBeUndefined();
  });
});

describe('the id rule of `new`', () => {
  it('is the schema’s idPattern', () => {
    const source = readFileSync(path.resolve(import.meta.dirname, '../../src/cli/commands/new.ts'), 'utf8');
    expect(source).toContain(`const kebabCase = ${String(idPattern)};`);
  });
});

describe('the scaffolded incident replays', () => {
  it('through its example retry-storm model, within tolerance of its example figure, with a scenario that helps', async () => {
    const { replayIncident } = await import('../../src/replay/replay-incident.js');
    await import('../../src/model/kinds/index.js');
    const incident = Incident.parse(
      parse(scaffoldIncident({ id: 'db-outage-2024-03-10', timezone: 'Europe/Berlin', schemaPath: '../schema/incident.schema.json', date: '2024-03-10' })),
    );
    const replay = await replayIncident(incident);
    // Load shedding refuses what capacity (79% of 1000/min) cannot serve of 900/min: 110/900.
    expect(replay.observed).toHaveLength(1);
    expect(replay.observed[0]!.replayed).toBeCloseTo((900 - 790) / 9, 3);
    expect(replay.observed[0]!.within).toBe(true);
    const [actual, earlier] = replay.scenarios;
    expect(earlier!.id).toBe('earlier-rollback');
    expect(earlier!.metrics.errorPercent!.impactArea).toBeLessThan(actual!.metrics.errorPercent!.impactArea);
  });
});
