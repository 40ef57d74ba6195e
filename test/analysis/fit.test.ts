// fit recovers parameters from synthetic data made with retry-storm: replay with known values,
// publish some of the replay as observed points, start the parameters elsewhere, fit.
import { describe, it, expect } from 'vitest';
import { checkFitParameters, FitError, fitIncident } from '../../src/analysis/fit.js';
import { runReplay } from '../../src/model/engine.js';
import { planReplay } from '../../src/model/plan.js';
import { retryStorm } from '../../src/model/kinds/retry-storm.js';
import type { Incident, ObservedPoint } from '../../src/incident/schema.js';
import { minimalIncident } from '../support/minimal-incident.js';

const truth = { capacity: 1000, load: 1200 };

function synthetic(start: { capacity: number; load: number }): Incident {
  const base = minimalIncident({
    model: {
      kind: 'retry-storm',
      start: '2024-01-01 00:00',
      end: '2024-01-01 01:00',
      parameters: {
        capacity: { value: start.capacity, unit: 'requests/min', provenance: 'assumed', note: 'guess', min: 500, max: 2000 },
        load: { value: start.load, unit: 'requests/min', provenance: 'assumed', note: 'guess', min: 100, max: 3000 },
        // A long timeout: nothing times out, so the queue grows at load − capacity.
        timeout: { value: 100, unit: 'min', provenance: 'published', note: 'documented', source: 'test' },
      },
    },
  });
  // The "published" figures: what the model says with the true values.
  const truthIncident = { ...base, model: { ...base.model!, parameters: { ...base.model!.parameters, capacity: { ...base.model!.parameters.capacity!, value: truth.capacity }, load: { ...base.model!.parameters.load!, value: truth.load } } } };
  const series = runReplay(retryStorm, planReplay(truthIncident)).series;
  const point = (name: string, minute: number): ObservedPoint => ({
    series: name,
    at: `2024-01-01 00:${String(minute).padStart(2, '0')}`,
    value: series[name]![minute]!,
    unit: 'requests',
    source: 'test',
    quote: 'q',
    tolerance: 10,
  });
  return { ...base, observed: [point('goodput', 5), point('queue', 10), point('queue', 30), point('queue', 50)] };
}

describe('fitIncident', () => {
  it('recovers one parameter from synthetic data', async () => {
    const incident = synthetic({ capacity: 700, load: truth.load });
    const fit = await fitIncident(incident, retryStorm, { params: ['capacity'] });
    expect(fit.parameters[0]!.before).toBe(700);
    expect(fit.parameters[0]!.after).toBeCloseTo(1000, 1);
    expect(fit.before.rmse).toBeGreaterThan(1000);
    expect(fit.after.rmse).toBeLessThan(1);
    expect(fit.after.maxAbsError).toBeLessThan(1);
    expect(fit.points).toBe(4);
  });

  it('recovers two parameters at once', async () => {
    const fit = await fitIncident(synthetic({ capacity: 700, load: 900 }), retryStorm, { params: ['capacity', 'load'] });
    expect(fit.parameters.map((p) => Math.round(p.after))).toEqual([1000, 1200]);
    expect(fit.after.maxAbsError).toBeLessThan(1);
  });

  it('keeps a parameter within its bounds even when the data point outside them', async () => {
    const incident = synthetic({ capacity: 700, load: truth.load });
    incident.model!.parameters.capacity!.max = 800;
    const fit = await fitIncident(incident, retryStorm, { params: ['capacity'] });
    expect(fit.parameters[0]!.after).toBeLessThanOrEqual(800);
    expect(fit.parameters[0]!.after).toBeCloseTo(800, 1);
    expect(fit.after.rmse).toBeLessThan(fit.before.rmse);
  });
});

describe('loadNelderMead', () => {
  it('minimises a quadratic, and a stepped function that makes the simplex shrink, leaving no global `i`', async () => {
    const { loadNelderMead } = await import('../../src/analysis/nelder-mead.js');
    const nelderMead = await loadNelderMead();
    const r = nelderMead(([x, y]) => (x! - 3) ** 2 + 10 * (y! + 1) ** 2, [0, 0], { zeroDelta: 1, maxIterations: 500 });
    expect(r.x[0]).toBeCloseTo(3, 3);
    expect(r.x[1]).toBeCloseTo(-1, 3);
    // A flat-stepped objective: contractions do not improve, so fmin shrinks — which throws
    // `ReferenceError: i is not defined` in fmin 0.0.4 without the workaround.
    const stepped = nelderMead(([x, y]) => Math.round(Math.abs(x! - 3) + Math.abs(y! + 1)), [0, 0], { zeroDelta: 1, maxIterations: 500 });
    expect(stepped.fx).toBeLessThanOrEqual(1);
    expect('i' in globalThis).toBe(false);
  });
});

describe('checkFitParameters', () => {
  const incident = synthetic({ capacity: 700, load: 900 });
  it('refuses published and derived parameters, saying why and which can be fitted', () => {
    expect(() => checkFitParameters(incident, ['timeout'])).toThrow(
      new FitError(
        'parameter `timeout` is published (source `test`): fit only tunes assumed parameters, since a published value is a fact the model must respect; its assumed parameters are `capacity`, `load`',
      ),
    );
  });

  it('refuses unknown names and an empty list', () => {
    expect(() => checkFitParameters(incident, ['capacty'])).toThrow('model.parameters has no `capacty`; its assumed parameters are `capacity`, `load`');
    expect(() => checkFitParameters(incident, [])).toThrow(FitError);
  });

  it('needs observed points', async () => {
    await expect(fitIncident({ ...incident, observed: [] }, retryStorm, { params: ['capacity'] })).rejects.toThrow(
      'the incident has no `observed:` points to fit against',
    );
  });
});
