// Precision and recall of the timeline events on the labelled corpus of real postmortems
// (test/fixtures/import/corpus/index.json): an emitted event is a hit when its instant (UTC)
// matches a label not matched yet. Printed per document and in total.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importPostmortem } from '../../src/import/import-postmortem.js';
import { toDraftYaml } from '../../src/import/to-draft-yaml.js';
import { loadIncidentBytes } from '../../src/incident/load.js';
import { checkIncident } from '../../src/incident/check.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/import/corpus');
interface Labelled {
  file: string;
  url: string;
  license: string;
  events: Array<{ at: string; line: number; gist?: string }>;
}
const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as { documents: Labelled[] };

describe('labelled corpus', () => {
  it('precision and recall per document and in total', () => {
    let [hitsAll, emittedAll, labelsAll] = [0, 0, 0];
    const rows: string[] = [];
    for (const doc of index.documents) {
      expect(doc.url).toMatch(/^https:\/\//);
      expect(doc.license).not.toBe('');
      const text = readFileSync(path.join(dir, doc.file), 'utf8');
      const r = importPostmortem(text, { file: doc.file });
      const open = doc.events.map((e) => new Date(e.at).getTime());
      let hits = 0;
      for (const e of r.events) {
        const i = open.indexOf(e.epochMs);
        if (i !== -1) {
          hits++;
          open.splice(i, 1);
        }
      }
      hitsAll += hits;
      emittedAll += r.events.length;
      labelsAll += doc.events.length;
      const p = r.events.length === 0 ? (doc.events.length === 0 ? 1 : 0) : hits / r.events.length;
      const rc = doc.events.length === 0 ? 1 : hits / doc.events.length;
      rows.push(`${doc.file.padEnd(48)} precision ${p.toFixed(2)} recall ${rc.toFixed(2)} (${hits} of ${r.events.length} emitted, ${doc.events.length} labelled)`);
    }
    const precision = hitsAll / emittedAll;
    const recall = hitsAll / labelsAll;
    rows.push(`${'total'.padEnd(48)} precision ${precision.toFixed(2)} recall ${recall.toFixed(2)} (${hitsAll} of ${emittedAll} emitted, ${labelsAll} labelled)`);
    console.log(rows.join('\n'));
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});

describe('labelled corpus drafts', () => {
  // Every document that states an event gives a draft that passes `validate` as it is written.
  for (const doc of index.documents.filter((d) => d.events.length > 0)) {
    it(`${doc.file} validates`, async () => {
      const r = importPostmortem(readFileSync(path.join(dir, doc.file), 'utf8'), { file: doc.file });
      const yaml = toDraftYaml(r);
      const loaded = loadIncidentBytes(doc.file, new TextEncoder().encode(yaml));
      const errors = [...loaded.diagnostics, ...(await checkIncident(loaded))].filter((d) => d.severity === 'error');
      expect(errors.map((e) => `${e.rule}: ${e.message}`)).toEqual([]);
      expect(r.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(r.id).not.toMatch(/(\d{4}-\d{2}).*\1/);
    });
  }
});
