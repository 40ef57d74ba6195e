// Random compositions of the library (1–3 services of a capacity, clients and a queue, in 1–3
// cells) and random timelines addressed to their instances, for property tests.
import fc from 'fast-check';
import type { Composition, ComponentInstance, StockDeclaration } from '../../src/model/compose/composition.js';
import type { ArgumentSpec } from '../../src/model/compose/component.js';
import { componentTypes } from '../../src/model/compose/component-types.js';

interface Service {
  clients: 'open-clients' | 'closed-clients';
  perCell: boolean;
  params: Record<string, number>;
}

const openParams = fc.record({
  load: fc.double({ min: 0, max: 3000, noNaN: true }),
  maxAttempts: fc.integer({ min: 1, max: 6 }),
  backoff: fc.integer({ min: 0, max: 2 }),
  baseDelay: fc.double({ min: 0, max: 5, noNaN: true }),
  maxDelay: fc.double({ min: 0, max: 20, noNaN: true }),
  jitter: fc.integer({ min: 0, max: 1 }),
});
const closedParams = fc.record({
  clients: fc.double({ min: 0, max: 20_000, noNaN: true }),
  requestInterval: fc.double({ min: 0.5, max: 30, noNaN: true }),
  retryInterval: fc.double({ min: 0.2, max: 10, noNaN: true }),
  leaveOnTimeout: fc.integer({ min: 0, max: 1 }),
});
const openService = fc.record({ clients: fc.constant('open-clients' as const), perCell: fc.boolean(), params: openParams });
const closedService = fc.record({ clients: fc.constant('closed-clients' as const), perCell: fc.boolean(), params: closedParams });
/** A service; `openOnly`: its clients are open-clients. */
const serviceOf = (openOnly: boolean): fc.Arbitrary<Service> =>
  (openOnly ? openService : fc.oneof(openService, closedService)).chain((s) =>
    fc
      .record({
        capacity: fc.double({ min: 0, max: 3000, noNaN: true }),
        timeout: fc.double({ min: 0, max: 5, noNaN: true }),
        loadShedding: fc.integer({ min: 0, max: 1 }),
        wastedWork: fc.integer({ min: 0, max: 1 }),
        refuseAboveWait: fc.double({ min: 0, max: 10, noNaN: true }),
      })
      .map((q) => ({ ...s, params: { ...s.params, ...q } })),
  );

/** A composition of 1–3 services, each a capacity, a client population and a queue. */
export function composition(services: Service[], cells: number): Composition {
  const stocks: Record<string, StockDeclaration> = {};
  const components: Record<string, ComponentInstance> = {};
  const parameters: Composition['parameters'] = {};
  const series: Composition['series'] = {};
  services.forEach((s, i) => {
    const perCell = s.perCell && cells > 1;
    const stock = (name: string, unit: string) => (stocks[`${name}${i}`] = { unit, ...(perCell ? { perCell: true } : {}) });
    stock('capacity', 'requests/min');
    stock('lost', 'requests/min');
    stock('incoming', 'requests');
    stock('succeeded', 'requests');
    stock('failed', 'requests');
    stock('queue', 'work');
    for (const [name, value] of Object.entries(s.params)) parameters[`${name}${i}`] = { unit: 'x', description: name, default: value };
    const p = (...names: string[]) => Object.fromEntries(names.map((n) => [n, `${n}${i}`]));
    components[`scale${i}`] = { type: 'capacity', perCell, parameters: p('capacity', 'refuseAboveWait'), stocks: { capacity: `capacity${i}`, lost: `lost${i}`, queue: `queue${i}` } };
    if (s.clients === 'open-clients') {
      components[`clients${i}`] = {
        type: 'open-clients',
        perCell,
        parameters: p('load', 'maxAttempts', 'backoff', 'baseDelay', 'maxDelay', 'jitter'),
        stocks: { incoming: `incoming${i}`, succeeded: `succeeded${i}`, failed: `failed${i}` },
      };
    } else {
      stock('inService', 'clients');
      stock('outOfService', 'clients');
      components[`clients${i}`] = {
        type: 'closed-clients',
        perCell,
        parameters: p('clients', 'requestInterval', 'retryInterval', 'leaveOnTimeout'),
        stocks: { inService: `inService${i}`, outOfService: `outOfService${i}`, incoming: `incoming${i}`, succeeded: `succeeded${i}`, failed: `failed${i}` },
      };
    }
    components[`service${i}`] = {
      type: 'service-queue',
      perCell,
      parameters: p('timeout', 'loadShedding', 'wastedWork'),
      stocks: { incoming: `incoming${i}`, capacity: `capacity${i}`, succeeded: `succeeded${i}`, failed: `failed${i}`, queue: `queue${i}` },
    };
    series[`errors${i}`] = { expr: `100 * (service${i}.timedOut + service${i}.shed) / service${i}.offered`, title: 'errors', unit: 'percent', description: 'errors' };
    series[`wait${i}`] = { expr: `queue${i} / capacity${i}`, title: 'wait', unit: 'min', description: 'wait' };
  });
  return {
    id: 'random',
    description: 'random composition',
    parameters,
    stocks,
    components,
    series,
    primarySeries: 'errors0',
    ...(cells > 1 ? { cells: { count: cells } } : {}),
  };
}

const argValue = (spec: ArgumentSpec): fc.Arbitrary<number | string | boolean> => {
  if (spec.type === 'boolean') return fc.boolean();
  if (spec.type === 'string') return fc.constantFrom(...(spec.values ?? ['x']));
  return fc.double({ min: spec.min ?? 0, max: Math.min(spec.max ?? 3000, 3000), noNaN: true });
};

/** Random effects addressed to the instances of a composition (all cells or one). */
function effects(c: Composition, cells: number) {
  const choices = Object.entries(c.components).flatMap(([name, inst]) =>
    Object.entries(componentTypes[inst.type]!.actions).map(([action, spec]) => ({ name, perCell: inst.perCell === true && cells > 1, action, spec })),
  );
  const one = fc.constantFrom(...choices).chain((ch) =>
    fc.record({
      t: fc.integer({ min: 0, max: 150 }),
      cell: fc.option(fc.integer({ min: 0, max: cells - 1 }), { nil: undefined }),
      with: fc.record(Object.fromEntries(Object.entries(ch.spec.args ?? {}).map(([n, a]) => [n, argValue(a)])), { requiredKeys: Object.entries(ch.spec.args ?? {}).filter(([, a]) => a.required).map(([n]) => n) }),
    }).map((e) => ({ t: e.t, action: `${ch.name}${ch.perCell && e.cell !== undefined ? `[${e.cell}]` : ''}.${ch.action}`, with: e.with })),
  );
  return fc.array(one, { maxLength: 8 }).map((list) => list.sort((a, b) => a.t - b.t));
}

/** A random composition, a timeline, a step and a seed; `openClientsOnly`: no closed-clients. */
export const randomModel = (openClientsOnly = false) =>
  fc
    .record({ services: fc.array(serviceOf(openClientsOnly), { minLength: 1, maxLength: 3 }), cells: fc.integer({ min: 1, max: 3 }) })
    .chain(({ services, cells }) => {
      const c = composition(services, cells);
      return fc.record({ c: fc.constant(c), effects: effects(c, cells), step: fc.constantFrom(1, 0.5, 2), seed: fc.integer() });
    });
