// The library API (src/index.ts): a report generated in memory, as the README's example does it,
// from loading a file to a rendered chart.
import { describe, it, expect } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ChartRenderer,
  defaultTemplatePath,
  describeKind,
  generateReport,
  loadIncidentFile,
  loadTemplate,
  replayIncident,
} from '../src/index.js';
import { scaffoldIncident } from '../src/incident/scaffold-incident.js';

describe('report generation from the library', () => {
  it('loads, replays, fills the default template and renders a chart', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'incident-replay-api-'));
    try {
      const file = path.join(dir, 'api-outage.yaml');
      await writeFile(file, scaffoldIncident({ id: 'api-outage', timezone: 'UTC', schemaPath: 's.json', date: '2020-01-01', title: 'API outage' }));
      const { incident } = await loadIncidentFile(file);
      const replay = await replayIncident(incident!, { incidentFile: file });
      const template = await loadTemplate(defaultTemplatePath, 'default.md');
      const result = generateReport(replay, template, await describeKind(incident!, file));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const { markdown, charts, summary } = result.report;
      expect(markdown).toMatch(/^# API outage/m);
      expect(charts.length).toBeGreaterThan(0);
      expect(markdown).toContain(`charts/${charts[0]!.name}.png`);
      expect(summary.id).toBe('api-outage');
      const { png, svg } = new ChartRenderer().render(charts[0]!.config);
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(svg.toString('utf8')).toMatch(/^<\?xml|^<svg/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
