import { describe, it, expect } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadIncidentBytes } from '../../src/incident/load.js';
import { kindForIncident, plansForIncident, replayIncident } from '../../src/replay/replay-incident.js';
import { replayWorld, worldStateFor } from '../../src/analysis/replay-world.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('replayWorld', () => {
  it('applies the world to the actual replay and keeps each scenario’s own values', async () => {
    const text = await readFile(path.resolve(here, '../replay/fixtures/retry-storm.yaml'), 'utf8');
    const incident = loadIncidentBytes('storm.yaml', new TextEncoder().encode(text)).incident!;
    const kind = await kindForIncident(incident);
    const state = worldStateFor(incident, kind, plansForIncident(incident, kind));
    const noRetries = state.plans.findIndex((p) => p.scenarioId === 'no-retries') - 1;
    // In a world where clients make one attempt anyway, `no-retries` (maxAttempts: 1) changes nothing.
    expect(replayWorld(state, { maxAttempts: 1 }, { always: true }).scenarios[noRetries]).toMatchObject({ area: 0, peak: 0 });
    // In the file's own world it does what `simulate` says it does.
    const own = replayWorld(state, {}, { always: true });
    const replay = await replayIncident(incident);
    const diff = replay.scenarios.find((s) => s.id === 'no-retries')!.diff![kind.primarySeries]!;
    expect(own.scenarios[noRetries]!.area).toBeCloseTo(diff.impactArea, 9);
    expect(own.scenarios[noRetries]!.peak).toBeCloseTo(diff.peak, 9);
    expect(own.plausible).toBe(replay.observed.every((c) => c.within));
  });

  it('replays only the actual timeline in a world that misses a published figure', async () => {
    const text = await readFile(path.resolve(here, '../replay/fixtures/retry-storm.yaml'), 'utf8');
    const incident = loadIncidentBytes('storm.yaml', new TextEncoder().encode(text)).incident!;
    const kind = await kindForIncident(incident);
    const state = worldStateFor(incident, kind, plansForIncident(incident, kind));
    const world = replayWorld(state, { maxAttempts: 1 });
    expect(world.plausible).toBe(false);
    expect(world.scenarios).toEqual([]);
  });
});
