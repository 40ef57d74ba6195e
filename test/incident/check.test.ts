// The semantic checks, each on a small inline file with one mistake: rule, place and message.
import { withModulesAllowed } from '../../src/model/module-trust.js';
import { describe, it, expect } from 'vitest';
import './test-kind.js';
import { checkIncident, checks } from '../../src/incident/check.js';
import { registerKind } from '../../src/model/registry.js';
import type { Diagnostic } from '../../src/incident/diagnostic.js';
import { createDiagnose } from '../support/diagnose.js';

const { diagnose, textAt } = createDiagnose();
/** `19:9 error rule @ text`: the place, and the text found there (up to a delimiter), so each
 * expectation shows that the diagnostic points at the offending node. */
const brief = (d: Diagnostic) => `${d.line}:${d.column} ${d.severity} ${d.rule} @ ${textAt(d)}`;

// Line numbers in the expectations refer to this text (line 1 is `id:`, the first event is at line 12).
const base = `id: example
title: Example
summary: An example.
service: Queue
region: test-1
timezone: America/Los_Angeles
severity: sev3
sources:
  - id: pm
    title: Postmortem
timeline:
  - id: change
    at: 2011-04-21 00:47
    phase: trigger
    text: A change.
    source: pm
    quote: A change.
  - id: stuck
    at: 2011-04-21 00:50
    phase: impact
    text: Stuck.
    source: pm
    quote: Stuck.
`;
const model = (extra = '') => `model:
  kind: test-queue
  start: 2011-04-21 00:00
  end: 2011-04-21 06:00
  parameters:
    workers: { value: 100, unit: count, provenance: assumed, note: n, min: 10, max: 200 }
    arrivalShare: { value: 60, unit: percent, provenance: assumed, note: n }
${extra}`;

describe('checkIncident', () => {
  it('finds nothing in a valid file', async () => {
    expect(await diagnose(base + model())).toEqual([]);
  });

  it('registers every check under a name and survives a check that throws', async () => {
    expect(Object.keys(checks)).toContain('times');
    checks.broken = () => {
      throw new Error('boom');
    };
    try {
      const d = await diagnose(base);
      expect(d).toEqual([
        expect.objectContaining({ rule: 'internal/check-failed', severity: 'error', message: 'the `broken` check failed: boom' }),
      ]);
    } finally {
      delete checks.broken;
    }
  });
});

