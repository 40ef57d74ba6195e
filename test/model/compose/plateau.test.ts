// The composed example of the README (examples/metadata-plateau.yaml), written only in YAML: a
// closed fleet of storage servers that leave service when a refresh times out keeps two of four
// metadata cells overloaded by its own retries after a five-minute blip. The plateau is the
// model's feedback, not a scripted curve: no timeline effect touches the model between the end
// of the blip and the operators' pause.
import { describe, it, expect, beforeAll } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadIncidentFile } from '../../../src/incident/load.js';
import { checkIncident } from '../../../src/incident/check.js';
import type { Incident } from '../../../src/incident/schema.js';
import { instantOf, planReplay } from '../../../src/model/plan.js';
import { runReplay } from '../../../src/model/engine.js';
import { kindForIncident } from '../../../src/replay/replay-incident.js';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../examples/metadata-plateau.yaml');
let incident: Incident;
beforeAll(async () => {
  const loaded = await loadIncidentFile(file);
  expect(loaded.diagnostics).toEqual([]);
  expect(await checkIncident(loaded)).toEqual([]);
  incident = loaded.incident!;
});

const minute = (plan: { startMs: number }, time: string) => (instantOf(incident, time) - plan.startMs) / 60_000;

describe('a self-sustaining partial outage from components alone', () => {
  it('settles on a plateau between 20 % and 90 % that holds for two hours with no effect, then recovers within 30 minutes of the operators’ action', async () => {
    const kind = await kindForIncident(incident, file);
    const plan = planReplay(incident);
    const out = runReplay(kind, plan).series.outOfService!;
    const blip = plan.effects.filter((e) => e.effect.action?.endsWith('.trigger'));
    expect(blip.length).toBeGreaterThan(0);
    const triggerEnd = Math.max(...blip.map((e) => e.t + Number(e.effect.with?.forMinutes)));
    expect(triggerEnd - Math.min(...blip.map((e) => e.t))).toBeLessThanOrEqual(10);

    // Settled within 30 minutes of the trigger's end, then two hours with no effect at all.
    const from = triggerEnd + 30;
    const to = from + 120;
    expect(plan.effects.filter((e) => e.t > triggerEnd && e.t <= to)).toEqual([]);
    const window = Array.from(out.slice(from, to + 1));
    expect(Math.min(...window)).toBeGreaterThan(20);
    expect(Math.max(...window)).toBeLessThan(90);
    expect(Math.max(...window) - Math.min(...window)).toBeLessThan(10);

    // The operators pause the refreshes (and flush and add capacity): below 1 % within 30 minutes.
    const pause = minute(plan, '2026-01-10 12:00');
    expect(out[pause]).toBeGreaterThan(20);
    expect(out[pause + 30]).toBeLessThan(1);
  });

  it('without the retries (a server retries no faster than it refreshes) the same blip does not sustain itself', async () => {
    const kind = await kindForIncident(incident, file);
    const plan = planReplay(incident, 'jittered-slow-retries');
    const out = runReplay(kind, plan).series.outOfService!;
    expect(out[minute(plan, '2026-01-10 10:00')]).toBeLessThan(1);
  });

  it('the added capacity makes no progress while the cells are overloaded (refused), and goes in once the queues are flushed', async () => {
    const kind = await kindForIncident(incident, file);
    const plan = planReplay(incident);
    const capacity = runReplay(kind, plan).series.capacity!;
    // The healthy cells take their share (2 × 450) at once; the overloaded two refuse theirs.
    expect(capacity[minute(plan, '2026-01-10 11:59')]).toBeCloseTo(600 + 900, 9);
    expect(capacity[minute(plan, '2026-01-10 12:30')]).toBeCloseTo(2400, 9);
  });

  it('is the same at 10-second steps', async () => {
    const kind = await kindForIncident(incident, file);
    const coarse = runReplay(kind, planReplay(incident)).series.outOfService!;
    const fine = runReplay(kind, planReplay(incident, 'actual', { stepMinutes: 1 / 6 })).series.outOfService!;
    for (const m of [40, 90, 150, 210]) expect(Math.abs(fine[m * 6]! - coarse[m]!)).toBeLessThan(2);
  });
});
