import { describe, it, expect } from 'vitest';
import { CompositionError, compileComposition } from '../../../src/model/compose/compile-composition.js';
import { componentTypes } from '../../../src/model/compose/component-types.js';
import type { ComponentType } from '../../../src/model/compose/component.js';
import type { Composition } from '../../../src/model/compose/composition.js';
import { retryStormComposition } from '../../../src/model/kinds/retry-storm.js';
import { compile, runComposed } from '../../support/compose.js';

const base = (): Composition => structuredClone(retryStormComposition);

const problemsOf = (c: Composition, registry = componentTypes) => {
  try {
    compileComposition(c, registry);
  } catch (error) {
    if (error instanceof CompositionError) return error.problems.map((p) => [p.path.join('.'), p.message]);
    throw error;
  }
  return [];
};

describe('compileComposition: wiring checks, each at the path of the mistake', () => {
  it('accepts the retry-storm composition', () => {
    expect(problemsOf(base())).toEqual([]);
  });

  it('a mechanism naming a series the model does not record', () => {
    const c = base();
    c.mechanism = { title: 'Queue', description: 'The queue grows.', series: [c.primarySeries], right: ['queu'] };
    expect(problemsOf(c)).toEqual([['mechanism.right.0', expect.stringMatching(/^mechanism series `queu` is not one of the series: /)]]);
    c.mechanism.right = [];
    expect(problemsOf(c)).toEqual([]);
  });

  it('an unknown component type names the known ones', () => {
    const c = base();
    c.components.service!.type = 'service-queu';
    expect(problemsOf(c)).toEqual([['components.service.type', expect.stringMatching(/^unknown component type `service-queu`; known: .*service-queue/)]]);
  });

  it('an unknown stock, a missing port, a unit mismatch', () => {
    const c = base();
    c.components.service!.stocks!.capacity = 'capacty';
    delete c.components.clients!.stocks!.failed;
    c.components.scaling!.stocks!.capacity = 'incoming';
    const problems = problemsOf(c);
    expect(problems).toContainEqual(['components.service.stocks.capacity', expect.stringMatching(/^unknown stock `capacty`; declared: capacityNow, incoming/)]);
    expect(problems).toContainEqual(['components.clients.stocks', expect.stringMatching(/needs its `failed` port wired to a stock/)]);
    expect(problems).toContainEqual(['components.scaling.stocks.capacity', 'unit mismatch: port `capacity` of `capacity` is in requests/min, stock `incoming` in requests']);
  });

  it('a stock read but never written and starting at 0', () => {
    const c = base();
    c.stocks.spare = { unit: 'requests/min' };
    c.components.service!.stocks!.capacity = 'spare';
    expect(problemsOf(c)).toContainEqual(['stocks.spare', 'stock `spare` is read by `service.capacity` but no component writes it and it starts at 0, so it is always 0']);
  });

  it('an unknown or missing parameter, an expression naming no model parameter', () => {
    const c = base();
    c.components.service!.parameters = { timeot: 1 };
    c.components.clients!.parameters!.load = 'lod * 2';
    const problems = problemsOf(c);
    expect(problems).toContainEqual(['components.service.parameters.timeot', expect.stringMatching(/^`service-queue` has no parameter `timeot`; its parameters are timeout/)]);
    expect(problems).toContainEqual(['components.service.parameters', expect.stringMatching(/needs parameter `timeout`/)]);
    expect(problems).toContainEqual(['components.clients.parameters.load', expect.stringMatching(/^`lod` is not a parameter of the model/)]);
  });

  it('a series naming nothing, a flow the component does not have, an unknown action target', () => {
    const c = base();
    c.series.goodput!.expr = 'service.goodd';
    c.series.queue!.expr = 'queu';
    c.actions!.trigger!.targets = ['scaling.triger'];
    const problems = problemsOf(c);
    expect(problems).toContainEqual(['series.goodput.expr', expect.stringMatching(/^`service` \(service-queue\) has no flow or stock port `goodd`; its flows are offered, good/)]);
    expect(problems).toContainEqual(['series.queue.expr', expect.stringMatching(/^unknown name `queu`/)]);
    expect(problems).toContainEqual(['actions.trigger.targets', 'unknown instance action `scaling.triger`']);
  });

  it('names that JavaScript objects inherit are not names of the model', () => {
    const c = base();
    c.series.goodput!.expr = 'constructor + toString';
    c.components.service!.type = 'toString';
    const problems = problemsOf(c);
    expect(problems).toContainEqual(['components.service.type', expect.stringMatching(/^unknown component type `toString`/)]);
    expect(problems).toContainEqual(['series.goodput.expr', expect.stringMatching(/^unknown name `constructor`/)]);
  });

  it('model parameters handed to a component take its bounds, for fit and validate', () => {
    const kind = compile(base());
    expect(kind.parameters.maxAttempts).toMatchObject({ min: 1, max: 64, integer: true });
    expect(kind.parameters.timeout).toMatchObject({ min: 0 });
  });
});