describe('time checks', () => {
  it('reports an unknown zone once, with did-you-mean, and no time errors', async () => {
    const d = await diagnose(base.replace('America/Los_Angeles', 'America/Los_Angels'));
    expect(d.map(brief)).toEqual(['6:11 error time/unknown-zone @ America/Los_Angels']);
    expect(d[0]!.message).toContain('did you mean `America/Los_Angeles`?');
  });

  it('warns about an abbreviation that Node.js reads as a zone, naming the reading', async () => {
    const d = await diagnose(base.replace('America/Los_Angeles', 'PST'));
    expect(d.map(brief)).toEqual(['6:11 warning time/zone-abbreviation @ PST']);
    expect(d[0]!.message).toBe('`PST` is an abbreviation, not a zone name; Node.js reads it as `America/Los_Angeles`');
    expect((await diagnose(base.replace('America/Los_Angeles', 'GMT')))[0]!.hint).toBe('write `timezone: UTC`');
    expect(await diagnose(base.replace('America/Los_Angeles', 'UTC'))).toEqual([]);
    expect(await diagnose(base.replace('America/Los_Angeles', 'Etc/GMT+8'))).toEqual([]);
  });

  it('reports a DST gap in `until`, observed `at`, model start and moments', async () => {
    const text =
      base.replace('    at: 2011-04-21 00:50\n', '    at: 2011-03-13 01:00\n    until: 2011-03-13 02:15\n') +
      `observed:
  - series: backlog
    at: 2011-03-13 02:30
    value: 1
    unit: count
    source: pm
    quote: q
    tolerance: 1
moments:
  resolved: 2011-03-13 02:59
` +
      model().replace('start: 2011-04-21 00:00', 'start: 2011-03-13 02:00').replace('end: 2011-04-21 06:00', 'end: 2011-03-13 06:00');
    const d = (await diagnose(text)).filter((x) => x.rule === 'time/nonexistent');
    expect(d.map((x) => `${x.line}:${x.column}`)).toEqual(['20:12', '27:9', '34:13', '37:10']);
    expect(d[0]!.message).toBe(
      '`timeline[1].until` is `2011-03-13 02:15`, which does not exist in America/Los_Angeles: the clocks jump forward by 60 minutes that night (daylight saving time starts)',
    );
    expect(d[0]!.hint).toContain('`2011-03-13T02:15-08:00`');
  });

  it('reports a DST overlap in an observed window, with both offsets in the hint', async () => {
    const text =
      base +
      `observed:
  - series: backlog
    window: { from: 2011-11-06 00:30, to: 2011-11-06 01:15 }
    value: 1
    unit: count
    source: pm
    quote: q
    tolerance: 1
`;
    const d = await diagnose(text);
    expect(d.map(brief)).toEqual(['26:43 error time/ambiguous @ 2011-11-06 01:15']);
    expect(d[0]!.hint).toBe(
      'say which one with the offset: `2011-11-06T01:15-07:00` (the first) or `2011-11-06T01:15-08:00` (the second)',
    );
  });

  it('explains why a date is invalid', async () => {
    const cases: [string, string][] = [
      ['2011-02-30 10:00', '2011-02 has 28 days'],
      ['2011-13-01 10:00', 'there is no month 13'],
      ['2011-04-21 25:00', 'the hour is 25, expected 00–23'],
      ['2011-04-21 10:75', 'the minute is 75, expected 00–59'],
    ];
    for (const [time, why] of cases) {
      const d = await diagnose(base.replace('2011-04-21 00:50', time));
      expect(d.map(brief), time).toContain(`19:9 error time/invalid @ ${time}`);
      expect(d.find((x) => x.rule === 'time/invalid')!.message).toBe(`\`timeline[1].at\` is \`${time}\`, which is not a valid time: ${why}`);
    }
  });
});

describe('order checks', () => {
  it('warns about an event listed after a later one, but not about equal times', async () => {
    expect(await diagnose(base.replace('2011-04-21 00:50', '2011-04-21 00:47'))).toEqual([]);
    const d = await diagnose(base.replace('2011-04-21 00:50', '2011-04-21 00:40'));
    expect(d.map(brief)).toContain('19:9 warning timeline/out-of-order @ 2011-04-21 00:40');
  });

  it('compares an event with the latest before it, so one misplaced event is one warning', async () => {
    const text =
      base.replace('2011-04-21 00:50', '2011-04-21 09:00') +
      `  - at: 2011-04-21 01:00
    phase: detection
    text: t
    source: pm
    quote: q
  - at: 2011-04-21 02:00
    phase: mitigation
    text: t
    source: pm
    quote: q
`;
    const d = (await diagnose(text)).filter((x) => x.rule === 'timeline/out-of-order');
    expect(d.map(brief)).toEqual([
      '24:9 warning timeline/out-of-order @ 2011-04-21 01:00',
      '29:9 warning timeline/out-of-order @ 2011-04-21 02:00',
    ]);
  });

  it('reports an observed window that ends before it starts', async () => {
    const text =
      base +
      'observed:\n  - { series: backlog, window: { from: 2011-04-21 02:00, to: 2011-04-21 01:00 }, value: 1, unit: count, source: pm, quote: q, tolerance: 1 }\n';
    const d = await diagnose(text);
    expect(d.map(brief)).toEqual(['25:62 error observed/window-reversed @ 2011-04-21 01:00']);
  });

  it('reports key moments out of order at the later moment', async () => {
    const text =
      base +
      `  - at: 2011-04-21 00:30
    phase: detection
    text: t
    source: pm
    quote: q
`;
    const d = (await diagnose(text)).filter((x) => x.rule === 'moments/out-of-order');
    expect(d.map(brief)).toEqual(['24:9 error moments/out-of-order @ 2011-04-21 00:30']);
    expect(d[0]!.message).toBe(
      'key moment `detected` (`2011-04-21 00:30`, the detection event on line 24) is before `start` (`2011-04-21 00:50`, the impact event on line 19)',
    );
  });

  it('reports resolved before mitigated via a moments override naming an event', async () => {
    const text =
      base +
      `  - id: fix
    at: 2011-04-21 03:00
    phase: mitigation
    text: t
    source: pm
    quote: q
moments:
  resolved: change
`;
    const d = await diagnose(text);
    expect(d.map(brief)).toEqual(['31:13 error moments/out-of-order @ change']);
  });
});

