import { describe, it, expect } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { runMain } from './run-main.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const storm = path.resolve(here, '../replay/fixtures/retry-storm.yaml');

describe('incident-replay fit', () => {
  it('prints the errors before and after and YAML to paste, which replays closer to the figures', async () => {
    // A third figure the fixture's values miss: a 20-minute queue wait at 10:20. The wait is
    // queue / capacity, so only a different capacity meets it.
    const dir = await mkdtemp(path.join(tmpdir(), 'fit-'));
    const text = (await readFile(storm, 'utf8')).replace(
      'observed:\n',
      `observed:\n  - series: wait\n    at: 2024-03-05 10:20\n    value: 20\n    unit: min\n    source: test\n    quote: a 20-minute wait\n    tolerance: 1\n`,
    );
    const file = path.join(dir, 'storm.yaml');
    await writeFile(file, text);
    const r = await runMain(['fit', 'storm.yaml', '--params', 'capacity'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# incident-replay fit storm\.yaml --params capacity$/m);
    expect(r.stdout).toMatch(/^# against 3 observed points, \d+ replays; the optimiser minimises Σ\(error\/tolerance\)²$/m);
    expect(r.stdout).toMatch(/^# before: RMSE [\d.]+, max \|error\| [\d.]+, Σ\(error\/tolerance\)² [\d.]+, 2 of 3 within tolerance$/m);
    const before = Number(/^# before: RMSE ([\d.]+)/m.exec(r.stdout)![1]);
    const after = Number(/^# after: {2}RMSE ([\d.]+)/m.exec(r.stdout)![1]);
    expect(after).toBeLessThan(before);
    expect(r.stdout).toMatch(/^# {3}peak-errors at 2024-03-05T10:30:00-08:00: 100; 100 → [\d.]+ \(±5\)$/m);
    expect(r.stdout).toMatch(/^# {3}wait at 2024-03-05T10:20:00-08:00: 20; [\d.]+ → [\d.]+ \(±1\)$/m);
    const yaml = parse(r.stdout);
    const capacity = yaml.model.parameters.capacity;
    expect(capacity).toMatchObject({ unit: 'requests/min', provenance: 'assumed', min: 500, max: 2000 });
    expect(capacity.value).not.toBe(1000);
    expect(capacity.value).toBeGreaterThanOrEqual(500);
    expect(capacity.value).toBeLessThanOrEqual(2000);
    expect(capacity.note).toMatch(/^round number\. Fitted by `incident-replay fit` to 3 observed points \(RMSE .* → .*; was 1000\)\.$/);
  });

  it('says there is nothing to change when the figures do not depend on the parameters', async () => {
    // maxDelay only matters with exponential backoff, which the fixture's actual replay does not use.
    const r = await runMain(['fit', storm, '--params', 'maxDelay'], path.dirname(storm));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# maxDelay: 0 → 0 min$/m);
    expect(r.stdout).toContain('# No better values found: the observed points do not depend on these parameters');
    expect(r.stdout).not.toContain('model:');
  });

  it('refuses to tune a published parameter, exit 1', async () => {
    const r = await runMain(['fit', storm, '--params', 'loadShedding'], path.dirname(storm));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('parameter `loadShedding` is published (source `test`): fit only tunes assumed parameters');
  });

  it('needs --params (usage error, exit 2)', async () => {
    const r = await runMain(['fit', storm], path.dirname(storm));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('params');
  });
});
