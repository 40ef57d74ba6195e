// The postmortem sections of the three seed incidents (customer impact, detection, lessons,
// communication) quote their sources word for word: each quote cites a source with a local copy
// among the seeds, and is found in that copy (up to line breaks, which YAML folds).
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Incident } from '../../src/incident/schema.js';

const repo = path.resolve(import.meta.dirname, '../..');
const seeds = path.resolve(repo, '../shared/seeds');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

interface Quoted {
  where: string;
  source?: string;
  quote?: string;
}

function quotedStatements(incident: Incident): Quoted[] {
  const out: Quoted[] = [];
  incident.customerImpact?.forEach((c, i) => out.push({ where: `customerImpact[${i}]`, ...c }));
  if (incident.detection) {
    out.push({ where: 'detection', ...incident.detection });
    incident.detection.notAlarmed?.forEach((s, i) => out.push({ where: `detection.notAlarmed[${i}]`, ...s }));
  }
  for (const key of ['wentWell', 'wentWrong', 'gotLucky'] as const) {
    incident.lessons?.[key]?.forEach((s, i) => out.push({ where: `lessons.${key}[${i}]`, ...s }));
  }
  incident.communication?.forEach((c, i) => out.push({ where: `communication[${i}]`, ...c }));
  return out.filter((q) => q.quote !== undefined);
}

describe.skipIf(!existsSync(seeds))('postmortem sections of the seed incidents', () => {
  for (const id of ['aws-ebs-2011-04-21', 'aws-ebs-2012-10-22', 'aws-kinesis-2020-11-25']) {
    it(`${id}: every section is filled in, and every quote is verbatim in its source's seed`, () => {
      const incident = parse(readFileSync(path.join(repo, `incidents/${id}.yaml`), 'utf8')) as Incident;
      expect(incident.customerImpact?.length).toBeGreaterThan(0);
      expect(incident.detection).toBeDefined();
      expect(incident.lessons).toBeDefined();
      expect(incident.communication?.length).toBeGreaterThan(0);
      expect(incident.actionItems?.every((a) => a.type !== undefined && a.owner !== undefined)).toBe(true);
      const quoted = quotedStatements(incident);
      expect(quoted.length).toBeGreaterThan(3);
      for (const q of quoted) {
        const source = incident.sources.find((s) => s.id === q.source);
        expect(source?.seed, `${q.where}: its source has a copy among the seeds`).toBeDefined();
        const text = squash(readFileSync(path.join(seeds, source!.seed!), 'utf8'));
        expect(text.includes(squash(q.quote!)), `${q.where}: “${q.quote}” in ${source!.seed}`).toBe(true);
      }
    });
  }
});