describe('reference checks', () => {
  it('reports duplicate ids in each list, pointing at the second', async () => {
    const text = base.replace('  - id: pm\n    title: Postmortem\n', '  - id: pm\n    title: Postmortem\n  - id: pm\n    title: Again\n');
    const d = await diagnose(text);
    expect(d.map(brief)).toEqual(['11:9 error id/duplicate @ pm']);
    expect(d[0]!.message).toBe('duplicate id `pm` in `sources`: `sources[0]` (line 9) has it already');
  });

  it('reports undeclared sources of observed points, parameters, factors and action items', async () => {
    const text =
      base +
      `observed:
  - series: served
    at: 2011-04-21 01:00
    value: 1
    unit: count
    source: blog
    quote: q
    tolerance: 1
contributingFactors:
  - { id: f, text: t, source: pn }
actionItems:
  - { id: a, text: t, source: pm }
` +
      model().replace('note: n, min: 10', 'note: n, source: paper, min: 10');
    const d = await diagnose(text);
    expect(d.map(brief)).toEqual([
      '29:13 error ref/unknown-source @ blog',
      '33:31 error ref/unknown-source @ pn',
      '41:79 error ref/unknown-source @ paper',
    ]);
    expect(d[1]!.message).toBe('`contributingFactors[0].source` is `pn`, which is not a declared source; did you mean `pm`?');
  });

  it('resolves scenario removals and shifts against the timeline and the events the scenario adds', async () => {
    const text =
      base +
      model() +
      `scenarios:
  - id: s
    title: t
    rationale: r
    timeline:
      add:
        - { id: extra, at: 2011-04-21 01:00, phase: mitigation, text: t }
      remove: [change, extra]
      shift:
        - { event: stuk, by: 10m }
`;
    const d = await diagnose(text);
    expect(d.map(brief)).toEqual(['40:20 error ref/unknown-event @ stuk']);
    expect(d[0]!.message).toContain('did you mean `stuck`?');
  });

  it('reports an action item naming an unknown scenario', async () => {
    const d = await diagnose(base + 'actionItems:\n  - { id: a, text: t, scenario: nope }\n');
    expect(d.map(brief)).toEqual(['25:33 error ref/unknown-scenario @ nope']);
    expect(d[0]!.hint).toBe('add the scenario under `scenarios:`, or remove `scenario:`');
  });

  it('reports parameters set without a model', async () => {
    const text = base.replace('    quote: Stuck.\n', '    quote: Stuck.\n    effects:\n      - set: { workers: 5 }\n');
    const d = await diagnose(text);
    expect(d.map(brief)).toEqual(['25:16 error ref/unknown-parameter @ workers: 5']);
    expect(d[0]!.message).toBe('`workers` sets a model parameter, but the file has no `model:`');
  });
});