describe('the engine checks every model for conservation', () => {
  it('catches a component that creates an amount outside a move', () => {
    const leaky: ComponentType<null> = {
      type: 'leaky',
      description: 'adds to a stock without a move: a bug the engine must catch',
      parameters: {},
      stocks: { into: { unit: 'requests', access: 'write', description: 'where it adds' } },
      flows: {},
      actions: {},
      init: () => null,
      step: (_s, api) => {
        (api.values as Float64Array)[api.port.into!]! += 1;
      },
    };
    const c: Composition = {
      id: 'leak-test',
      description: 'a rogue component',
      parameters: {},
      stocks: { pile: { unit: 'requests' } },
      components: { rogue: { type: 'leaky', stocks: { into: 'pile' } } },
      series: { pile: { expr: 'pile', title: 'Pile', unit: 'requests', description: 'the pile' } },
      primarySeries: 'pile',
    };
    const kind = compileComposition(c, { ...componentTypes, leaky });
    const run = runComposed(kind, {}, [], 3);
    expect(run.problems[0]).toBe('t=1: requests not conserved: the stocks sum to 1, they started at 0');
  });

  it('a healthy retry storm conserves requests and work at every step, and no stock goes negative', () => {
    const kind = compile(base());
    const run = runComposed(
      kind,
      { capacity: 1000, load: 900, timeout: 0.5, maxAttempts: 3 },
      [
        { t: 10, action: 'trigger', with: { capacityFactor: 0.3, forMinutes: 20 } },
        { t: 60, action: 'add-capacity', with: { amount: 1000, overMinutes: 10 } },
        { t: 90, action: 'service.flush' },
      ],
      180,
    );
    expect(run.problems).toEqual([]);
  });
});

describe('set effects and parameter changes', () => {
  it('a `set` of capacity moves the capacity stock at once', () => {
    const run = runComposed(compile(base()), { capacity: 1000, load: 500, timeout: 1 }, [{ t: 5, set: { capacity: 400 } }], 10);
    expect(run.series.capacity![4]).toBe(1000);
    expect(run.series.capacity![5]).toBe(400);
    expect(run.problems).toEqual([]);
  });

  it('an action argument may be an expression over the parameters, evaluated when the action runs', () => {
    const run = runComposed(compile(base()), { capacity: 1000, load: 500, timeout: 1, maxAttempts: 1 }, [{ t: 5, action: 'add-capacity', with: { amount: 'capacity / 4' } }], 10);
    expect(run.series.capacity![6]).toBe(1250);
  });

  it('an argument outside its bounds is refused with the action and the bound', () => {
    expect(() => runComposed(compile(base()), { capacity: 1000, load: 500, timeout: 1 }, [{ t: 5, action: 'add-capacity', with: { amount: -5 } }], 10)).toThrow(
      'action `add-capacity` at minute 5: argument `amount` is -5, below its smallest valid value 0',
    );
  });

  it('a parameter outside its component’s bounds is a replay error naming both', () => {
    expect(() => runComposed(compile(base()), { capacity: 1000, load: 500, timeout: 1, maxAttempts: 0 }, [], 10)).toThrow(
      'parameter `maxAttempts` of `clients` (open-clients) is 0, below its smallest valid value 1 attempts',
    );
  });
});

