// Every duration of a report is stated once (analysis/incident-durations.ts) and read the same
// everywhere: the impact list, the key moments, the counterfactual table, the index and
// summary.json. Built in-process from the seed incidents, with a renderer that draws nothing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { captureIo, scratchProject } from '../cli/report-helpers.js';
import { runBuild } from '../../src/report/build.js';
import type { ChartRenderer } from '../../src/report/charts/chart-renderer.js';
import { formatDuration, formatHours } from '../../src/report/format/format-duration.js';

const noPixels = {
  render: () => ({ png: Buffer.alloc(0), svg: Buffer.alloc(0) }),
  renderSvg: () => Buffer.alloc(0),
} as unknown as ChartRenderer;

interface Summary {
  incidents: {
    id: string;
    title: string;
    primarySeries: string;
    moments: { trigger: string | null; start: string | null; resolved: string | null };
    durationsMinutes: { impact: number | null; resolve: number | null };
    residual: { recoveredAt: string | null; hoursAfterResolved: number | null } | null;
    scenarios: { metrics: Record<string, { recoveredAt: string | null; hoursToRecover: number | null }> }[];
  }[];
}

describe('durations agree across the report, the index and summary.json', () => {
  let dir: string;
  let summary: Summary;
  let index: string;
  const reports = new Map<string, string>();

  beforeAll(async () => {
    dir = await scratchProject();
    const io = captureIo(dir);
    const code = await runBuild({ paths: [], mode: 'build' }, io, { renderer: noPixels });
    expect(io.err.join('')).toBe('');
    expect(code).toBe(0);
    summary = JSON.parse(await readFile(path.join(dir, 'out/summary.json'), 'utf8')) as Summary;
    index = await readFile(path.join(dir, 'out/README.md'), 'utf8');
    for (const s of summary.incidents) reports.set(s.id, await readFile(path.join(dir, 'out', s.id, 'README.md'), 'utf8'));
  }, 120_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('covers the three seed incidents', () => {
    expect(summary.incidents.map((s) => s.id).sort()).toEqual(['aws-ebs-2011-04-21', 'aws-ebs-2012-10-22', 'aws-kinesis-2020-11-25']);
  });

  it('states one impact duration: start to resolved', () => {
    for (const s of summary.incidents) {
      const md = reports.get(s.id)!;
      const minutes = (Date.parse(s.moments.resolved!) - Date.parse(s.moments.start!)) / 60_000;
      expect(s.durationsMinutes.impact, s.id).toBe(minutes);
      expect(s.durationsMinutes.resolve, s.id).toBe(minutes);
      const text = formatDuration(minutes);
      expect(md.match(/\*\*Duration\*\*: ([^,]+),/)?.[1], `${s.id} impact list`).toBe(text);
      expect(md.match(/\| Resolved +\|[^|]+\|[^|]+\| ([^(|]+) \(time to resolve/)?.[1]?.trim(), `${s.id} key moments`).toBe(text);
      const cells = (line: string) => line.split('|').map((c) => c.trim());
      const duration = cells(index.split('\n').find((l) => l.startsWith('| Incident'))!).indexOf('Duration');
      const row = index.split('\n').find((l) => l.includes(`](${s.id}/README.md)`))!;
      expect(cells(row)[duration], `${s.id} index`).toBe(text);
    }
  });

  it('states one time to recover, counted from the trigger', () => {
    for (const s of summary.incidents) {
      const md = reports.get(s.id)!;
      const m = s.scenarios[0]!.metrics[s.primarySeries]!;
      expect(m.recoveredAt, s.id).not.toBeNull();
      const hours = (Date.parse(m.recoveredAt!) - Date.parse(s.moments.trigger!)) / 3_600_000;
      expect(m.hoursToRecover, s.id).toBeCloseTo(hours, 4);
      const text = formatHours(hours);
      expect(md.match(/, ([^,]+) after the trigger \(time to recover\)/)?.[1], `${s.id} replay line`).toBe(text);
      const actualRow = md.split('\n').find((l) => l.startsWith('| **Actual (replay)**'))!;
      expect(actualRow.split('|').map((c) => c.trim())[4], `${s.id} counterfactual table`).toBe(text);
    }
  });

  it('states the residual impact after the resolved moment apart from the duration', () => {
    for (const s of summary.incidents) {
      const md = reports.get(s.id)!;
      expect(s.residual, s.id).not.toBeNull();
      expect(md, s.id).toMatch(/\*\*Residual impact\*\* after the resolved moment/);
      if (s.residual!.recoveredAt !== null && s.residual!.hoursAfterResolved! > 0) {
        expect(md).toContain(`${formatHours(s.residual!.hoursAfterResolved!)} after it`);
      }
    }
    // The index says what its duration is, and not "the last resolved event" (false for two).
    expect(index).not.toMatch(/last resolved event/);
  });

  it('never calls a figure of no impact the largest', () => {
    // Prose is wrapped at 100 columns: compare the words, not the line breaks.
    const kinesis = reports.get('aws-kinesis-2020-11-25')!.replace(/\s+/g, ' ');
    expect(kinesis).not.toMatch(/largest figure\): Request errors: 0/);
    expect(kinesis).not.toMatch(/\*\*\w+\*\*(\[\^[^\]]+\])? \(largest impact[^)]*\): Request errors/);
    // The key figure of a lower-is-worse series is its lowest, labelled by its provenance.
    expect(kinesis).toMatch(/\*\*(Published|Reading)\*\*(\[\^[^\]]+\])? \(largest impact, the lowest figure\): Servers within the thread limit: 0%/);
  });
});