describe('parameter and unit checks', () => {
  it('reports min above max and a value below min', async () => {
    let d = await diagnose(base + model().replace('min: 10, max: 200', 'min: 300, max: 200'));
    expect(d.map(brief)).toEqual(['29:76 error parameter/min-above-max @ 300']);
    d = await diagnose(base + model().replace('value: 100', 'value: 5'));
    expect(d.map(brief)).toEqual(['29:23 error parameter/out-of-range @ 5']);
    expect(d[0]!.message).toBe('parameter `workers` is 5, below its `min: 10`');
  });

  it('checks percentages of parameters, scenario overrides and `set` effects', async () => {
    const text =
      base.replace('    quote: Stuck.\n', '    quote: Stuck.\n    effects:\n      - set: { arrivalShare: 150 }\n') +
      model().replace('value: 60', 'value: 0.6') +
      'scenarios:\n  - { id: s, title: t, rationale: r, parameters: { arrivalShare: -1 } }\n';
    const d = await diagnose(text);
    expect(d.map(brief)).toEqual(['25:30 error unit/percent-range @ 150', '34:66 error unit/percent-range @ -1']);
    expect(d[1]!.hint).toBe('write a percentage between 0 and 100 (0.5 for half a percent), or use another `unit`');
  });

  it('hints at fractions written for percentages', async () => {
    const text = base + 'observed:\n  - { series: backlog, at: 2011-04-21 01:00, value: 130, unit: "%", basis: b, source: pm, quote: q, tolerance: 1 }\n';
    const d = await diagnose(text);
    expect(d.map(brief)).toEqual(['25:53 error unit/percent-range @ 130']);
  });
});

