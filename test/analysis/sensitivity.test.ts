import { describe, it, expect } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadIncidentBytes } from '../../src/incident/load.js';
import { kindForIncident, replayIncident } from '../../src/replay/replay-incident.js';
import { compareObserved } from '../../src/analysis/observed.js';
import { SensitivityError, sensitivityOf } from '../../src/analysis/sensitivity.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.resolve(here, '../replay/fixtures/retry-storm.yaml');

async function incidentWith(replacements: [string, string][]) {
  let text = await readFile(fixture, 'utf8');
  for (const [from, to] of replacements) {
    expect(text).toContain(from);
    text = text.replace(from, to);
  }
  const loaded = loadIncidentBytes('storm.yaml', new TextEncoder().encode(text));
  expect(loaded.diagnostics).toEqual([]);
  return loaded.incident!;
}

describe('sensitivityOf', () => {
  it('with ranges of no width, every world is the file’s: the spread collapses onto the file’s benefit', async () => {
    const incident = await incidentWith([
      ['note: round number,', 'note: round number, range: [1000, 1000],'],
      ['note: 70% utilisation,', 'note: 70% utilisation, range: [700, 700],'],
    ]);
    const kind = await kindForIncident(incident);
    const r = await sensitivityOf(incident, kind, { samples: 8 });
    const plausible = (await replayIncident(incident)).observed.every((c) => c.within);
    expect(r.kept).toBe(plausible ? 8 : 0);
    expect(r.scenarios.map((s) => s.id)).toEqual(['backoff', 'shedding', 'no-retries', 'faster-capacity']);
    for (const s of r.scenarios) {
      if (r.kept === 0) continue;
      expect(s.areaChangePercent.median).toBeCloseTo(s.atFileValues.areaChangePercent!, 9);
      expect(s.areaChangePercent.p10).toBeCloseTo(s.areaChangePercent.p90!, 9);
      expect(s.drivers.every((d) => d.prcc === null)).toBe(true);
    }
  });

  it('keeps only the worlds whose actual replay meets every figure, and is reproducible by seed', async () => {
    const incident = await incidentWith([
      ['note: round number,', 'note: round number, range: [800, 1400],'],
      ['note: 70% utilisation,', 'note: 70% utilisation, range: [500, 900],'],
    ]);
    const kind = await kindForIncident(incident);
    const r = await sensitivityOf(incident, kind, { samples: 24, seed: 5 });
    expect(r.samples).toBe(24);
    // Some sampled worlds miss a figure (a much larger capacity never overloads): fewer are kept.
    expect(r.kept).toBeGreaterThan(0);
    expect(r.kept).toBeLessThan(24);
    expect(await sensitivityOf(incident, kind, { samples: 24, seed: 5 })).toEqual(r);
    // The file's own world meets its figures.
    expect(compareObserved(incident, (await replayIncident(incident)).scenarios[0]!.series).every((c) => c.within)).toBe(true);
    for (const s of r.scenarios) {
      const { p10, median, p90 } = s.areaChangePercent;
      if (r.kept > 0) expect(p10! <= median! && median! <= p90!).toBe(true);
    }
  });

  it('asks for ranges when there are none', async () => {
    const incident = await incidentWith([]);
    const kind = await kindForIncident(incident);
    await expect(sensitivityOf(incident, kind, { samples: 4 })).rejects.toThrow(SensitivityError);
  });
});