describe('sub-steps', () => {
  it('a step longer than the fastest delay is split into sub-steps no longer than it', () => {
    const kind = compile(base());
    expect(kind.substeps({ capacity: 1, load: 1, timeout: 1, maxAttempts: 3, backoff: 1, baseDelay: 0.25 }, 1)).toEqual({
      count: 4,
      limit: { instance: 'clients', parameter: 'baseDelay', minutes: 0.25 },
    });
    expect(kind.substeps({ capacity: 1, load: 1, timeout: 1, maxAttempts: 3, backoff: 1, baseDelay: 2 }, 1).count).toBe(1);
    // Retries "at once" are not a time scale.
    expect(kind.substeps({ capacity: 1, load: 1, timeout: 1, maxAttempts: 3, backoff: 0, baseDelay: 0 }, 1).count).toBe(1);
  });

  it('refuses a step that would need too many sub-steps, naming the time constant', () => {
    expect(() => runComposed(compile(base()), { capacity: 1, load: 1, timeout: 1, maxAttempts: 3, backoff: 1, baseDelay: 0.002 }, [], 10, { stepMinutes: 600 })).toThrow(
      /a step of 600 min would need 300000 sub-steps to resolve `clients.baseDelay` \(0.002 min\); use a shorter step/,
    );
  });
});

describe('cells', () => {
  const celled = (): Composition => {
    const c = base();
    c.cells = { count: 3, shares: [0.5, 0.3, 0.2] };
    for (const s of Object.values(c.stocks)) s.perCell = true;
    for (const i of Object.values(c.components)) i.perCell = true;
    return c;
  };

  it('copies per-cell instances with their share of extensive parameters; series sum the cells', () => {
    const kind = compile(celled());
    const run = runComposed(kind, { capacity: 1000, load: 500, timeout: 1 }, [], 5);
    expect(run.series.capacity![2]).toBeCloseTo(1000, 9);
    expect(run.series.attempts![2]).toBeCloseTo(500, 9);
    expect(run.problems).toEqual([]);
  });

  it('an action on one cell leaves the others alone; a cell stock reads as `stock[i]`', () => {
    const c = celled();
    c.series.capacity0 = { expr: 'capacityNow[0]', title: 'Cell 0 capacity', unit: 'requests/min', description: 'cell 0' };
    const kind = compile(c);
    const run = runComposed(kind, { capacity: 1000, load: 500, timeout: 1 }, [{ t: 2, action: 'scaling[0].trigger', with: { capacityFactor: 0 } }], 5);
    expect(run.series.capacity0![3]).toBe(0);
    expect(run.series.capacity![3]).toBeCloseTo(500, 9);
  });

  it('shares must sum to 1, one per cell', () => {
    const c = celled();
    c.cells = { count: 3, shares: [0.5, 0.3] };
    expect(problemsOf(c)).toContainEqual(['cells.shares', 'lists 2 shares for 3 cells']);
  });

  it('a per-cell stock wired to a single instance is a wiring error', () => {
    const c = celled();
    c.components.service!.perCell = false;
    expect(problemsOf(c)).toContainEqual(['components.service.stocks.incoming', expect.stringMatching(/^stock `incoming` has one amount per cell but `service` is a single instance/)]);
  });
});

describe('what is legal but probably a mistake', () => {
  it('a stock wired to nothing is a warning; a stock named like a parameter too; per cell without cells is an error', () => {
    const c = base();
    c.stocks.spare = { unit: 'requests/min' };
    c.stocks.load = { unit: 'requests' };
    c.stocks.incoming!.perCell = true;
    const problems = (() => {
      try {
        compileComposition(c, componentTypes);
      } catch (error) {
        return (error as CompositionError).problems.map((p) => [p.severity ?? 'error', p.path.join('.'), p.message]);
      }
      return [];
    })();
    expect(problems).toContainEqual(['warning', 'stocks.spare', 'stock `spare` is wired to no component: it stays at its initial amount']);
    expect(problems).toContainEqual(['warning', 'stocks.load', '`load` names both a stock and a model parameter: in a series it reads the stock']);
    expect(problems).toContainEqual(['error', 'stocks.incoming.perCell', 'stock `incoming` is per cell, but the model declares no `cells`']);
  });

  it('a composition with only warnings compiles, and keeps them for validate', () => {
    const c = base();
    c.stocks.spare = { unit: 'requests/min' };
    expect(compile(c).warnings.map((w) => w.message)).toEqual(['stock `spare` is wired to no component: it stays at its initial amount']);
  });
});
