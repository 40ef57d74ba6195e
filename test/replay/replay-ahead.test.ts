// Replays on a worker thread for `build` (src/replay/replay-ahead.ts): the same replay as in the
// calling thread, to the bit, and the same markdown; a problem in the data comes back as the ReplayError the calling
// thread would have thrown; only the incidents a worker can rebuild the model of go there.
// The worker runs compiled JavaScript only: these tests use the built library (`npm test`
// builds first). That `build` writes the same bytes with it as `report` without it is held by
// test/cli/byte-identical.test.ts.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/incident/schema.js';
import { replaysAhead } from '../../src/replay/replay-ahead.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const distAhead = path.join(root, 'dist/replay/replay-ahead.js');

describe('replays on a worker thread (built library)', () => {
  it('give what replayIncident gives in this thread, scenario by scenario, with the caller’s incident', async () => {
    expect(existsSync(distAhead), 'run `npm run build` (npm test does) so dist/ exists').toBe(true);
    const { startReplayAhead } = (await import(distAhead)) as typeof import('../../src/replay/replay-ahead.js');
    const { replayIncident } = (await import(path.join(root, 'dist/replay/replay-incident.js'))) as typeof import('../../src/replay/replay-incident.js');
    const { loadIncidentFile } = (await import(path.join(root, 'dist/incident/load.js'))) as typeof import('../../src/incident/load.js');
    const ahead = startReplayAhead()!;
    expect(ahead).toBeDefined();
    try {
      const files = ['aws-ebs-2012-10-22', 'aws-kinesis-2020-11-25'].map((id) => path.join(root, 'incidents', `${id}.yaml`));
      const incidents = await Promise.all(files.map(async (f) => (await loadIncidentFile(f)).incident!));
      // Both asked for at once, answered in order.
      const onWorker = await Promise.all(incidents.map((incident, i) => ahead.replay(incident, files[i]!)));
      for (const [i, incident] of incidents.entries()) {
        const here = await replayIncident(incident, { incidentFile: files[i]! });
        expect(onWorker[i]!.incident).toBe(incident);
        expect(onWorker[i]!.scenarios.map((s) => s.id)).toEqual(here.scenarios.map((s) => s.id));
        for (const [k, scenario] of here.scenarios.entries()) {
          const other = onWorker[i]!.scenarios[k]!;
          for (const [name, values] of Object.entries(scenario.series.series)) {
            expect(Buffer.from(other.series.series[name]!.buffer).equals(Buffer.from(values.buffer)), `${incident.id} ${scenario.id} ${name}`).toBe(true);
          }
          expect(other.metrics).toEqual(scenario.metrics);
          expect(other.diff).toEqual(scenario.diff);
        }
        expect(onWorker[i]).toEqual(here);
      }
    } finally {
      await ahead.close();
    }
  });

  it('rejects with the ReplayError the calling thread would throw, and goes on with the next', async () => {
    const { startReplayAhead } = (await import(distAhead)) as typeof import('../../src/replay/replay-ahead.js');
    const { ReplayError } = (await import(path.join(root, 'dist/model/engine.js'))) as typeof import('../../src/model/engine.js');
    const { loadIncidentFile } = (await import(path.join(root, 'dist/incident/load.js'))) as typeof import('../../src/incident/load.js');
    const ahead = startReplayAhead()!;
    try {
      const file = path.join(root, 'incidents/aws-ebs-2012-10-22.yaml');
      const incident = (await loadIncidentFile(file)).incident!;
      const withoutModel = { ...incident, model: undefined } as Incident;
      const failed = ahead.replay(withoutModel, file);
      const next = ahead.replay(incident, file);
      const error = await failed.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReplayError);
      expect((error as Error).message).toBe(`incident ${incident.id} has no \`model:\` to replay`);
      expect((await next).scenarios[0]!.id).toBe('actual');
    } finally {
      await ahead.close();
    }
  });
});

describe('markdown on the replay worker (built library)', () => {
  it('is what toMarkdown writes in this thread, after the replays asked for before it', async () => {
    const { startReplayAhead } = (await import(distAhead)) as typeof import('../../src/replay/replay-ahead.js');
    const { replayIncident } = (await import(path.join(root, 'dist/replay/replay-incident.js'))) as typeof import('../../src/replay/replay-incident.js');
    const { loadIncidentFile } = (await import(path.join(root, 'dist/incident/load.js'))) as typeof import('../../src/incident/load.js');
    const { generateReport } = (await import(path.join(root, 'dist/report/generate-report.js'))) as typeof import('../../src/report/generate-report.js');
    const { loadTemplate } = (await import(path.join(root, 'dist/report/template/parse-template.js'))) as typeof import('../../src/report/template/parse-template.js');
    const { describeKind, defaultTemplatePath } = (await import(path.join(root, 'dist/report/build.js'))) as typeof import('../../src/report/build.js');
    const file = path.join(root, 'incidents/aws-kinesis-2020-11-25.yaml');
    const incident = (await loadIncidentFile(file)).incident!;
    const generated = generateReport(await replayIncident(incident, { incidentFile: file }), await loadTemplate(defaultTemplatePath, 'default.md'), await describeKind(incident, file));
    if (!generated.ok) throw new Error('the report should generate');
    const ahead = startReplayAhead()!;
    try {
      const [replay, markdown] = await Promise.all([ahead.replay(incident, file), ahead.markdown(generated.report.tree)]);
      expect(replay.scenarios[0]!.id).toBe('actual');
      expect(markdown).toBe(generated.report.markdown);
      expect(markdown.length).toBeGreaterThan(1000);
    } finally {
      await ahead.close();
    }
  });
});

describe('which incidents replay on the worker', () => {
  const base = { id: 'x', title: 'x' } as unknown as Incident;
  const withModel = (model: object) => ({ ...base, model }) as unknown as Incident;
  it('a built-in kind or a model composed in the file; not a kind module, an unknown kind or no model', () => {
    const ids = ['retry-storm', 'remirror-storm'];
    expect(replaysAhead(withModel({ kind: 'retry-storm' }), ids)).toBe(true);
    expect(replaysAhead(withModel({ components: {} }), ids)).toBe(true);
    expect(replaysAhead(withModel({ kind: 'retry-storm', module: 'kinds/mine.js' }), ids)).toBe(false);
    // Registered in this process only: a worker would not know it.
    expect(replaysAhead(withModel({ kind: 'registered-here' }), ids)).toBe(false);
    expect(replaysAhead(base, ids)).toBe(false);
  });
});
