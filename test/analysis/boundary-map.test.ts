// Boundary maps on a model whose boundary is known by hand: after a trigger that takes all
// capacity away for ten minutes, a retrying system with m attempts per request stays down
// exactly when its load is above capacity / m (test/model/compose/stability-threshold.test.ts
// derives it). Mapped over capacity × load with the error rate at the end of the replay, the
// boundary is the line load = capacity / 2 for m = 2.
import { describe, it, expect } from 'vitest';
import { boundaryMapsOf, BoundaryMapError, marginOf } from '../../src/analysis/boundary-map.js';
import { kindForIncident } from '../../src/replay/replay-incident.js';
import type { BoundaryMap, Incident } from '../../src/incident/schema.js';
import { minimalIncident } from '../support/minimal-incident.js';

function stormIncident(map: Partial<BoundaryMap> = {}): Incident {
  return minimalIncident({
    timeline: [
      {
        id: 'outage',
        at: '2024-01-01 00:10',
        phase: 'trigger',
        text: 'All capacity gone for ten minutes.',
        source: 'test',
        quote: 'Gone.',
        effects: [{ action: 'trigger', with: { capacityFactor: 0, forMinutes: 10 } }],
      },
    ],
    model: {
      kind: 'retry-storm',
      start: '2024-01-01 00:00',
      end: '2024-01-01 12:00',
      parameters: {
        capacity: { value: 1000, unit: 'requests/min', provenance: 'assumed', note: 'μ' },
        load: { value: 450, unit: 'requests/min', provenance: 'assumed', note: 'λ, just under μ/2' },
        timeout: { value: 0.5, unit: 'min', provenance: 'assumed', note: 'T' },
        maxAttempts: { value: 2, unit: 'attempts', provenance: 'assumed', note: 'one retry' },
      },
    },
    scenarios: [
      { id: 'more-capacity', title: 'More capacity', rationale: 'μ = 1200.', parameters: { capacity: 1200 } },
      { id: 'no-retries', title: 'No retries', rationale: 'm = 1.', parameters: { maxAttempts: 1 } },
      { id: 'less-load-longer-timeout', title: 'Less load', rationale: 'λ = 300.', parameters: { load: 300, timeout: 1 } },
    ],
    boundaryMaps: [
      {
        id: 'capacity-vs-load',
        x: { parameter: 'capacity', range: [600, 1400] },
        y: { parameter: 'load', range: [200, 800] },
        grid: 9,
        series: 'errorPercent',
        measure: 'end',
        threshold: 50,
        ...map,
      },
    ],
  });
}

describe('boundaryMapsOf', () => {
  it('finds the hand-derived boundary load = capacity / 2 within half a cell, and places the system and scenarios', async () => {
    const incident = stormIncident();
    const [map] = await boundaryMapsOf(incident, await kindForIncident(incident));
    expect(map!.x.values).toEqual([600, 700, 800, 900, 1000, 1100, 1200, 1300, 1400]);
    expect(map!.y.values).toEqual([200, 275, 350, 425, 500, 575, 650, 725, 800]);
    // Every node on the right side of the line.
    map!.x.values.forEach((capacity, i) =>
      map!.y.values.forEach((load, j) => {
        const end = map!.peaks[j * 9 + i]!;
        if (Math.abs(load - capacity / 2) > 1) expect(end >= 50, `capacity ${capacity}, load ${load}: ${end}`).toBe(load > capacity / 2);
      }),
    );
    // The boundary is drawn halfway between nodes on either side of a jump: within half a cell
    // (37.5 in load, 50 in capacity, i.e. 25 in load) of the line.
    expect(map!.boundary.length).toBeGreaterThan(0);
    const points = map!.boundary.flat();
    expect(points.length).toBeGreaterThan(8);
    for (const [capacity, load] of points) expect(Math.abs(load - capacity / 2)).toBeLessThanOrEqual(37.5 + 1e-9);
    // From one end of the map to the other.
    expect(Math.min(...points.map((p) => p[0]))).toBeLessThanOrEqual(650);
    expect(Math.max(...points.map((p) => p[0]))).toBeGreaterThanOrEqual(1350);

    // λ = 450 < μ/2 = 500: recovered, inside; the margin is the distance to the line, on the map's scale.
    expect(map!.actual).toMatchObject({ x: 1000, y: 450, beyond: false });
    expect(map!.actual.margin!.xAtSameY).toBeGreaterThan(900 - 50);
    expect(map!.actual.margin!.xAtSameY).toBeLessThan(900 + 50);
    expect(map!.actual.margin!.distance).toBeGreaterThan(0);
    expect(map!.actual.margin!.distance).toBeLessThan(0.15);
    expect(map!.scenarios.map((s) => [s.id, s.x, s.y, s.beyond, s.alsoChanges])).toEqual([
      ['more-capacity', 1200, 450, false, []],
      ['less-load-longer-timeout', 1000, 300, false, ['timeout']],
    ]);
  });

  it('is the same numbers twice, and with the grid the caller asks for', async () => {
    const incident = stormIncident();
    const kind = await kindForIncident(incident);
    const [a] = await boundaryMapsOf(incident, kind, { grid: 5 });
    const [b] = await boundaryMapsOf(incident, kind, { grid: 5, workers: 1 });
    expect(a!.grid).toBe(5);
    expect(a!.peaks).toHaveLength(25);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('defaults the span to the plausible range, and the threshold to the series’ own', async () => {
    const incident = stormIncident({ x: { parameter: 'capacity' }, threshold: undefined, measure: undefined, grid: 3 });
    incident.model!.parameters.capacity!.range = [900, 1100];
    const [map] = await boundaryMapsOf(incident, await kindForIncident(incident));
    expect(map!.x).toMatchObject({ low: 900, high: 1100, from: 'plausible', values: [900, 1000, 1100] });
    expect(map!.thresholdFrom).toBe('series');
    expect(map!.measure).toBe('peak');
  });

  it('names the maps there are when asked for one that is not', async () => {
    const incident = stormIncident();
    await expect(boundaryMapsOf(incident, await kindForIncident(incident), { only: 'nope' })).rejects.toThrow(BoundaryMapError);
    await expect(boundaryMapsOf(incident, await kindForIncident(incident), { only: 'nope' })).rejects.toThrow('its maps: capacity-vs-load');
  });
});

describe('marginOf', () => {
  const axis = { low: 0, high: 10 };
  it('measures on the map’s scale: the nearest point, and the crossings of the row and column', () => {
    const m = marginOf({ x: 2, y: 2 }, [[[0, 6], [6, 0]]], axis, axis)!;
    // The line x + y = 6 is (6 − 4)/√2 from (2, 2): 0.1414 of a 10-wide map.
    expect(m.distance).toBeCloseTo(Math.SQRT2 / 10, 12);
    expect(m.nearest.x).toBeCloseTo(3, 12);
    expect(m.nearest.y).toBeCloseTo(3, 12);
    expect(m.xAtSameY).toBeCloseTo(4, 12);
    expect(m.yAtSameX).toBeCloseTo(4, 12);
  });
  it('is null without a boundary, and a crossing is null when the line does not reach that row', () => {
    expect(marginOf({ x: 1, y: 1 }, [], axis, axis)).toBeNull();
    const m = marginOf({ x: 1, y: 9 }, [[[5, 0], [5, 4]]], axis, axis)!;
    expect(m.xAtSameY).toBeNull();
    expect(m.yAtSameX).toBeNull();
    expect(m.nearest).toEqual({ x: 5, y: 4 });
  });
});