describe('model checks', () => {
  it('reports a window that ends when it starts, and a step longer than the window', async () => {
    let d = await diagnose(base + model().replace('end: 2011-04-21 06:00', 'end: 2011-04-21 00:00'));
    expect(d.map(brief)).toEqual(['27:8 error model/end-before-start @ 2011-04-21 00:00']);
    expect(d[0]!.message).toBe('the replay ends (`end: 2011-04-21 00:00`) when it starts (`start: 2011-04-21 00:00`)');
    d = await diagnose(base + model().replace('  end: 2011-04-21 06:00\n', '  end: 2011-04-21 06:00\n  step: 7h\n'));
    expect(d.map(brief)).toEqual(['28:9 error model/step @ 7h']);
  });

  it('warns about effects after the window (they never apply), not before it (they apply at the start)', async () => {
    const text =
      base.replace('    quote: A change.\n', '    quote: A change.\n    effects:\n      - set: { workers: 50 }\n') +
      '  - { at: 2011-04-21 07:00, phase: resolved, text: t, source: pm, quote: q, effects: [{ set: { workers: 100 } }] }\n' +
      model().replace('start: 2011-04-21 00:00', 'start: 2011-04-21 00:48');
    const d = await diagnose(text);
    expect(d.map(brief)).toEqual(['26:11 warning model/effect-outside-window @ 2011-04-21 07:00']);
    expect(d[0]!.message).toBe(
      'this event has effects but is after the end of the replay window (`model.start` 2011-04-21 00:48 to `model.end` 2011-04-21 06:00): they never apply',
    );
  });

  it('does not warn about narrative events outside the window', async () => {
    const text = base + '  - { at: 2011-04-28 00:00, phase: resolved, text: t, source: pm, quote: q }\n' + model();
    expect(await diagnose(text)).toEqual([]);
  });

  it('reports an unknown kind with the known kinds, unless a module may register it', async () => {
    let d = await diagnose(base + model().replace('kind: test-queue', 'kind: test-queu'));
    expect(d.map(brief)).toEqual(['25:9 error model/unknown-kind @ test-queu']);
    expect(d[0]!.message).toMatch(/^unknown model kind `test-queu`, expected one of .*`test-queue`.*; did you mean `test-queue`\?$/);
    // A kind of the file's own module is loaded as the replay would load it; one that is not
    // there is reported at `model.module`.
    const withModule = base + model().replace('kind: test-queue', 'kind: my-kind\n  module: ./my-kind.js');
    d = await withModulesAllowed(true, () => diagnose(withModule));
    expect(d.map((x) => x.rule)).toEqual(['model/module']);
    expect(d[0]!.message).toMatch(/^cannot load the model kind module: no such file .*my-kind\.js/);
    // Without the run's opt-in nothing is imported, and that is the only finding.
    d = await diagnose(withModule);
    expect(d.map(brief)).toEqual(['26:11 error model/module-not-trusted @ ./my-kind.js']);
    expect(d[0]!.hint).toMatch(/--allow-modules.*INCIDENT_REPLAY_ALLOW_MODULES=1/);
  });

  it('reports a parameter the kind needs and one it does not read', async () => {
    const d = await diagnose(base + model().replace('    arrivalShare:', '    arrivalShar:'));
    expect(d.map(brief)).toEqual([
      '28:3 error model/missing-parameter @ parameters:',
      '30:5 warning model/unused-parameter @ arrivalShar: { value: 60',
    ]);
    expect(d[0]!.message).toBe(
      'the `test-queue` model needs parameter `arrivalShare` (arrivals as a share of full capacity, in percent), which `model.parameters` does not give',
    );
    expect(d[1]!.message).toBe('the `test-queue` model does not read parameter `arrivalShar`; did you mean `arrivalShare`?');
  });

  it('does not ask for a parameter the kind gives a default', async () => {
    const { testQueue } = await import('./test-kind.js');
    const spec = testQueue.parameters.arrivalShare!;
    spec.default = 50;
    try {
      const d = await diagnose(base + model().replace(/^    arrivalShare:.*\n/m, ''));
      expect(d.filter((x) => x.rule === 'model/missing-parameter')).toEqual([]);
    } finally {
      delete spec.default;
    }
  });

  it('checks action arguments: unknown and missing required ones', async () => {
    const withEffects = (effects: string) => base.replace('    quote: Stuck.\n', `    quote: Stuck.\n    effects:\n${effects}`) + model();
    let d = await diagnose(withEffects('      - action: drain\n        with: { rat: 2 }\n'));
    expect(d.map(brief)).toEqual(['25:9 error model/missing-action-arg @ action: drain', '26:17 error model/unknown-action-arg @ rat: 2']);
    expect(d[1]!.message).toBe('action `drain` takes no argument `rat`; did you mean `rate`?');
    d = await diagnose(withEffects('      - action: pause\n'));
    expect(d).toEqual([]);
  });

  it('reports an observed series the kind does not produce, listing those it does', async () => {
    const text =
      base +
      'observed:\n  - { series: servd, at: 2011-04-21 01:00, value: 1, unit: count, source: pm, quote: q, tolerance: 1 }\n' +
      model();
    const d = await diagnose(text);
    expect(d.map(brief)).toEqual(['25:15 error observed/unknown-series @ servd']);
    expect(d[0]!.message).toBe('the `test-queue` model produces no series `servd`; did you mean `served`?');
    expect(d[0]!.hint).toBe('its series are `backlog` (percent), `served` (count)');
  });

  it('reports a figure in another unit than its series', async () => {
    const text =
      base +
      'observed:\n  - { series: served, at: 2011-04-21 01:00, value: 1, unit: percent, basis: b, source: pm, quote: q, tolerance: 1 }\n' +
      model();
    const d = await diagnose(text);
    expect(d.map(brief)).toEqual(['25:61 error observed/unit-mismatch @ percent']);
    expect(d[0]!.message).toBe('the figure is in `percent`, but the `test-queue` series `served` is in `count`');
    // `%` and `percent` are one unit.
    expect(await diagnose(text.replace('series: served', 'series: backlog').replace('unit: percent', 'unit: "%"'))).toEqual([]);
  });

  it('skips action, series and parameter checks for a kind that declares none (one still being written)', async () => {
    registerKind({
      id: 'test-empty',
      description: 'a kind that declares nothing yet',
      parameters: {},
      series: {},
      primarySeries: '',
      actions: {},
      init: () => ({}),
      apply: () => {},
      step: () => {},
      observe: () => {},
    });
    const text =
      base.replace('    quote: Stuck.\n', '    quote: Stuck.\n    effects:\n      - action: anything\n') +
      'observed:\n  - { series: anything, at: 2011-04-21 01:00, value: 1, unit: count, source: pm, quote: q, tolerance: 1 }\n' +
      model().replace('kind: test-queue', 'kind: test-empty');
    expect(await diagnose(text)).toEqual([]);
    // The same file against a kind that declares them is wrong twice.
    const rules = (await diagnose(text.replace('kind: test-empty', 'kind: test-queue'))).map((d) => d.rule);
    expect(rules).toEqual(['model/unknown-action', 'observed/unknown-series']);
  });
});
