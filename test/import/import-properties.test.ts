// Invariants of the import on generated documents: it never throws, it invents no quote, every
// position points into the input, and every draft it writes passes `validate`.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { importPostmortem } from '../../src/import/import-postmortem.js';
import { toDraftYaml } from '../../src/import/to-draft-yaml.js';
import { loadIncidentBytes } from '../../src/incident/load.js';
import { checkIncident } from '../../src/incident/check.js';

const fragments = [
  'At ', '12:47 AM PDT', ' on April 21st', ', 2011', '23:50 UTC', '00:10', 'Noon', 'midnight', '2011-11-06 01:30', '2011-03-13T02:30',
  ' PST', ' EDT', ' UTC+01:00', '.', ' ', '\n', '\n\n', '# ', '## Dec 31, 2021\n\n', '| time | what |\n| --- | --- |\n| ', ' |\n', '- ',
  'the change was rolled back', 'alarms fired', 'fully restored', 'Jan 1', ' (17:00 UTC)', '–', ' to ', 'between ', ' and ', '13%',
  ' of the volumes', '**', '`', '\\', '&amp;', 'Saturday morning', 'the next day', 'Unless noted, all times are ', 'é', '“stuck”',
];
const documents = fc.oneof(
  fc.array(fc.constantFrom(...fragments), { maxLength: 40 }).map((parts) => parts.join('')),
  fc.string({ maxLength: 200 }),
);

describe('import on generated documents', () => {
  it('never throws, quotes only the input, and points into it', () => {
    fc.assert(
      fc.property(documents, fc.option(fc.constantFrom('UTC', 'America/Los_Angeles')), (text, timezone) => {
        const r = importPostmortem(text, { file: 'gen.md', year: 2011, ...(timezone ? { timezone } : {}) });
        const lines = text.split('\n');
        for (const item of [...r.events, ...r.figures]) {
          expect(text).toContain(item.quote);
          expect(item.line).toBeGreaterThanOrEqual(1);
          expect(item.line).toBeLessThanOrEqual(lines.length);
          expect(item.column).toBeGreaterThanOrEqual(1);
          expect(item.column).toBeLessThanOrEqual(lines[item.line - 1]!.length);
        }
        for (const w of r.warnings) expect(w.line).toBeLessThanOrEqual(lines.length);
      }),
      { numRuns: 400, seed: 20110421 },
    );
  });

  it('writes drafts that validate', async () => {
    await fc.assert(
      fc.asyncProperty(documents, async (text) => {
        const r = importPostmortem(text, { file: 'gen.md', year: 2011, timezone: 'America/Los_Angeles' });
        fc.pre(r.events.length > 0);
        const loaded = loadIncidentBytes('draft.yaml', new TextEncoder().encode(toDraftYaml(r)));
        const errors = [...loaded.diagnostics, ...(await checkIncident(loaded))].filter((d) => d.severity === 'error');
        expect(errors).toEqual([]);
      }),
      { numRuns: 150, seed: 20201125 },
    );
  });
});
